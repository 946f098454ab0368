-- Headline numbers for the filtered scope: projects, money, scores, 整改, lights, documents, freshness.
-- Projects are counted once (the shown evaluation; a tracked project's latest period). Scores outside
-- 0–100 and rates outside 0–300 % are counted as findings and left out of every mean.
WITH ev AS MATERIALIZED (SELECT * FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)),
     it AS MATERIALIZED (SELECT * FROM scoped_items($years, $district, $town, $unit, $category, $grade, $today, $scope_district, $scope_town)),
     docs AS (SELECT * FROM documents WHERE in_scope(district, town, $scope_district, $scope_town)),
     mo AS MATERIALIZED (SELECT * FROM latest_monitoring($years, $district, $town, $unit, $category, $scope_district, $scope_town))
SELECT
    (SELECT count(*) FROM ev) AS projects,
    (SELECT round(sum(amount_wan), 2) FROM ev) AS amount_wan,
    (SELECT round(avg(valid_score), 2) FROM ev) AS mean_score,
    (SELECT round(sum(valid_score * amount_wan) / nullif(sum(amount_wan) FILTER (WHERE valid_score IS NOT NULL), 0), 2) FROM ev) AS weighted_score,
    (SELECT round(avg(CASE WHEN effective_grade = '优' THEN 1.0 ELSE 0.0 END), 4) FROM ev WHERE effective_grade IS NOT NULL) AS share_excellent,
    (SELECT count(*) FROM ev WHERE grade_derived) AS derived_grades,
    (SELECT count(*) FROM ev WHERE score IS NOT NULL AND valid_score IS NULL) AS scores_out_of_range,
    (SELECT count(*) FROM ev WHERE execution_rate IS NOT NULL AND valid_rate IS NULL)
      + (SELECT count(*) FROM mo WHERE execution_rate IS NOT NULL AND NOT execution_rate BETWEEN 0 AND 3) AS rates_out_of_range,
    (SELECT count(*) FROM it WHERE status <> 'done') AS open_items,
    (SELECT count(*) FROM it WHERE overdue) AS overdue_items,
    (SELECT count(*) FROM mo) AS tracked,
    (SELECT count(*) FROM mo WHERE light = 'red') AS red_lights,
    (SELECT count(*) FROM docs) AS documents,
    (SELECT count(*) FROM docs WHERE status = 'quarantined') AS quarantined,
    (SELECT count(*) FROM docs WHERE len(messages) > 0 AND status <> 'quarantined') AS with_findings,
    (SELECT coalesce(bool_or(demo), false) FROM docs) AS has_demo,
    (SELECT max(ingested_at) FROM docs) AS last_ingest
