-- 待核对 in numbers, under the sidebar's filters and the user's scope: values still waiting for a person
-- (open_values; open_documents of them are whole documents), the shown projects holding one, and the
-- share of money in them (evaluations by amount, tracked projects by budget at their latest period).
WITH shown AS (
    SELECT 'evaluations' AS tbl, doc_id, project_id, NULL::DATE AS period_end, amount_wan AS money
    FROM scoped_evaluations($years, $district, $town, $unit, $category, $grade, $scope_district, $scope_town)
    UNION ALL
    SELECT 'monitoring', doc_id, project_id, period_end, budget_wan
    FROM latest_monitoring($years, $district, $town, $unit, $category, $scope_district, $scope_town)
),
flagged AS (
    SELECT s.money, u.open_values
    FROM shown s LEFT JOIN unconfirmed_rows() u
      ON u.tbl = s.tbl AND u.doc_id = s.doc_id AND u.project_id = s.project_id AND u.period_end IS NOT DISTINCT FROM s.period_end
),
queue AS (
    SELECT * FROM review_items()
    WHERE open AND in_scope(district, town, $scope_district, $scope_town)
      AND in_filters(year, district, town, unit, NULL, $years, $district, $town, $unit, NULL)
)
SELECT
    (SELECT count(*) FROM queue) AS open_values,
    (SELECT count(*) FROM queue WHERE project_id IS NULL) AS open_documents,
    (SELECT count(*) FROM flagged WHERE open_values IS NOT NULL) AS projects_unconfirmed,
    (SELECT round(coalesce(sum(money) FILTER (WHERE open_values IS NOT NULL), 0), 2) FROM flagged) AS money_unconfirmed_wan,
    (SELECT round(coalesce(sum(money), 0), 2) FROM flagged) AS money_wan,
    (SELECT round(coalesce(sum(money) FILTER (WHERE open_values IS NOT NULL), 0) / nullif(sum(money), 0), 4) FROM flagged) AS share_unconfirmed
