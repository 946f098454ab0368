-- Headline numbers for the filtered scope: projects, money, scores, 整改, lights, documents, freshness.
WITH ev AS (SELECT * FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)),
     it AS (SELECT * FROM scoped_items($years, $district, $town, $unit, $category, $grade, $today, $scope_district, $scope_town)),
     docs AS (SELECT * FROM documents WHERE in_scope(district, town, $scope_district, $scope_town)),
     mo AS (SELECT * FROM scoped_monitoring($years, $district, $town, $unit, $category, $scope_district, $scope_town))
SELECT
    (SELECT count(*) FROM ev) AS projects,
    (SELECT round(sum(amount_wan), 2) FROM ev) AS amount_wan,
    (SELECT round(avg(score), 2) FROM ev) AS mean_score,
    (SELECT round(sum(score * amount_wan) / nullif(sum(amount_wan) FILTER (WHERE score IS NOT NULL), 0), 2) FROM ev) AS weighted_score,
    (SELECT round(avg(CASE WHEN grade = '优' THEN 1.0 ELSE 0.0 END), 4) FROM ev WHERE grade IS NOT NULL) AS share_excellent,
    (SELECT count(*) FROM it WHERE status <> 'done') AS open_items,
    (SELECT count(*) FROM it WHERE overdue) AS overdue_items,
    (SELECT count(*) FROM mo) AS tracked,
    (SELECT count(*) FROM mo WHERE light = 'red') AS red_lights,
    (SELECT count(*) FROM docs) AS documents,
    (SELECT count(*) FROM docs WHERE status = 'quarantined') AS quarantined,
    (SELECT count(*) FROM docs WHERE len(messages) > 0 AND status <> 'quarantined') AS with_findings,
    (SELECT coalesce(bool_or(demo), false) FROM docs) AS has_demo,
    (SELECT max(ingested_at) FROM docs) AS last_ingest
