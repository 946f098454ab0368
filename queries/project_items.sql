-- The 整改 items of one project in their current state (latest update, else the document). $id, $today.
SELECT seq, problem, action, status, read_status, evidence, due_date, overdue, note, update_evidence,
       updated_by, updated_at, state_source, item_id, year
FROM any_items($today, $scope_district, $scope_town)
WHERE project_id = $id
ORDER BY seq
