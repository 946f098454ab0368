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

-- 人工核对 (review): corrections come from the shared store (review_corrections, store/review.py).
-- Each reviewed value's latest word: the latest action (confirm | correct | not_a_document), who and
-- when; and the value a person entered (the latest correction, in the lake's units), who and when.
CREATE OR REPLACE MACRO latest_reviews() AS TABLE
    SELECT review_id, any_value(tbl) AS tbl, any_value(doc_id) AS doc_id, any_value(project_id) AS project_id,
           any_value(period_end) AS period_end, any_value(field) AS field,
           arg_max(action, n) AS action, arg_max("user", n) AS reviewed_by, arg_max("at", n) AS reviewed_at,
           arg_max(note, n) AS note,
           arg_max(new_value, n) FILTER (WHERE action = 'correct') AS corrected_value,
           arg_max("user", n) FILTER (WHERE action = 'correct') AS corrected_by,
           arg_max("at", n) FILTER (WHERE action = 'correct') AS corrected_at
    FROM review_corrections GROUP BY review_id;

-- Per lake row (tbl_: 'evaluations' | 'monitoring'), its corrected values as a map field → value and
-- who corrected it last, when.
CREATE OR REPLACE MACRO row_corrections(tbl_) AS TABLE
    SELECT doc_id, project_id, period_end, map_from_entries(list((field, corrected_value))) AS fixed,
           list_sort(list(field)) AS corrected_fields, max(corrected_at) AS corrected_at,
           arg_max(corrected_by, corrected_at) AS corrected_by
    FROM latest_reviews()
    WHERE tbl = tbl_ AND corrected_value IS NOT NULL
    GROUP BY doc_id, project_id, period_end;

-- Documents an admin marked "not a performance document": their rows leave the queue and every page.
CREATE OR REPLACE MACRO not_documents() AS TABLE
    SELECT doc_id, reviewed_by, reviewed_at FROM latest_reviews() WHERE tbl = 'documents' AND action = 'not_a_document';

-- The national band of a score, compared as a decimal (as the ingest's grade_by_score).
CREATE OR REPLACE MACRO band(s) AS
    CASE WHEN s IS NULL OR s < 0 OR s > 100 THEN NULL
         WHEN CAST(s AS DECIMAL(18, 4)) >= 90 THEN '优' WHEN CAST(s AS DECIMAL(18, 4)) >= 80 THEN '良'
         WHEN CAST(s AS DECIMAL(18, 4)) >= 60 THEN '中' ELSE '差' END;

-- Every evaluation with what the dashboard reads from it (docs/LAKE.md, "computed by the queries"):
--   a corrected value (人工核对) replaces the reading; corrected_fields/_by/_at say which, who, when
--   (a corrected score moves grade_by_score with it); rows of a document marked "not a performance
--   document" are left out;
--   effective_grade: the stated grade, else the band of the score; grade_derived says it was derived;
--   valid_score / valid_rate: the score in 0–100, the rate in 0–3 (300 %); outside is a finding
--   (documents.messages), so it enters no mean, sum of weights or minimum;
--   stated_on: the document's own date, else its ingest day, the order "latest" goes by (store/latest.py).
CREATE OR REPLACE MACRO evaluations_read() AS TABLE
    WITH r AS (
        SELECT e.* REPLACE (
                   coalesce(TRY_CAST(c.fixed['amount_wan'] AS DOUBLE), e.amount_wan) AS amount_wan,
                   coalesce(TRY_CAST(c.fixed['budget_wan'] AS DOUBLE), e.budget_wan) AS budget_wan,
                   coalesce(TRY_CAST(c.fixed['budget_initial_wan'] AS DOUBLE), e.budget_initial_wan) AS budget_initial_wan,
                   coalesce(TRY_CAST(c.fixed['executed_wan'] AS DOUBLE), e.executed_wan) AS executed_wan,
                   coalesce(TRY_CAST(c.fixed['execution_rate'] AS DOUBLE), e.execution_rate) AS execution_rate,
                   coalesce(TRY_CAST(c.fixed['score'] AS DOUBLE), e.score) AS score,
                   CASE WHEN c.fixed['score'] IS NULL THEN e.grade_by_score
                        ELSE band(TRY_CAST(c.fixed['score'] AS DOUBLE)) END AS grade_by_score,
                   coalesce(c.fixed['grade'], e.grade) AS grade,
                   coalesce(TRY_CAST(c.fixed['year'] AS INTEGER), e.year) AS year,
                   coalesce(c.fixed['name'], e.name) AS name,
                   coalesce(c.fixed['department'], e.department) AS department,
                   coalesce(c.fixed['evaluator'], e.evaluator) AS evaluator,
                   coalesce(c.fixed['conclusion'], e.conclusion) AS conclusion),
               c.corrected_fields, c.corrected_by, c.corrected_at
        FROM evaluations e
        LEFT JOIN row_corrections('evaluations') c ON c.doc_id = e.doc_id AND c.project_id = e.project_id
        WHERE coalesce(e.doc_id, '') NOT IN (SELECT doc_id FROM not_documents())
    )
    SELECT r.*, coalesce(r.grade, r.grade_by_score) AS effective_grade,
           (r.grade IS NULL AND r.grade_by_score IS NOT NULL) AS grade_derived,
           CASE WHEN r.score BETWEEN 0 AND 100 THEN r.score END AS valid_score,
           CASE WHEN r.execution_rate BETWEEN 0 AND 3 THEN r.execution_rate END AS valid_rate,
           d.doc_date, coalesce(d.doc_date, CAST(d.ingested_at AS DATE)) AS stated_on, d.ingested_at AS stated_at
    FROM r LEFT JOIN documents d USING (doc_id);

-- Every monitoring row as the dashboard reads it: corrected values (人工核对) replace the reading, as above.
CREATE OR REPLACE MACRO monitoring_read() AS TABLE
    SELECT m.* REPLACE (
               coalesce(TRY_CAST(c.fixed['budget_wan'] AS DOUBLE), m.budget_wan) AS budget_wan,
               coalesce(TRY_CAST(c.fixed['budget_initial_wan'] AS DOUBLE), m.budget_initial_wan) AS budget_initial_wan,
               coalesce(TRY_CAST(c.fixed['executed_wan'] AS DOUBLE), m.executed_wan) AS executed_wan,
               coalesce(TRY_CAST(c.fixed['execution_rate'] AS DOUBLE), m.execution_rate) AS execution_rate,
               coalesce(TRY_CAST(c.fixed['adjust_down_wan'] AS DOUBLE), m.adjust_down_wan) AS adjust_down_wan,
               coalesce(TRY_CAST(c.fixed['adjust_up_wan'] AS DOUBLE), m.adjust_up_wan) AS adjust_up_wan,
               coalesce(TRY_CAST(c.fixed['pre_assessment_wan'] AS DOUBLE), m.pre_assessment_wan) AS pre_assessment_wan,
               coalesce(TRY_CAST(c.fixed['year'] AS INTEGER), m.year) AS year,
               coalesce(c.fixed['name'], m.name) AS name,
               coalesce(c.fixed['conclusion'], m.conclusion) AS conclusion),
           c.corrected_fields, c.corrected_by, c.corrected_at
    FROM monitoring m
    LEFT JOIN row_corrections('monitoring') c
           ON c.doc_id = m.doc_id AND c.project_id = m.project_id AND c.period_end IS NOT DISTINCT FROM m.period_end
    WHERE coalesce(m.doc_id, '') NOT IN (SELECT doc_id FROM not_documents());

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
    SELECT * FROM monitoring_read() m
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

-- 人工核对: the review queue ------------------------------------------------------------------------
-- The fields a person may confirm or correct, the kind of value each takes and its name (as store/review.py).
CREATE OR REPLACE MACRO review_fields() AS TABLE
    SELECT * FROM (VALUES
        ('amount_wan', 'amount', '金额'), ('budget_wan', 'amount', '全年预算数'),
        ('budget_initial_wan', 'amount', '年初预算数'), ('executed_wan', 'amount', '执行数'),
        ('adjust_down_wan', 'amount', '调减金额'), ('adjust_up_wan', 'amount', '调增金额'),
        ('pre_assessment_wan', 'amount', '事前评估预算'), ('execution_rate', 'rate', '执行率'),
        ('score', 'score', '得分'), ('grade', 'grade', '等次'), ('year', 'year', '年度'),
        ('name', 'text', '项目名称'), ('department', 'text', '主管部门'), ('evaluator', 'text', '评价机构'),
        ('conclusion', 'text', '结论'), ('document', 'document', '整份文档')
    ) t(field, kind, label);

-- A finding's field name (documents.messages: "第6行 全年预算数: …") → the field it is about.
CREATE OR REPLACE MACRO finding_fields() AS TABLE
    SELECT * FROM (VALUES
        ('金额', 'amount_wan'), ('决算金额', 'amount_wan'), ('项目金额', 'amount_wan'),
        ('全年预算数', 'budget_wan'), ('当年预算数', 'budget_wan'), ('预算数', 'budget_wan'),
        ('年初预算数', 'budget_initial_wan'), ('年初预算', 'budget_initial_wan'),
        ('全年执行数', 'executed_wan'), ('执行数', 'executed_wan'), ('预算执行数', 'executed_wan')
    ) t(label, field);

-- The lake's rows as read (not corrected), both tables in one shape, without documents marked
-- "not a performance document". money_wan: what is at stake (amount, else executed or budget).
CREATE OR REPLACE MACRO review_rows() AS TABLE
    SELECT * FROM (
        SELECT 'evaluations' AS tbl, doc_id, project_id, NULL::DATE AS period_end, district, town, unit, year, name,
               coalesce(amount_wan, executed_wan, budget_wan) AS money_wan, field_confidence, field_lines, source_ref,
               line_no, line_end, amount_wan, budget_wan, budget_initial_wan, executed_wan, execution_rate, score,
               grade, grade_by_score, department, evaluator, conclusion
        FROM evaluations
        UNION ALL BY NAME
        SELECT 'monitoring' AS tbl, doc_id, project_id, period_end, district, town, unit, year, name,
               coalesce(budget_wan, budget_initial_wan) AS money_wan, field_confidence, field_lines, source_ref,
               line_no, line_end, budget_wan, budget_initial_wan, executed_wan, execution_rate, conclusion,
               adjust_down_wan, adjust_up_wan, pre_assessment_wan
        FROM monitoring
    ) WHERE coalesce(doc_id, '') NOT IN (SELECT doc_id FROM not_documents());

-- Why each value needs a person, one row per reason (a value may have several): kind is the reason's
-- category (the queue's filter), reason says it in words a clerk understands.
--   the reader's own doubt (field_confidence below "sure"), by how the value was read;
--   a unit finding (documents.messages), placed on the amounts of the line it names;
--   a year conflict (the document names another year too), on every row of the document;
--   a score outside 0–100, a rate outside 0–300 %, executed ÷ budget against the stated rate, a stated
--   grade against the score's band (from the values themselves);
--   a document that stated no values at all (not those recognised as not a performance document).
CREATE OR REPLACE MACRO review_reasons() AS TABLE
    WITH fixes AS MATERIALIZED (
        SELECT 'evaluations' AS tbl, * FROM row_corrections('evaluations')
        UNION ALL SELECT 'monitoring' AS tbl, * FROM row_corrections('monitoring')
    ),
    reviewed_rows AS MATERIALIZED (SELECT DISTINCT tbl, doc_id, project_id, period_end FROM latest_reviews()),
    said_docs AS MATERIALIZED (SELECT doc_id FROM documents WHERE len(messages) > 0),
    -- only the rows that can have a reason (most rows have none: the queue stays cheap on a big lake)
    r AS MATERIALIZED (
        SELECT * FROM review_rows() x
        WHERE x.field_confidence LIKE '%"likely"%' OR x.field_confidence LIKE '%"unsure"%'
           OR NOT x.score BETWEEN 0 AND 100 OR NOT x.execution_rate BETWEEN 0 AND 3 OR x.grade <> x.grade_by_score
           OR (x.budget_wan > 0 AND abs(x.executed_wan / x.budget_wan - x.execution_rate) > 0.01)
           OR x.doc_id IN (SELECT doc_id FROM said_docs)
           OR EXISTS (SELECT 1 FROM reviewed_rows k WHERE k.tbl = x.tbl AND k.doc_id = x.doc_id
                          AND k.project_id = x.project_id AND k.period_end IS NOT DISTINCT FROM x.period_end)
    ),
    conf AS (
        SELECT r.tbl, r.doc_id, r.project_id, r.period_end, k.field,
               json_extract_string(r.field_confidence, '$.' || k.field || '[0]') AS how,
               json_extract_string(r.field_confidence, '$.' || k.field || '[1]') AS sure
        FROM r, unnest(json_keys(r.field_confidence)) AS k(field)
        WHERE r.field_confidence LIKE '%"likely"%' OR r.field_confidence LIKE '%"unsure"%'
    ),
    doubts AS (
        SELECT tbl, doc_id, project_id, period_end, field,
               CASE WHEN how LIKE '%单位矛盾%' OR how LIKE '%表头为元%'
                         OR (sure = 'unsure' AND field LIKE '%_wan' AND how LIKE '%单位见表头%') THEN '单位存疑'
                    WHEN sure = 'unsure' THEN '读取不确定' ELSE '需确认读取方式' END AS kind,
               CASE WHEN how LIKE '%单位矛盾%' THEN '标为万元的数额大得不合理，已按元换算成万元，请对照原文核对单位'
                    WHEN how LIKE '%表头为元%' THEN '表头写的是元，但正文以万元写出相同数额，已按万元读取，请核对单位'
                    WHEN sure = 'unsure' AND field LIKE '%_wan' AND how LIKE '%单位见表头%'
                        THEN '表头写的是元，但数额小得不合理（可能实为万元），请核对单位'
                    WHEN how LIKE '%OCR%' THEN '扫描件经文字识别（OCR）读出，数字可能认错'
                    WHEN how LIKE '%切分有歧义%' THEN '表格里的数字粘连在一起，拆分方式有歧义'
                    WHEN how LIKE '%推导%' THEN '原文未写明，由其他数值推导：' || how
                    WHEN how LIKE '%分别为%' THEN '从正文“分别为”句按顺序对应到项目，可能对错项目'
                    WHEN how LIKE '正文%' THEN '从正文语句中读出，不是表格中的数值'
                    WHEN how LIKE '标题%' THEN '取自文件标题'
                    WHEN how LIKE '%按类型对齐%' THEN '表格列按数值类型对齐，可能错列'
                    WHEN how LIKE '%单位推定%' THEN '原文未写明金额单位，按万元读取'
                    WHEN sure = 'unsure' THEN '读取不确定（' || how || '）'
                    ELSE '读取方式：' || how END AS reason
        FROM conf WHERE sure IN ('likely', 'unsure') AND field IN (SELECT field FROM review_fields())
    ),
    said AS MATERIALIZED (
        SELECT d.doc_id, regexp_extract(m.msg, '^(\S+) ([^:]+): (.*)$', ['ref', 'label', 'text']) AS p
        FROM documents d, unnest(d.messages) AS m(msg)
        WHERE len(d.messages) > 0 AND coalesce(d.doc_id, '') NOT IN (SELECT doc_id FROM not_documents())
    ),
    unit_said AS (
        SELECT s.doc_id, s.p.text AS text, l.line_no, f.field AS named
        FROM said s
        LEFT JOIN lines l ON l.doc_id = s.doc_id AND l.ref = s.p.ref
        LEFT JOIN finding_fields() f ON f.label = s.p.label
        WHERE s.p.label = '金额单位' OR s.p.text LIKE '%单位%' OR s.p.text LIKE '%按元%' OR s.p.text LIKE '%（元）%'
    ),
    amounts AS (
        SELECT r.tbl, r.doc_id, r.project_id, r.period_end, k.field,
               CAST(json_extract(r.field_lines, '$.' || k.field) AS INTEGER[]) AS at_lines
        FROM r, unnest(json_keys(r.field_lines)) AS k(field)
        WHERE r.doc_id IN (SELECT doc_id FROM unit_said)
          AND k.field IN (SELECT field FROM review_fields() WHERE kind = 'amount')
    ),
    unit_hits AS (
        SELECT a.tbl, a.doc_id, a.project_id, a.period_end, a.field, u.text
        FROM unit_said u JOIN amounts a ON a.doc_id = u.doc_id
        WHERE (u.named IS NULL OR u.named = a.field) AND list_contains(a.at_lines, u.line_no)
    ),
    units AS (
        SELECT tbl, doc_id, project_id, period_end, field, '单位存疑' AS kind, '金额单位存疑：' || text AS reason
        FROM unit_hits
        UNION ALL
        SELECT 'documents', u.doc_id, NULL, NULL, 'document', '单位存疑', '金额单位存疑：' || u.text
        FROM unit_said u
        WHERE NOT EXISTS (SELECT 1 FROM unit_hits h WHERE h.doc_id = u.doc_id AND h.text = u.text)
    ),
    years AS (
        SELECT r.tbl, r.doc_id, r.project_id, r.period_end, 'year' AS field, '年度冲突' AS kind,
               '年度有冲突：' || s.p.text AS reason
        FROM said s JOIN r ON r.doc_id = s.doc_id
        WHERE s.p.label = '年度' AND s.p.text LIKE '评价年度取%'
    ),
    v AS (  -- the values as the pages read them (after corrections): a corrected score can contradict the grade
        SELECT r.tbl, r.doc_id, r.project_id, r.period_end,
               coalesce(TRY_CAST(f.fixed['score'] AS DOUBLE), r.score) AS score,
               coalesce(f.fixed['grade'], r.grade) AS grade,
               CASE WHEN f.fixed['score'] IS NULL THEN r.grade_by_score
                    ELSE band(TRY_CAST(f.fixed['score'] AS DOUBLE)) END AS grade_by_score,
               coalesce(TRY_CAST(f.fixed['budget_wan'] AS DOUBLE), r.budget_wan) AS budget_wan,
               coalesce(TRY_CAST(f.fixed['executed_wan'] AS DOUBLE), r.executed_wan) AS executed_wan,
               coalesce(TRY_CAST(f.fixed['execution_rate'] AS DOUBLE), r.execution_rate) AS execution_rate
        FROM r LEFT JOIN fixes f ON f.tbl = r.tbl AND f.doc_id = r.doc_id AND f.project_id = r.project_id
                                 AND f.period_end IS NOT DISTINCT FROM r.period_end
    ),
    checks AS (
        SELECT tbl, doc_id, project_id, period_end, 'score' AS field, '超出范围' AS kind,
               '得分 ' || printf('%g', score) || ' 超出 0–100，未计入平均分' AS reason
        FROM v WHERE NOT score BETWEEN 0 AND 100
        UNION ALL
        SELECT tbl, doc_id, project_id, period_end, 'execution_rate', '超出范围',
               '执行率 ' || printf('%g', round(execution_rate * 100, 1)) || '% 超出 0–300%，未计入统计'
        FROM v WHERE NOT execution_rate BETWEEN 0 AND 3
        UNION ALL
        SELECT tbl, doc_id, project_id, period_end, 'execution_rate', '数值对不上',
               '执行数 ÷ 预算数 = ' || printf('%g', round(executed_wan / budget_wan * 100, 1)) || '%，与写明的执行率 '
               || printf('%g', round(execution_rate * 100, 1)) || '% 对不上'
        FROM v WHERE budget_wan > 0 AND abs(executed_wan / budget_wan - execution_rate) > 0.01
        UNION ALL
        SELECT tbl, doc_id, project_id, period_end, 'grade', '等次与得分不符',
               '写明等次“' || grade || '”，按得分 ' || printf('%g', score) || ' 应为“' || grade_by_score || '”'
        FROM v WHERE grade <> grade_by_score
    ),
    reviewed AS (  -- a value a person confirmed or corrected stays listed (state all) whatever its reasons now
        SELECT lr.tbl, lr.doc_id, lr.project_id, lr.period_end, lr.field, '已核对' AS kind, '已人工核对' AS reason
        FROM latest_reviews() lr
        JOIN r ON r.tbl = lr.tbl AND r.doc_id = lr.doc_id AND r.project_id = lr.project_id
              AND r.period_end IS NOT DISTINCT FROM lr.period_end
    ),
    empty AS (
        SELECT 'documents' AS tbl, doc_id, NULL AS project_id, NULL::DATE AS period_end, 'document' AS field,
               '未读出数值' AS kind,
               '整份文档没有读出任何项目或数值：' || coalesce(reason, messages[-1], '原因不明') AS reason
        FROM documents
        WHERE coalesce(records, 0) = 0 AND coalesce(array_to_string(messages, '；'), '') NOT LIKE '%不是预算绩效文档%'
          AND coalesce(doc_id, '') NOT IN (SELECT doc_id FROM not_documents())
    )
    -- a unit doubt the reader also wrote as a finding is said once, in the finding's words
    SELECT * FROM doubts o
    WHERE NOT (o.kind = '单位存疑' AND EXISTS (
        SELECT 1 FROM units u WHERE u.tbl = o.tbl AND u.doc_id = o.doc_id AND u.project_id = o.project_id
                                AND u.period_end IS NOT DISTINCT FROM o.period_end AND u.field = o.field))
    UNION ALL SELECT * FROM units UNION ALL SELECT * FROM years
    UNION ALL SELECT * FROM checks UNION ALL SELECT * FROM empty UNION ALL SELECT * FROM reviewed;

-- The stable name of a value: the same hash as store/corrections.py's review_id().
CREATE OR REPLACE MACRO review_key(tbl, doc_id, project_id, period_end, field) AS
    md5(concat_ws('|', tbl, doc_id, coalesce(project_id, ''), coalesce(CAST(period_end AS VARCHAR), ''), field))[1:16];

-- A value in the lake's units → as a clerk reads and types it (amounts in 万元, a rate in %).
CREATE OR REPLACE MACRO review_text(kind, raw) AS
    CASE WHEN raw IS NULL THEN NULL
         WHEN kind = 'amount' THEN CAST(round(TRY_CAST(raw AS DOUBLE), 6) AS VARCHAR)
         WHEN kind = 'rate' THEN printf('%g', round(TRY_CAST(raw AS DOUBLE) * 100, 2)) || '%'
         WHEN kind = 'score' THEN printf('%g', round(TRY_CAST(raw AS DOUBLE), 2))
         ELSE raw END;

-- One row per value that needs (or had) a person: its reasons, where it was read, the value read, and
-- its review (open: nobody has confirmed or corrected it yet).
CREATE OR REPLACE MACRO review_items() AS TABLE
    WITH g AS (
        SELECT tbl, doc_id, project_id, period_end, field,
               review_key(tbl, doc_id, project_id, period_end, field) AS review_id,
               arg_min(kind, list_position(['单位存疑', '超出范围', '数值对不上', '等次与得分不符', '年度冲突',
                                            '未读出数值', '读取不确定', '需确认读取方式', '已核对'], kind)) AS reason_kind,
               coalesce(list_distinct(list(kind) FILTER (WHERE kind <> '已核对')), ['已核对']) AS reason_kinds,
               coalesce(string_agg(DISTINCT reason, '；' ORDER BY reason) FILTER (WHERE kind <> '已核对'), '已人工核对') AS reason
        FROM review_reasons() GROUP BY tbl, doc_id, project_id, period_end, field
    )
    SELECT g.review_id, g.tbl, g.doc_id, g.project_id, g.period_end, g.field, f.kind AS value_kind,
           f.label AS field_label, g.reason_kind, g.reason_kinds, g.reason,
           coalesce(r.district, d.district) AS district, coalesce(r.town, d.town) AS town,
           coalesce(r.unit, d.unit) AS unit, coalesce(r.year, d.year) AS year, r.name,
           r.money_wan, d.source_name, coalesce(l.ref, r.source_ref, '') AS source_ref,
           CAST(json_extract(r.field_lines, '$.' || g.field) AS INTEGER[]) AS field_lines, r.line_no, r.line_end,
           CASE g.field WHEN 'amount_wan' THEN CAST(r.amount_wan AS VARCHAR) WHEN 'budget_wan' THEN CAST(r.budget_wan AS VARCHAR)
                WHEN 'budget_initial_wan' THEN CAST(r.budget_initial_wan AS VARCHAR)
                WHEN 'executed_wan' THEN CAST(r.executed_wan AS VARCHAR)
                WHEN 'adjust_down_wan' THEN CAST(r.adjust_down_wan AS VARCHAR)
                WHEN 'adjust_up_wan' THEN CAST(r.adjust_up_wan AS VARCHAR)
                WHEN 'pre_assessment_wan' THEN CAST(r.pre_assessment_wan AS VARCHAR)
                WHEN 'execution_rate' THEN CAST(r.execution_rate AS VARCHAR) WHEN 'score' THEN CAST(r.score AS VARCHAR)
                WHEN 'grade' THEN r.grade WHEN 'year' THEN CAST(r.year AS VARCHAR) WHEN 'name' THEN r.name
                WHEN 'department' THEN r.department WHEN 'evaluator' THEN r.evaluator
                WHEN 'conclusion' THEN r.conclusion END AS read_raw,
           coalesce(lr.corrected_value, read_raw) AS value_raw,
           review_text(f.kind, read_raw) AS read_value, review_text(f.kind, value_raw) AS value,
           lr.action, lr.reviewed_by, lr.reviewed_at, lr.note, lr.corrected_by, lr.corrected_at,
           lr.review_id IS NULL AS open
    FROM g
    LEFT JOIN review_rows() r ON r.tbl = g.tbl AND r.doc_id = g.doc_id AND r.project_id = g.project_id
                              AND r.period_end IS NOT DISTINCT FROM g.period_end
    LEFT JOIN documents d ON d.doc_id = g.doc_id
    LEFT JOIN lines l ON l.doc_id = g.doc_id
                     AND l.line_no = CAST(json_extract(r.field_lines, '$.' || g.field) AS INTEGER[])[1]
    LEFT JOIN review_fields() f ON f.field = g.field
    LEFT JOIN latest_reviews() lr ON lr.review_id = g.review_id;

-- Per lake row, how many of its values still wait for a person (pages mark these rows 待核对).
CREATE OR REPLACE MACRO unconfirmed_rows() AS TABLE
    SELECT tbl, doc_id, project_id, period_end, count(DISTINCT field) AS open_values
    FROM review_reasons()
    WHERE project_id IS NOT NULL
      AND review_key(tbl, doc_id, project_id, period_end, field) NOT IN (SELECT review_id FROM latest_reviews())
    GROUP BY ALL;
