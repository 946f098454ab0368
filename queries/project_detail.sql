-- One evaluated project, every field, within the user's scope. $id: project_id.
SELECT * FROM evaluations WHERE project_id = $id AND in_scope(district, town, $scope_district, $scope_town)
