-- Per town in scope: money, projects and mean score (the map's points). $theme as in district_map.
SELECT district, town, count(*) AS projects, round(sum(amount_wan), 2) AS amount_wan, round(avg(valid_score), 2) AS mean_score
FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)
WHERE town IS NOT NULL
  AND ($theme IS NULL OR list_contains(themes, $theme) OR ($theme = 'grid' AND list_contains(themes, 'cityops')))
GROUP BY district, town
ORDER BY amount_wan DESC
