-- Headline numbers for a scope: projects, money, scores, grades, documents and freshness.
-- Params (all optional): $year INTEGER, $district VARCHAR.
WITH ev AS (
    SELECT * FROM evaluations
    WHERE ($year IS NULL OR year = $year) AND ($district IS NULL OR district = $district)
)
SELECT
    (SELECT count(*) FROM ev) AS projects,
    (SELECT round(sum(amount_wan), 2) FROM ev) AS amount_wan,
    (SELECT round(avg(score), 2) FROM ev) AS mean_score,
    (SELECT round(sum(score * amount_wan) / nullif(sum(amount_wan) FILTER (WHERE score IS NOT NULL), 0), 2) FROM ev) AS weighted_score,
    (SELECT round(avg(CASE WHEN grade = '优' THEN 1.0 ELSE 0.0 END), 4) FROM ev WHERE grade IS NOT NULL) AS share_excellent,
    (SELECT count(*) FROM documents) AS documents,
    (SELECT count(*) FROM documents WHERE status = 'quarantined') AS quarantined,
    (SELECT count(*) FROM documents WHERE len(messages) > 0 AND status <> 'quarantined') AS with_findings,
    (SELECT bool_or(demo) FROM documents) AS has_demo,
    (SELECT max(ingested_at) FROM documents) AS last_ingest
