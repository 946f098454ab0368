-- Every update of one 整改 item, newest first, if the item is in the user's scope. $item_id.
SELECT u."at", u."user", u.status, u.due_date, u.note, u.evidence
FROM rectification_updates u
WHERE u.item_id = $item_id
  AND u.item_id IN (SELECT item_id FROM any_items(NULL, $scope_district, $scope_town))
ORDER BY u.n DESC
