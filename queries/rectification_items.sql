-- 整改 items with their project, overdue when a due date has passed and the item is not done.
-- Params: $today DATE (required for the overdue flag), $status, $year, $district (optional).
SELECT r.item_id, e.year, e.district, e.unit, e.name AS project, r.seq, r.problem, r.action, r.status,
       r.evidence, r.due_date,
       (r.status <> 'done' AND r.due_date < CAST($today AS DATE)) AS overdue,
       r.project_id
FROM rectifications r JOIN evaluations e USING (project_id)
WHERE ($status IS NULL OR r.status = $status)
  AND ($year IS NULL OR e.year = $year)
  AND ($district IS NULL OR e.district = $district)
ORDER BY overdue DESC, r.due_date NULLS LAST, e.name, r.seq
