-- Sign-ins, refused sign-ins and account changes, newest first (the 审计 page; admins). Optional: $user,
-- $action, $since, $until (DATE). Events carry no district, so only a city-wide scope sees them.
SELECT a."at", a."user", a.action, a.detail, a.n
FROM audit_log a
WHERE $scope_district IS NULL AND $scope_town IS NULL
  AND ($user IS NULL OR a."user" = $user)
  AND ($action IS NULL OR a.action = $action)
  AND ($since IS NULL OR a."at" >= CAST($since AS DATE))
  AND ($until IS NULL OR a."at" < CAST($until AS DATE) + INTERVAL 1 DAY)
ORDER BY a.n DESC
