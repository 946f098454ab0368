-- Updates whose item no longer exists in the lake (its document's text changed): kept, listed, never dropped.
-- Only for users without a scope: an orphan's place is no longer known.
SELECT u."at", u."user", u.item_id, u.status, u.due_date, u.note
FROM rectification_updates u
WHERE u.item_id NOT IN (SELECT item_id FROM rectifications)
  AND $scope_district IS NULL AND $scope_town IS NULL
ORDER BY u.n DESC
