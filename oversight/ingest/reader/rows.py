"""The general reader: a document in any layout, table or prose → evaluation and monitoring rows.

Each file is read by the template parser and by this reader; the reading that explains more of the
document wins (`stated_fields`), the template on a tie.
"""

from __future__ import annotations

import re
from collections import Counter

from oversight.ingest.parsers.common import Context, Finding, Parsed
from oversight.ingest.reader import build, cells, document, prose, sections, stream, vocab
from oversight.ingest.reader.build import STATED
from oversight.ingest.reader.cells import Value
from oversight.ingest.readers import Line


def read_document(lines: list[Line]) -> Parsed:
    toks = cells.tokens(lines)
    title_tok = document.find_title(toks)
    title = title_tok.text if title_tok else None
    body = "\n".join(t.text for t in toks if not t.brk)
    head = document.heading(toks)
    kind, votes = document.kind_of(title, body, head)
    year, year_note = document.year_of(title, [t.text for t in toks if not t.brk])
    unit = document.unit_of(title, toks)
    self_whole = document.self_evaluated_whole(body)  # the text reports its unit's own 整体支出 self-evaluation
    whole_body = votes.get("not_performance") is None and self_whole
    if whole_body and "决算" in (title or head or ""):  # a 部门决算 reporting its unit's own self-evaluation
        obj, whole = document.object_of(title or head, unit, year, True)
    else:
        obj, whole = document.object_of(title, unit, year)
    rd = stream.read(toks)
    said = prose.prose_values(toks)
    findings: list[Finding] = []
    ref0 = (title_tok or (toks[0] if toks else None)).line.ref if toks else "第1行"
    if year_note:
        findings.append(Finding(ref0, "年度", year_note))
    if whole and ("自评" in (title or head or "") or self_whole):
        kind = "self_evaluation"  # a unit's evaluation of its own spending (部门整体支出自评)
    if votes.get("not_performance"):
        # Who published it, where and for which year (as its title says), so a clerk can find it.
        ctx = Context(unit=unit, year=year)
        sections.places_of(ctx, toks, [])
        parsed = Parsed("unknown", ctx)
        rules = vocab.rules()["not_performance"]
        n = votes.get("not_performance_reason", 1)
        reasons = {-1: rules["target_reason"], -2: rules["policy_reason"], -3: rules["event_reason"]}
        reason = reasons.get(n) or rules["titles"][n][1]
        parsed.findings.append(Finding(ref0, "文档类型", reason))
        return parsed
    kind = "evaluation_result" if kind == "unknown" and (said or rd.records) and "评价" in body else kind
    # A table row with a name and nothing else is a notes line, a link or a signature under the table;
    # a labelled 项目名称 is a project even when its form was cut off before its values.
    records = [
        r
        for r in rd.records
        if "name" in r and (len(r) > 1 or r["name"].how == "label") and not _TOTAL.match(r["name"].raw)
    ]
    records = records or prose.numbered_projects(toks) or prose.mentioned_projects(toks)
    loose = {}
    for v in rd.loose:
        loose.setdefault(v.field, v)
    sections.project_sections(toks, records)
    sections.merge_named(records, rd.records)
    if not records:
        stated = {**{f: v for f, v in said.items() if f in STATED}, **{f: v for f, v in loose.items() if f in STATED}}
        if stated and obj:
            name_line = title_tok.line if title_tok else toks[0].line
            records = [{"name": Value("name", obj, name_line, "title")}]
    if len(records) == 1:
        for f, v in sections.text_sections(toks).items():
            records[0].setdefault(f, v)
        for f, v in {**said, **loose}.items():  # a labelled cell beats a sentence
            if f != "scores_list":
                records[0].setdefault(f, v)
    table_rows = [r for r in records if r["name"].how == "table"]
    if kind == "self_evaluation" and len(table_rows) >= 2 and not (title and "自评表" in title):
        kind = "evaluation_result"  # a published list of projects' results, one row each (self-assessed)
    row_years = Counter(y for r in records if "year" in r and (y := _year(r["year"].raw)))
    if row_years and (year is None or not (title and str(year) in title)):
        year = row_years.most_common(1)[0][0]  # the table's own 评价年度 column beats a year in passing
    resp = prose.respectively(toks)
    if resp and len(records) <= 1:
        counts = Counter(len(items) for items, _ in resp.values())
        named = prose.named_in_order(toks, counts.most_common(1)[0][0])
        if len(named) >= 2 and (not records or records[0]["name"].how == "title"):  # not the title's one object
            records = [{"name": Value("name", n, t.line, "prose")} for n, t in named]
    if resp and len(records) > 1:
        for f, (items, where) in resp.items():
            if len(items) == len(records):
                for r, item in zip(records, items, strict=True):
                    r.setdefault(f, Value(f, item, where.line, "prose-order"))
    sections.enumerated_notes(toks, records)
    legend = prose.letter_grades(toks)
    for r in records:
        if "grade" in r and r["grade"].raw in legend:
            v = r["grade"]
            r["grade"] = Value("grade", legend[v.raw], v.line, v.how, lines=v.lines)
    said_wan = prose.wan_numbers(toks)
    ctx = Context(unit=unit, year=year)
    sections.places_of(ctx, toks, records)
    parsed = Parsed(kind if kind != "unknown" else "evaluation_result", ctx, findings=findings)
    parsed.kind = kind
    for rec in records:
        if kind == "tracking_monitor":
            row = build.monitoring_row(rec, ctx, toks, findings, said_wan)
            if row:
                parsed.monitoring.append(row)
            continue
        got = build.evaluation_row(rec, ctx, kind, whole, findings, said_wan)
        if got:
            parsed.evaluations.append(got[0])
            parsed.rectifications += got[1]
    if not records and kind != "unknown":  # a recognised document stating nothing; else the kind is the reason
        findings.append(
            Finding(ref0, "数值", "文中没有写明任何得分、等次、金额或执行率（可能是封面、摘要或说明）；未入库任何项目")
        )
    return parsed


