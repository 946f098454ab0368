-- 整改 item counts per unit and status (for stacked bars), units with most open items first.
WITH it AS (SELECT * FROM scoped_items($years, $district, $town, $unit, $category, $grade, $today, $scope_district, $scope_town))
SELECT unit, status, count(*) AS items, count(*) FILTER (WHERE overdue) AS overdue,
       sum(count(*) FILTER (WHERE status <> 'done')) OVER (PARTITION BY unit) AS open_in_unit
FROM it
GROUP BY unit, status
ORDER BY open_in_unit DESC, unit, status
