-- Every 整改 item in scope as problem → action → status, overdue first, a page at a time.
-- With the project's score and stated grade. $status filters (optional; 'overdue' for overdue items); $limit/$offset page (default all).
SELECT item_id, project_id, year, district, town, unit, project, seq, problem, action, status, evidence,
       due_date, overdue, score, grade, state_source, read_status, updated_by, updated_at, note, update_evidence,
       count(*) OVER () AS total
FROM scoped_items($years, $district, $town, $unit, $category, $grade, $today, $scope_district, $scope_town)
WHERE $status IS NULL OR status = $status OR ($status = 'overdue' AND overdue)
ORDER BY overdue DESC, due_date NULLS LAST, project, seq
LIMIT $limit OFFSET coalesce($offset, 0)
