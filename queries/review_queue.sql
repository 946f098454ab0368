-- 人工核对 (待核对): every value the reader was unsure of, every plausibility finding and every document
-- that stated no values, one row per value, the most money at stake first. Filters: the sidebar's
-- $years/$district/$town/$unit, $doc_id, $reason (a reason_kind: 单位存疑 …), $project_id, $review_id;
-- $state: open (default), done (confirmed or corrected) or all. $limit (default 100000).
SELECT review_id, doc_id, project_id, field, value, reason, source_ref,
       field_label, value_kind, reason_kind, reason_kinds, read_value, read_raw, value_raw, tbl, period_end,
       source_name, district, town, unit, year, name, money_wan, field_lines, line_no, line_end,
       open, action, reviewed_by, reviewed_at, corrected_by, corrected_at, note
FROM review_items()
WHERE in_scope(district, town, $scope_district, $scope_town)
  AND in_filters(year, district, town, unit, NULL, $years, $district, $town, $unit, NULL)
  AND ($doc_id IS NULL OR doc_id = $doc_id)
  AND ($reason IS NULL OR list_contains(reason_kinds, $reason))
  AND ($project_id IS NULL OR project_id = $project_id)
  AND ($review_id IS NULL OR review_id = $review_id)
  AND (coalesce($state, 'open') = 'all' OR open = (coalesce($state, 'open') = 'open'))
ORDER BY money_wan DESC NULLS LAST, source_name, project_id, field
LIMIT coalesce($limit, 100000)
