-- Projects and money per stated grade, in grade order.
WITH g AS (
    SELECT coalesce(grade, '未写明') AS grade, amount_wan
    FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)
)
SELECT grade, count(*) AS projects, round(sum(amount_wan), 2) AS amount_wan
FROM g
GROUP BY grade
ORDER BY list_position(['优', '良', '中', '差', '未写明'], grade)
