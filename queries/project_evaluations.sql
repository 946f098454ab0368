-- Every evaluation of the project that $id names (any of them): the same district, unit, year and name,
-- each evaluation type once, the shown one first (independent before self, then the latest document).
WITH p AS (SELECT * FROM evaluations WHERE project_id = $id AND in_scope(district, town, $scope_district, $scope_town)),
shown AS (SELECT project_id FROM shown_evaluations())
SELECT e.project_id, e.eval_type, e.evaluator, e.score, e.grade, e.effective_grade, e.grade_derived,
       e.doc_date, e.stated_on, e.project_id IN (SELECT project_id FROM shown) AS shown, e.doc_id
FROM evaluations_read() e, p
WHERE e.district IS NOT DISTINCT FROM p.district AND e.unit IS NOT DISTINCT FROM p.unit
  AND e.year IS NOT DISTINCT FROM p.year AND e.name = p.name AND in_scope(e.district, e.town, $scope_district, $scope_town)
ORDER BY shown DESC, e.eval_type IS NOT DISTINCT FROM 'self', e.stated_on DESC, e.stated_at DESC
