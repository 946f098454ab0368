-- The audit trail of follow-up updates (admins). Optional: $user, $unit, $since, $until (DATE); scope applies.
SELECT u."at", u."user", i.district, i.unit, i.project, i.seq, u.status, u.due_date, u.note, u.evidence,
       i.item_id IS NULL AS orphaned, u.item_id, u.update_id, u.n
FROM rectification_updates u
LEFT JOIN any_items(NULL, $scope_district, $scope_town) i USING (item_id)
WHERE ($user IS NULL OR u."user" = $user)
  AND ($unit IS NULL OR i.unit = $unit)
  AND ($since IS NULL OR u."at" >= CAST($since AS DATE))
  AND ($until IS NULL OR u."at" < CAST($until AS DATE) + INTERVAL 1 DAY)
  AND (i.item_id IS NOT NULL OR ($scope_district IS NULL AND $scope_town IS NULL))
ORDER BY u.n DESC
