-- The dashboard's filters, defined once. Loaded by oversight/query.py after the lake's views.
-- years: INTEGER[] or NULL; the others VARCHAR or NULL. `category` matches any theme (a project's
-- category is always among its themes), so 视频监控 shows every project that touches video.
CREATE OR REPLACE MACRO scoped_evaluations(years_, district_, town_, unit_, category_, grade_) AS TABLE
    SELECT * FROM evaluations e
    WHERE (years_ IS NULL OR list_contains(years_, e.year))
      AND (district_ IS NULL OR e.district = district_)
      AND (town_ IS NULL OR e.town = town_)
      AND (unit_ IS NULL OR e.unit = unit_)
      AND (category_ IS NULL OR list_contains(e.themes, category_))
      AND (grade_ IS NULL OR e.grade = grade_);

CREATE OR REPLACE MACRO scoped_monitoring(years_, district_, town_, unit_, category_) AS TABLE
    SELECT * FROM monitoring m
    WHERE (years_ IS NULL OR list_contains(years_, m.year))
      AND (district_ IS NULL OR m.district = district_)
      AND (town_ IS NULL OR m.town = town_)
      AND (unit_ IS NULL OR m.unit = unit_)
      AND (category_ IS NULL OR list_contains(m.themes, category_));

-- 整改 items of the projects in scope, with their project's facts and an overdue flag.
CREATE OR REPLACE MACRO scoped_items(years_, district_, town_, unit_, category_, grade_, today_) AS TABLE
    SELECT r.item_id, r.project_id, r.seq, r.problem, r.action, r.status, r.evidence, r.due_date,
           e.year, e.district, e.town, e.unit, e.name AS project, e.grade, e.score, e.demo,
           (r.status <> 'done' AND r.due_date < CAST(today_ AS DATE)) AS overdue
    FROM rectifications r
    JOIN scoped_evaluations(years_, district_, town_, unit_, category_, grade_) e USING (project_id);
