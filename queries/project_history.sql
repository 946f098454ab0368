-- The same project in other years: same unit and district, and the same name once years are taken out.
-- Each year's shown evaluation (independent before self), with its effective grade.
WITH p AS (SELECT * FROM evaluations WHERE project_id = $id AND in_scope(district, town, $scope_district, $scope_town))
SELECT e.project_id, e.year, e.name, e.amount_wan, e.score, e.grade, e.rectification_status,
       e.effective_grade, e.grade_derived, e.eval_type
FROM shown_evaluations() e, p
WHERE e.unit IS NOT DISTINCT FROM p.unit AND e.district IS NOT DISTINCT FROM p.district
  AND in_scope(e.district, e.town, $scope_district, $scope_town)
  AND regexp_replace(e.name, '\d{4}(\s*-\s*\d{4})?\s*年度?', '', 'g') = regexp_replace(p.name, '\d{4}(\s*-\s*\d{4})?\s*年度?', '', 'g')
ORDER BY e.year
