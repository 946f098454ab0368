-- The same project in other years: same unit and district, and the same name once years are taken out.
WITH p AS (SELECT * FROM evaluations WHERE project_id = $id)
SELECT e.project_id, e.year, e.name, e.amount_wan, e.score, e.grade, e.rectification_status
FROM evaluations e, p
WHERE e.unit IS NOT DISTINCT FROM p.unit AND e.district IS NOT DISTINCT FROM p.district
  AND regexp_replace(e.name, '\d{4}(\s*-\s*\d{4})?\s*年度?', '', 'g') = regexp_replace(p.name, '\d{4}(\s*-\s*\d{4})?\s*年度?', '', 'g')
ORDER BY e.year
