-- Projects and money per effective grade (stated, else by score), in grade order; `derived` of them
-- have no stated grade and are counted by their score's band. 未写明: neither a grade nor a score in 0–100.
WITH g AS (
    SELECT coalesce(effective_grade, '未写明') AS grade, amount_wan, grade_derived
    FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)
)
SELECT grade, count(*) AS projects, round(sum(amount_wan), 2) AS amount_wan,
       count(*) FILTER (WHERE grade_derived) AS derived
FROM g
GROUP BY grade
ORDER BY list_position(['优', '良', '中', '差', '未写明'], grade)
