-- One tracked project's rows (one per period), within the user's scope. $id: project_id.
SELECT * FROM monitoring
WHERE project_id = $id AND in_scope(district, town, $scope_district, $scope_town)
ORDER BY period_end
