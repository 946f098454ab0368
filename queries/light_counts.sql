-- Tracked projects in scope per light (each project once, at its latest period), and how many had their budget cut by over half.
SELECT light, count(*) AS projects,
       count(*) FILTER (WHERE adjust_down_wan / nullif(budget_initial_wan, 0) > 0.5) AS cut_over_half
FROM latest_monitoring($years, $district, $town, $unit, $category, $scope_district, $scope_town)
WHERE light IS NOT NULL
GROUP BY light
ORDER BY list_position(['red', 'yellow', 'green'], light)
