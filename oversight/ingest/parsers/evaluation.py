"""绩效评价结果: label/value blocks (one per project) or one wide table with a row per project."""

from __future__ import annotations

import json
import re

from oversight.domain import places, standards
from oversight.domain.numbers import parse_money, parse_rate, parse_score
from oversight.domain.rectification import items_of, overall
from oversight.domain.taxonomy import classify
from oversight.domain.textnorm import key, one_line, plain
from oversight.ingest import identity
from oversight.ingest.parsers.common import (
    Cell,
    Context,
    Finding,
    Parsed,
    fiscal_year,
    match_label,
    split_inline,
    stable_id,
    truncated,
)
from oversight.ingest.parsers.context import context_from, infer_district, own_places
from oversight.ingest.readers import Line

FIELD_ZH = {
    "name": "项目名称",
    "amount_wan": "决算金额",
    "score": "评价分值",
    "grade": "评价等次",
    "conclusion": "评价结论",
    "achievements": "主要绩效",
    "problems": "存在问题",
    "suggestions": "整改建议",
    "rectification": "整改情况",
    "unit": "单位",
    "year": "年度",
    "budget_wan": "预算数",
    "executed_wan": "执行数",
    "execution_rate": "执行率",
    "district": "区",
    "town": "街镇",
}
TEXT_FIELDS = ("achievements", "problems", "suggestions", "rectification")
_TITLE = re.compile(r"评价结果|信息表|汇总表|一览表|自评表|绩效评价|^附件|^附表")
_GRADE_IN_TEXT = re.compile(
    r"(?:等次|等级|结果|评定为|评价为)(?:为|是|:)?[“\"'‘「『]?(优秀|良好|中等|不合格|合格|较差|优|良|中|差)"
)


def _trim(cells: list[str]) -> list[str]:
    cells = list(cells)
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def read_records(
    lines: list[Line], section: str = "evaluation"
) -> tuple[list[dict[str, Cell]], list[Line], list[Finding]]:
    """Group lines into records of labelled cells; the lines before the first record are the header."""
    records: list[dict[str, Cell]] = []
    header: list[Line] = []
    findings: list[Finding] = []
    current: dict[str, Cell] | None = None
    last: str | None = None
    columns: list[tuple[str, str | None] | None] | None = None
    blank_before = False
    for line in lines:
        cells = _trim(line.cells)
        if not any(c.strip() for c in cells):
            blank_before = True
            continue
        was_blank, blank_before = blank_before, False
        labels = [match_label(c, section) for c in cells]
        if sum(1 for lab in labels if lab) >= 3 and any(lab and lab[0] == "name" for lab in labels):
            columns, current, last = labels, None, None  # a wide table's header row
            continue
        if columns:
            row = {lab[0]: Cell(c, line, lab[1]) for lab, c in zip(columns, cells, strict=False) if lab and c.strip()}
            if "name" in row:
                records.append(row)
                current = row
            elif current is not None and row:  # merged name cell: the row continues the project
                for f, cell in row.items():
                    if f in current:
                        current[f].append(cell.text, line)
                    else:
                        current[f] = cell
            elif not records:
                header.append(line)
            continue
        hit = None
        if len(cells) >= 2 and cells[0].strip() and (lab := match_label(cells[0], section)):
            hit = (lab[0], lab[1], "\t".join(c for c in cells[1:] if c.strip()))
        elif len(cells) == 1:
            hit = split_inline(cells[0], section)
        if hit:
            f, unit, value = hit
            if current is None or f in current or (f == "name" and "name" in current):
                current = {}
                records.append(current)
            current[f] = Cell(value, line, unit)
            last = f
            continue
        text = "\t".join(c for c in cells if c.strip())
        if current is None:
            header.append(line)
        elif _TITLE.search(key(text)) and len(key(text)) <= 30:
            last = None  # the next block's title
        elif last and (not cells[0].strip() or not was_blank):
            current[last].append(text, line)  # a label-less continuation belongs to the field above
        else:
            findings.append(Finding(line.ref, "正文", f"未归入任何字段的文字：{plain(text)[:40]}"))
    return records, header, findings


def grade_of(cell: Cell | None) -> str | None:
    if cell is None:
        return None
    k = key(cell.text)
    if k in standards.GRADE_WORDS:
        return standards.GRADE_WORDS[k]
    m = _GRADE_IN_TEXT.search(k)
    return standards.GRADE_WORDS[m.group(1)] if m else None


def _money(rec: dict[str, Cell], f: str, findings: list[Finding], required: bool = False) -> float | None:
    cell = rec.get(f)
    if cell is None:
        if required:
            findings.append(Finding(rec["name"].line.ref, FIELD_ZH[f], "未写明"))
        return None
    got = parse_money(cell.text, cell.unit)
    if got is None:
        findings.append(Finding(cell.line.ref, FIELD_ZH[f], f"无法识别金额“{plain(cell.text)[:20]}”"))
        return None
    return got[0]


