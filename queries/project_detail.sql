-- One evaluation, every field (and the effective grade), within the user's scope. $id: project_id.
-- Any evaluation, shown or not: project_evaluations lists the project's others.
SELECT * FROM evaluations_read() WHERE project_id = $id AND in_scope(district, town, $scope_district, $scope_town)
