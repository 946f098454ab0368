-- Tracked projects with their red/yellow/green light. Params (optional): $year, $district, $light.
SELECT project_id, year, district, town, unit, name, period_end, budget_initial_wan, budget_wan, executed_wan,
       execution_rate, time_elapsed, light, light_rule, conclusion, budget_outlook, goal_outlook,
       adjust_down_wan / nullif(budget_initial_wan, 0) AS cut_share
FROM monitoring
WHERE ($year IS NULL OR year = $year)
  AND ($district IS NULL OR district = $district)
  AND ($light IS NULL OR light = $light)
ORDER BY list_position(['red', 'yellow', 'green'], light), execution_rate
