-- Evaluated projects in scope, lowest score first ($order = 'desc' for highest first), a page at a time:
-- $limit (default 1000) rows from $offset (default 0). $theme: a map layer ('video'; 'grid' = grid or cityops).
-- One row per project (its shown evaluation), with its self-evaluation beside it (self_*).
-- 人工核对: corrected_fields/_by/_at (values a person corrected), unconfirmed (values still 待核对), and
-- review_mark, what a table shows of both (人工更正（who when） or 待核对 N 项).
-- rank: 名次 from the best, 1 = the highest valid score (0–100) under the filters; NULL without one.
SELECT CASE WHEN valid_score IS NOT NULL THEN rank() OVER (ORDER BY valid_score DESC NULLS LAST) END AS rank,
       e.project_id, year, district, town, unit, name, category, amount_wan, score, grade, grade_by_score,
       rectification_status, demo, source_ref, effective_grade, grade_derived, valid_score, eval_type,
       self_project_id, self_score, self_grade, statements,
       corrected_fields, corrected_by, corrected_at, coalesce(u.open_values, 0) AS unconfirmed,
       CASE WHEN corrected_by IS NOT NULL THEN '人工更正（' || corrected_by || ' ' || strftime(corrected_at, '%Y-%m-%d %H:%M') || '）'
            WHEN u.open_values > 0 THEN '待核对 ' || u.open_values || ' 项' END AS review_mark
FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town) e
LEFT JOIN unconfirmed_rows() u ON u.tbl = 'evaluations' AND u.doc_id = e.doc_id AND u.project_id = e.project_id
WHERE $theme IS NULL OR list_contains(themes, $theme) OR ($theme = 'grid' AND list_contains(themes, 'cityops'))
ORDER BY CASE WHEN $order = 'desc' THEN -score ELSE score END ASC NULLS LAST, amount_wan DESC, name
LIMIT coalesce($limit, 1000) OFFSET coalesce($offset, 0)
