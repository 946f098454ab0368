-- One evaluated project, every field. $id: project_id.
SELECT * FROM evaluations WHERE project_id = $id
