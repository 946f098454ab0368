-- One tracked project's rows (one per period). $id: project_id.
SELECT * FROM monitoring WHERE project_id = $id ORDER BY period_end
