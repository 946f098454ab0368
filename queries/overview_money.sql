-- The overview's money questions in scope. budget_execution: executed ÷ budget over the projects
-- stating both (sums, so a big project weighs by its money, not one vote per project; a zero budget
-- has no rate and is left out). money_good / money_poor: the share of money in 优/良 and in 中/差,
-- of the money whose grade is known (stated or by score).
WITH ev AS (SELECT * FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)),
     both_stated AS (SELECT * FROM ev WHERE budget_wan > 0 AND executed_wan IS NOT NULL),
     graded AS (SELECT * FROM ev WHERE effective_grade IS NOT NULL AND amount_wan IS NOT NULL)
SELECT
    (SELECT round(sum(executed_wan) / nullif(sum(budget_wan), 0), 4) FROM both_stated) AS budget_execution,
    (SELECT count(*) FROM both_stated) AS with_budget,
    (SELECT round(coalesce(sum(amount_wan) FILTER (WHERE effective_grade IN ('优', '良')), 0) / nullif(sum(amount_wan), 0), 4) FROM graded) AS money_good,
    (SELECT round(coalesce(sum(amount_wan) FILTER (WHERE effective_grade IN ('中', '差')), 0) / nullif(sum(amount_wan), 0), 4) FROM graded) AS money_poor
