-- Per district: projects, money, mean score and open 整改 in scope. $theme: 'video', 'grid' (grid or cityops) or NULL.
WITH ev AS (
    SELECT * FROM scoped_evaluations($years, NULL, NULL, $unit, $category, $grade, $scope_district, $scope_town)
    WHERE district IS NOT NULL
      AND ($theme IS NULL OR list_contains(themes, $theme) OR ($theme = 'grid' AND list_contains(themes, 'cityops')))
),
open_items AS (
    SELECT district, count(*) AS open_items
    FROM scoped_items($years, NULL, NULL, $unit, $category, $grade, $today, $scope_district, $scope_town)
    WHERE status <> 'done' AND project_id IN (SELECT project_id FROM ev)
    GROUP BY district
)
SELECT ev.district, count(*) AS projects, round(sum(amount_wan), 2) AS amount_wan, round(avg(valid_score), 2) AS mean_score,
       coalesce(any_value(open_items.open_items), 0) AS open_items
FROM ev LEFT JOIN open_items USING (district)
GROUP BY ev.district
ORDER BY ev.district
