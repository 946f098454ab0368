-- The dashboard's filters and the signed-in user's scope, defined once. Loaded by oversight/store/query.py.
-- years: INTEGER[] or NULL; the others VARCHAR or NULL. `category` matches any theme (a project's
-- category is always among its themes). scope_district_/scope_town_ come from the signed-in user,
-- never from the URL: every query passes them, so no filter can widen a user's scope.
CREATE OR REPLACE MACRO in_scope(d, t, scope_district_, scope_town_) AS
    (scope_district_ IS NULL OR d = scope_district_) AND (scope_town_ IS NULL OR t = scope_town_);

-- The sidebar's filters on one row's year, place, unit and themes (shared by evaluations and monitoring).
CREATE OR REPLACE MACRO in_filters(y, d, t, u, th, years_, district_, town_, unit_, category_) AS
    (years_ IS NULL OR list_contains(years_, y))
    AND (district_ IS NULL OR d = district_)
    AND (town_ IS NULL OR t = town_)
    AND (unit_ IS NULL OR u = unit_)
    AND (category_ IS NULL OR list_contains(th, category_));

-- Every evaluation with what the dashboard reads from it (docs/LAKE.md, "computed by the queries"):
--   effective_grade: the stated grade, else the band of the score; grade_derived says it was derived;
--   valid_score / valid_rate: the score in 0–100, the rate in 0–3 (300 %); outside is a finding
--   (documents.messages), so it enters no mean, sum of weights or minimum;
--   stated_on: the document's own date, else its ingest day, the order "latest" goes by (store/latest.py).
CREATE OR REPLACE MACRO evaluations_read() AS TABLE
    SELECT e.*, coalesce(e.grade, e.grade_by_score) AS effective_grade,
           (e.grade IS NULL AND e.grade_by_score IS NOT NULL) AS grade_derived,
           CASE WHEN e.score BETWEEN 0 AND 100 THEN e.score END AS valid_score,
           CASE WHEN e.execution_rate BETWEEN 0 AND 3 THEN e.execution_rate END AS valid_rate,
           d.doc_date, coalesce(d.doc_date, CAST(d.ingested_at AS DATE)) AS stated_on, d.ingested_at AS stated_at
    FROM evaluations e LEFT JOIN documents d USING (doc_id);

-- One evaluation per project (district, unit, year, name) as the dashboard shows it: an independent
-- evaluation (finance, department, unknown type) before the unit's self-evaluation, then the latest
-- document. A project the lake holds more than one evaluation of carries its self-evaluation beside
-- the shown one (self_*); `statements` says how many evaluations of the project the lake holds.
-- Only those few projects are grouped and joined back (most are stated once): the page stays fast.
CREATE OR REPLACE MACRO shown_evaluations() AS TABLE
    WITH e AS (SELECT * FROM evaluations_read()),
    g AS (
        SELECT district, unit, year, name,
               arg_max(project_id, (eval_type IS DISTINCT FROM 'self', stated_on, stated_at, project_id)) AS shown_id,
               arg_max_null(project_id, (stated_on, stated_at)) FILTER (WHERE eval_type = 'self') AS self_project_id,
               arg_max_null(score, (stated_on, stated_at)) FILTER (WHERE eval_type = 'self') AS self_score,
               arg_max_null(grade, (stated_on, stated_at)) FILTER (WHERE eval_type = 'self') AS self_grade,
               count(*) AS statements
        FROM e GROUP BY ALL HAVING count(*) > 1
    )
    SELECT e.*, g.self_project_id, g.self_score, g.self_grade, coalesce(g.statements, 1) AS statements
    FROM e LEFT JOIN g ON g.district IS NOT DISTINCT FROM e.district AND g.unit IS NOT DISTINCT FROM e.unit
                      AND g.year IS NOT DISTINCT FROM e.year AND g.name = e.name
    WHERE g.shown_id IS NULL OR e.project_id = g.shown_id;

