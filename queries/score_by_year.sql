-- Mean and amount-weighted score per year.
SELECT year, count(*) AS projects, round(avg(valid_score), 2) AS mean_score,
       round(sum(valid_score * amount_wan) / nullif(sum(amount_wan) FILTER (WHERE valid_score IS NOT NULL), 0), 2) AS weighted_score
FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)
WHERE year IS NOT NULL
GROUP BY year
ORDER BY year
