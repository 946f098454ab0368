-- 整改 items in scope per status, with how many of them are overdue.
SELECT status, count(*) AS items, count(*) FILTER (WHERE overdue) AS overdue
FROM scoped_items($years, $district, $town, $unit, $category, $grade, $today, $scope_district, $scope_town)
GROUP BY status
ORDER BY list_position(['not_started', 'planned', 'in_progress', 'unknown', 'done'], status)
