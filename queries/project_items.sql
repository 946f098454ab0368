-- The 整改 items of one project, with the overdue flag. $id, $today.
SELECT seq, problem, action, status, evidence, due_date,
       (status <> 'done' AND due_date < CAST($today AS DATE)) AS overdue, item_id
FROM rectifications WHERE project_id = $id ORDER BY seq