def _year(text: str) -> int | None:
    return int(text) if text.isdigit() and 1990 <= int(text) <= 2100 else None


_MONEY = ("amount_wan", "budget_wan", "budget_initial_wan", "executed_wan")


def implausible(parsed: Parsed) -> int:
    """Amounts over 100 亿元 for one project: a unit read wrong (元 taken as 万元)."""
    rows = (*parsed.evaluations, *parsed.monitoring)
    return sum(1 for row in rows for f in _MONEY if (row.get(f) or 0) > build.MAX_PLAUSIBLE_WAN)


_TOTAL = re.compile(r"^(?:合计|总计|小计|共计)$")  # a table's total row is no project
_SENTENCE_NAME = re.compile(r"^\d{1,2}[.、．](?!\d)|[。；;]$")


def quality(parsed: Parsed) -> int:
    """Stated values, and whether each row's budget, executed amount and rate agree: a reading that
    shifted a column (a dropped cell) disagrees with itself; an implausible amount counts against."""
    score = stated_fields(parsed) - 5 * implausible(parsed)
    for row in (*parsed.evaluations, *parsed.monitoring):
        if _SENTENCE_NAME.search(row.get("name") or "") or _TOTAL.match(row.get("name") or ""):
            score -= 5  # a numbered point, a sentence of a text cell or a total row read as a project
        budget, executed, rate = row.get("budget_wan"), row.get("executed_wan"), row.get("execution_rate")
        if budget and executed is not None and rate is not None:
            score += 3 if abs(executed / budget - rate) <= 0.01 else -3
    return score


_SAID = (*STATED, "problems", "suggestions", "rectification")


def says_something(row: dict) -> bool:
    """A row that states a value or a finding. A name alone (a related link, a signature, a line of
    a notes paragraph read as a table row) is no project."""
    return any(row.get(k) is not None for k in _SAID)


def stated_fields(parsed: Parsed) -> int:
    """How much of the document a reading explains: every stated value it holds."""
    keys = ("name", *STATED, "department", "problems", "suggestions", "rectification", "period_end", "conclusion")
    return sum(1 for row in (*parsed.evaluations, *parsed.monitoring) for k in keys if row.get(k) is not None)


def without_empty(parsed: Parsed) -> Parsed:
    """The template parser's total rows, and its table rows that state nothing, are dropped (the
    document's lines stay, so nothing vanishes), unless every row states nothing: then they are what
    the document names."""
    parsed.evaluations = [r for r in parsed.evaluations if not _TOTAL.match(r.get("name") or "")]
    parsed.monitoring = [r for r in parsed.monitoring if not _TOTAL.match(r.get("name") or "")]
    if any(says_something(r) for r in (*parsed.evaluations, *parsed.monitoring)):
        parsed.evaluations = [r for r in parsed.evaluations if says_something(r)]
        parsed.monitoring = [r for r in parsed.monitoring if says_something(r)]
    return parsed


def best_reading(strict: Parsed | None, lines: list[Line]) -> Parsed:
    """The template parser's reading when it is complete (the common case for the forms it was
    written for: no second reading needed), else whichever of the two readings explains more of the
    document and agrees with itself; the template on a tie."""
    if strict is not None and complete(strict, lines):
        return strict
    general = read_document(lines)
    if general.kind == "unknown" and general.findings:
        return general  # recognised as not a performance document at all
    if strict is not None and quality(strict := without_empty(strict)) >= quality(general):
        return strict
    return general


def complete(parsed: Parsed, lines: list[Line]) -> bool:
    """Every project has its name and its key values, nothing was unreadable, and no paragraph after
    the last project went unread (a report's sections on one of its projects)."""
    rows = [*parsed.evaluations, *parsed.monitoring]
    last = max((row.get("line_end") or 0 for row in rows), default=0)
    if any(len(ln.text.strip()) > 20 for ln in lines[last:]):
        return False
    if not rows or any(("无法识别" in str(f) or "未归入" in str(f)) for f in parsed.findings):
        return False  # text the template could not place may hold values the general reader finds
    if implausible(parsed):
        return False  # e.g. '金额单位：元' above a form the template reads in 万元
    for row in rows:
        budget, executed, rate = row.get("budget_wan"), row.get("executed_wan"), row.get("execution_rate")
        if budget and executed is not None and rate is not None and abs(executed / budget - rate) > 0.01:
            return False  # a shifted column
    for row in parsed.evaluations:
        if (
            not row.get("name")
            or row.get("score") is None
            or (row.get("amount_wan") is None and not row.get("budget_wan"))
        ):
            return False
    for row in parsed.monitoring:
        if not row.get("name") or row.get("budget_wan") is None or row.get("execution_rate") is None:
            return False
        if row.get("period_end") is None:
            return False
    return True
