-- How sure the reader was of the values on the shown projects, under the filters and the user's scope:
-- values read below "sure" (field_confidence is {field: [how it was read, sure|likely|unsure]}), the
-- projects holding an unsure value and the money in them. Counted on the text: one mark per value.
WITH r AS (
    SELECT field_confidence AS fc, amount_wan AS money
    FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)
    UNION ALL
    SELECT field_confidence, budget_wan
    FROM latest_monitoring($years, $district, $town, $unit, $category, $scope_district, $scope_town)
)
SELECT
    coalesce(sum((length(fc) - length(replace(fc, '"unsure"', ''))) // 8), 0) AS unsure_values,
    coalesce(sum((length(fc) - length(replace(fc, '"likely"', ''))) // 8), 0) AS likely_values,
    count(*) FILTER (WHERE fc LIKE '%"unsure"%') AS projects_unsure,
    round(coalesce(sum(money) FILTER (WHERE fc LIKE '%"unsure"%'), 0), 2) AS money_unsure_wan,
    round(coalesce(sum(money), 0), 2) AS money_wan
FROM r
