-- Tracked projects in scope, each once at its latest period, with their light, the rule, and budget cuts.
-- $light filters (optional). `periods`: how many periods the lake holds for the project (monitoring_detail lists them).
SELECT project_id, year, district, town, unit, name, period_end, budget_initial_wan, budget_wan, executed_wan,
       execution_rate, time_elapsed, execution_rate - time_elapsed AS gap, light, light_rule, conclusion,
       budget_outlook, goal_outlook, adjust_down_wan,
       adjust_down_wan / nullif(budget_initial_wan, 0) AS cut_share,
       coalesce(adjust_down_wan / nullif(budget_initial_wan, 0) > 0.5, false) AS cut_over_half,
       periods, source_ref
FROM latest_monitoring($years, $district, $town, $unit, $category, $scope_district, $scope_town)
WHERE $light IS NULL OR light = $light
ORDER BY list_position(['red', 'yellow', 'green'], light), gap
