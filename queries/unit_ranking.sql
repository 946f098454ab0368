-- Units ranked by mean score, with amount-weighted score, count, lowest, and change from the year before.
-- Scores in 0–100 only. The change compares the unit's latest year in the filters with the year before
-- it under the same filters (category, grade, place; every year, so the year before is there).
-- unconfirmed_projects: the unit's projects holding a value still 待核对 (人工核对).
WITH every_year AS MATERIALIZED (
    SELECT * FROM scoped_evaluations(NULL, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)
),
ev AS (
    SELECT e.*, u.open_values FROM every_year e
    LEFT JOIN unconfirmed_rows() u ON u.tbl = 'evaluations' AND u.doc_id = e.doc_id AND u.project_id = e.project_id
    WHERE $years IS NULL OR list_contains($years, e.year)
),
per_year AS (
    SELECT unit, district, year, avg(valid_score) AS mean_score
    FROM every_year WHERE unit IS NOT NULL GROUP BY ALL
),
latest AS (SELECT unit, district, max(year) AS year FROM ev GROUP BY ALL)
SELECT ev.unit, ev.district, count(*) AS projects, round(sum(ev.amount_wan), 2) AS amount_wan,
       round(avg(ev.valid_score), 2) AS mean_score,
       round(sum(ev.valid_score * ev.amount_wan) / nullif(sum(ev.amount_wan) FILTER (WHERE ev.valid_score IS NOT NULL), 0), 2) AS weighted_score,
       min(ev.valid_score) AS lowest_score,
       any_value(latest.year) AS latest_year,
       round(any_value(cur.mean_score) - any_value(prev.mean_score), 2) AS change_from_last_year,
       count(*) FILTER (WHERE ev.open_values > 0) AS unconfirmed_projects
FROM ev
JOIN latest ON latest.unit = ev.unit AND latest.district IS NOT DISTINCT FROM ev.district
LEFT JOIN per_year cur ON cur.unit = ev.unit AND cur.district IS NOT DISTINCT FROM ev.district AND cur.year = latest.year
LEFT JOIN per_year prev ON prev.unit = ev.unit AND prev.district IS NOT DISTINCT FROM ev.district AND prev.year = latest.year - 1
WHERE ev.unit IS NOT NULL
GROUP BY ev.unit, ev.district
ORDER BY mean_score DESC NULLS LAST, projects DESC