-- The shown evaluations under the sidebar's filters and the user's scope; grade_ is the effective grade.
CREATE OR REPLACE MACRO scoped_evaluations(years_, district_, town_, unit_, category_, grade_, scope_district_, scope_town_) AS TABLE
    SELECT * FROM shown_evaluations() e
    WHERE in_filters(e.year, e.district, e.town, e.unit, e.themes, years_, district_, town_, unit_, category_)
      AND (grade_ IS NULL OR e.effective_grade = grade_)
      AND in_scope(e.district, e.town, scope_district_, scope_town_);

CREATE OR REPLACE MACRO scoped_monitoring(years_, district_, town_, unit_, category_, scope_district_, scope_town_) AS TABLE
    SELECT * FROM monitoring m
    WHERE in_filters(m.year, m.district, m.town, m.unit, m.themes, years_, district_, town_, unit_, category_)
      AND in_scope(m.district, m.town, scope_district_, scope_town_);

-- One row per tracked project: its latest period (a project tracked in June and in August is one
-- project, with the August light). `periods` says how many periods the lake holds for it.
CREATE OR REPLACE MACRO latest_monitoring(years_, district_, town_, unit_, category_, scope_district_, scope_town_) AS TABLE
    SELECT *, count(*) OVER (PARTITION BY project_id) AS periods
    FROM scoped_monitoring(years_, district_, town_, unit_, category_, scope_district_, scope_town_)
    QUALIFY row_number() OVER (PARTITION BY project_id ORDER BY period_end DESC NULLS LAST) = 1;

-- Each item's latest follow-up update (rectification_updates comes from data/oversight.duckdb).
-- Its due date is the last one any update gave (an update without a date keeps the earlier date).
CREATE OR REPLACE MACRO latest_updates() AS TABLE
    SELECT * REPLACE (last_value(due_date IGNORE NULLS) OVER (
               PARTITION BY item_id ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS due_date)
    FROM rectification_updates
    QUALIFY row_number() OVER (PARTITION BY item_id ORDER BY n DESC) = 1;

-- Every 整改 item in its current state: the latest update, else what the document said; an update
-- without a due date keeps the earlier one. Overdue: due date passed, not done.
CREATE OR REPLACE MACRO item_states(today_) AS TABLE
    SELECT r.item_id, r.project_id, r.seq, r.problem, r.action,
           coalesce(u.status, r.status) AS status, r.status AS read_status, r.evidence,
           coalesce(u.due_date, r.due_date) AS due_date, u.note, u.evidence AS update_evidence,
           u."user" AS updated_by, u."at" AS updated_at,
           CASE WHEN u.item_id IS NULL THEN 'document' ELSE 'update' END AS state_source,
           coalesce(coalesce(u.status, r.status) <> 'done' AND coalesce(u.due_date, r.due_date) < CAST(today_ AS DATE), false) AS overdue
    FROM rectifications r
    LEFT JOIN latest_updates() u USING (item_id);

-- The items of the shown evaluations under the filters and the user's scope (counts, lists, charts).
CREATE OR REPLACE MACRO scoped_items(years_, district_, town_, unit_, category_, grade_, today_, scope_district_, scope_town_) AS TABLE
    SELECT i.*, e.year, e.district, e.town, e.unit, e.name AS project, e.grade, e.effective_grade, e.score, e.eval_type, e.demo
    FROM item_states(today_) i
    JOIN scoped_evaluations(years_, district_, town_, unit_, category_, grade_, scope_district_, scope_town_) e USING (project_id);

-- Every item in the user's scope, of any evaluation (one project's page, access checks, the audit).
CREATE OR REPLACE MACRO any_items(today_, scope_district_, scope_town_) AS TABLE
    SELECT i.*, e.year, e.district, e.town, e.unit, e.name AS project, e.grade, e.effective_grade, e.score, e.eval_type, e.demo
    FROM item_states(today_) i
    JOIN evaluations_read() e USING (project_id)
    WHERE in_scope(e.district, e.town, scope_district_, scope_town_);
