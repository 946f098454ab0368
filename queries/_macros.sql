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

CREATE OR REPLACE MACRO scoped_evaluations(years_, district_, town_, unit_, category_, grade_, scope_district_, scope_town_) AS TABLE
    SELECT * FROM evaluations e
    WHERE in_filters(e.year, e.district, e.town, e.unit, e.themes, years_, district_, town_, unit_, category_)
      AND (grade_ IS NULL OR e.grade = grade_)
      AND in_scope(e.district, e.town, scope_district_, scope_town_);

CREATE OR REPLACE MACRO scoped_monitoring(years_, district_, town_, unit_, category_, scope_district_, scope_town_) AS TABLE
    SELECT * FROM monitoring m
    WHERE in_filters(m.year, m.district, m.town, m.unit, m.themes, years_, district_, town_, unit_, category_)
      AND in_scope(m.district, m.town, scope_district_, scope_town_);

-- Each item's latest follow-up update (rectification_updates comes from data/oversight.duckdb).
-- Its due date is the last one any update gave (an update without a date keeps the earlier date).
CREATE OR REPLACE MACRO latest_updates() AS TABLE
    SELECT * REPLACE (last_value(due_date IGNORE NULLS) OVER (
               PARTITION BY item_id ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS due_date)
    FROM rectification_updates
    QUALIFY row_number() OVER (PARTITION BY item_id ORDER BY n DESC) = 1;

-- 整改 items of the projects in scope in their current state: the latest update, else what the
-- document said; an update without a due date keeps the earlier one. Overdue: due date passed, not done.
CREATE OR REPLACE MACRO scoped_items(years_, district_, town_, unit_, category_, grade_, today_, scope_district_, scope_town_) AS TABLE
    SELECT r.item_id, r.project_id, r.seq, r.problem, r.action,
           coalesce(u.status, r.status) AS status, r.status AS read_status, r.evidence,
           coalesce(u.due_date, r.due_date) AS due_date, u.note, u.evidence AS update_evidence,
           u."user" AS updated_by, u."at" AS updated_at,
           CASE WHEN u.item_id IS NULL THEN 'document' ELSE 'update' END AS state_source,
           e.year, e.district, e.town, e.unit, e.name AS project, e.grade, e.score, e.demo,
           (coalesce(u.status, r.status) <> 'done' AND coalesce(u.due_date, r.due_date) < CAST(today_ AS DATE)) AS overdue
    FROM rectifications r
    JOIN scoped_evaluations(years_, district_, town_, unit_, category_, grade_, scope_district_, scope_town_) e USING (project_id)
    LEFT JOIN latest_updates() u USING (item_id);
