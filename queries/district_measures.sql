-- The overview's district × measure table: per district, projects, money, mean score, open and overdue
-- 整改, and red lights, under every filter except the district itself (the table is where a district
-- is chosen). Projects once (the shown evaluation; a tracked project's latest period); scores in 0–100.
WITH ev AS (
    SELECT district, count(*) AS projects, round(sum(amount_wan), 2) AS amount_wan, round(avg(valid_score), 2) AS mean_score
    FROM scoped_evaluations($years, NULL, $town, $unit, $category, $grade, $scope_district, $scope_town)
    GROUP BY district
),
it AS (
    SELECT district, count(*) FILTER (WHERE status <> 'done') AS open_items, count(*) FILTER (WHERE overdue) AS overdue_items
    FROM scoped_items($years, NULL, $town, $unit, $category, $grade, $today, $scope_district, $scope_town)
    GROUP BY district
),
mo AS (
    SELECT district, count(*) FILTER (WHERE light = 'red') AS red_lights
    FROM latest_monitoring($years, NULL, $town, $unit, $category, $scope_district, $scope_town)
    GROUP BY district
),
d AS (SELECT district FROM ev UNION SELECT district FROM it UNION SELECT district FROM mo)
SELECT d.district, coalesce(ev.projects, 0) AS projects, ev.amount_wan, ev.mean_score,
       coalesce(it.open_items, 0) AS open_items, coalesce(it.overdue_items, 0) AS overdue_items,
       coalesce(mo.red_lights, 0) AS red_lights
FROM d LEFT JOIN ev USING (district) LEFT JOIN it USING (district) LEFT JOIN mo USING (district)
WHERE d.district IS NOT NULL
ORDER BY projects DESC, d.district
