-- Main categories ranked by mean score (scores in 0–100 only; others are findings).
SELECT category, count(*) AS projects, round(sum(amount_wan), 2) AS amount_wan, round(avg(valid_score), 2) AS mean_score,
       round(sum(valid_score * amount_wan) / nullif(sum(amount_wan) FILTER (WHERE valid_score IS NOT NULL), 0), 2) AS weighted_score,
       min(valid_score) AS lowest_score
FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)
GROUP BY category
ORDER BY mean_score DESC NULLS LAST
