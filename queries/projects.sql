-- Evaluated projects in a scope, lowest score first. Params (optional): $year, $district, $grade, $limit.
SELECT project_id, year, district, town, unit, name, category, amount_wan, score, grade, grade_by_score,
       rectification_status, demo, source_ref
FROM evaluations
WHERE ($year IS NULL OR year = $year)
  AND ($district IS NULL OR district = $district)
  AND ($grade IS NULL OR grade = $grade)
ORDER BY score ASC NULLS LAST, amount_wan DESC
LIMIT coalesce($limit, 1000)