def build_evaluation(rec: dict[str, Cell], ctx: Context, findings: list[Finding]) -> tuple[dict, list[dict]]:
    """One record → an evaluations row and its rectification rows (LAKE.md)."""
    name_cell = rec["name"]
    name = one_line(name_cell.text)
    unit = one_line(rec["unit"].text) if "unit" in rec else ctx.unit
    year = ctx.year
    if "year" in rec and (y := fiscal_year([rec["year"].text]) or parse_score(rec["year"].text)):
        year = int(y)
    district = places.current_district(one_line(rec["district"].text)) if "district" in rec else None
    town = places.find_town(rec["town"].text) if "town" in rec else None
    name_district, name_town = places.place_of(name) if not ctx.elsewhere else (None, None)
    unit_district, unit_town = places.place_of(unit) if "unit" in rec and not ctx.elsewhere else (None, None)
    district = district or name_district or unit_district or ctx.district
    town_name = town.name if town else name_town or unit_town or ctx.town
    if town_name and district and places.towns()[town_name].district != district:
        town_name = None

    amount = _money(rec, "amount_wan", findings, required="budget_wan" not in rec)
    budget = _money(rec, "budget_wan", findings)
    executed = _money(rec, "executed_wan", findings)
    rate = parse_rate(rec["execution_rate"].text, rec["execution_rate"].unit) if "execution_rate" in rec else None
    if rate is None and budget and executed is not None:
        rate = executed / budget
    if rate is not None and not standards.rate_in_range(rate):
        ref = (rec.get("execution_rate") or name_cell).line.ref
        findings.append(Finding(ref, "执行率", f"执行率 {rate:.1%} 超出 0–300%，不计入统计"))

    score = None
    if "score" in rec:
        score = parse_score(rec["score"].text)
        if score is None:
            findings.append(
                Finding(
                    rec["score"].line.ref,
                    "评价分值",
                    f"无法识别分值“{plain(rec['score'].text)[:20]}”",
                )
            )
        elif not 0 <= score <= 100:
            findings.append(Finding(rec["score"].line.ref, "评价分值", f"分值 {score:g} 超出 0–100，不计入平均分"))
    else:
        findings.append(Finding(name_cell.line.ref, "评价分值", "未写明"))
    by_score = standards.grade_by_score(score)
    grade = grade_of(rec.get("grade")) or grade_of(rec.get("conclusion"))
    grade_ref = (rec.get("grade") or rec.get("conclusion") or name_cell).line.ref
    if grade and by_score and grade != by_score:
        findings.append(
            Finding(
                grade_ref,
                "评价等次",
                f"写明为“{grade}”，按分值 {score:g} 应为“{by_score}”",
            )
        )
    elif not grade and ("grade" in rec or "conclusion" in rec):
        findings.append(Finding(grade_ref, "评价等次", "未能从文字中读出等次（优/良/中/差）"))

    texts = {f: plain(rec[f].text) if f in rec else None for f in TEXT_FIELDS}
    for f, text in texts.items():
        if truncated(text):
            findings.append(
                Finding(
                    rec[f].line.ref,
                    FIELD_ZH[f],
                    f"文字似乎被截断（以“{text[-6:]}”结尾）",
                )
            )
    body = "\n".join(t for t in texts.values() if t)
    category, themes = classify(name, body, unit or "")
    eval_type = standards.eval_type_of(key(rec["eval_type"].text)) if "eval_type" in rec else ctx.eval_type
    # Who evaluated is part of the identity: a self-evaluation never replaces a finance evaluation.
    project_id = identity.project_id(district, unit, year, name, eval_type)
    items = items_of(texts["rectification"], texts["problems"])
    evaluator = one_line(rec["evaluator"].text) if "evaluator" in rec else None
    row = {
        "project_id": project_id,
        "year": year,
        "unit": unit,
        "district": district,
        "town": town_name,
        "name": name,
        "category": category,
        "themes": themes,
        "amount_wan": amount,
        "budget_wan": budget,
        "executed_wan": executed,
        "execution_rate": rate,
        "department": one_line(rec["department"].text) if "department" in rec else None,
        "evaluator": evaluator,
        "eval_type": eval_type,
        "score": score,
        "grade": grade,
        "grade_by_score": by_score,
        "conclusion": plain(rec["conclusion"].text) if "conclusion" in rec else None,
        **texts,
        "rectification_status": overall([i.status for i in items]) if items else "unknown",
        "line_no": name_cell.line.no,
        "line_end": max(n for c in rec.values() for n in c.span),
        "page": name_cell.line.page,
        "source_ref": name_cell.line.ref,
        "field_lines": json.dumps({f: c.span for f, c in rec.items()}, ensure_ascii=False),
    }
    rect_rows = [
        {
            "item_id": stable_id(project_id, i.seq, i.action),
            "project_id": project_id,
            "seq": i.seq,
            "problem": i.problem,
            "action": i.action,
            "status": i.status,
            "evidence": i.evidence,
            "due_date": i.due_date,
            "year": year,
            "unit": unit,
            "district": district,
            "town": town_name,
            "line_no": rec["rectification"].line.no,
        }
        for i in items
    ]
    return row, rect_rows


def parse(lines: list[Line]) -> Parsed:
    records, header, findings = read_records(lines)
    ctx = context_from(header)
    first_ref = header[0].ref if header else (lines[0].ref if lines else "第1行")
    named = [r for r in records if "name" in r]
    for rec in records:
        if "name" not in rec:
            first = min(rec.values(), key=lambda c: c.line.no)
            findings.append(
                Finding(
                    first.line.ref,
                    "项目名称",
                    "这一组字段缺少项目名称，未入库；请补全后重新导入",
                )
            )
    texts = [plain(c.text) for r in named for f, c in r.items() if f in ("name", *TEXT_FIELDS)]
    if not own_places(named):
        infer_district(ctx, texts, findings, first_ref)
    if ctx.year is None and not any("year" in r for r in named):
        findings.append(Finding(first_ref, "年度", "未找到评价年度（如“2018年度”）"))
    parsed = Parsed("evaluation_result", ctx, findings=findings)
    for rec in named:
        row, rects = build_evaluation(rec, ctx, parsed.findings)
        parsed.evaluations.append(row)
        parsed.rectifications += rects
    return parsed
