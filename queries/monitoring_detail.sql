-- One tracked project's rows (one per period), within the user's scope. $id: project_id.
-- Corrected values (人工核对) replace the reading, as everywhere (monitoring_read()).
SELECT * FROM monitoring_read()
WHERE project_id = $id AND in_scope(district, town, $scope_district, $scope_town)
ORDER BY period_end
