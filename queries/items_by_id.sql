-- The items a user may change: the requested ids that are in the user's scope, with their year. $ids VARCHAR[].
SELECT item_id, year, district, town, project
FROM any_items(NULL, $scope_district, $scope_town)
WHERE list_contains($ids, item_id)
