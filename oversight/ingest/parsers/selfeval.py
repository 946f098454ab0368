"""项目支出绩效自评表: label/value rows, a funds header row with its value row below, 总分."""

from __future__ import annotations

from oversight.domain.numbers import parse_money
from oversight.domain.textnorm import key, plain
from oversight.ingest.parsers.common import Cell, Finding, Parsed, match_label
from oversight.ingest.parsers.context import context_from, infer_district, own_places
from oversight.ingest.parsers.evaluation import build_evaluation
from oversight.ingest.readers import Line


def _funds_columns(cells: list[str]) -> dict[int, tuple[str, str | None]]:
    columns = {i: hit for i, c in enumerate(cells) if (hit := match_label(c, "selfeval_funds"))}
    if len(columns) < 2:
        return {}
    unit = next((u for c in cells if (u := _unit_of(c))), None)
    return {i: (f, u or unit) for i, (f, u) in columns.items()}


def _unit_of(cell: str) -> str | None:
    k = key(cell)
    return next((u for u in ("万元", "亿元", "元") if f"({u})" in k), None)


def parse(lines: list[Line]) -> Parsed:
    records: list[dict[str, Cell]] = []
    header: list[Line] = []
    current: dict[str, Cell] | None = None
    columns: dict[int, tuple[str, str | None]] = {}
    for line in lines:
        cells = list(line.cells)
        while cells and not cells[-1].strip():
            cells.pop()
        if not any(c.strip() for c in cells):
            continue
        if found := _funds_columns(cells):
            columns = found
            continue
        if columns and current is not None:
            for i, (f, unit) in columns.items():
                if i < len(cells) and cells[i].strip() and f not in current:
                    current[f] = Cell(cells[i], line, unit)
            columns = {}
            continue
        label, values, any_label = None, [], False
        pairs: list[tuple[tuple[str, str | None], list[str]]] = []
        for cell in cells:
            hit = match_label(cell, "selfeval")
            if hit:
                any_label = True
                label, values = hit, []
                pairs.append((label, values))
            elif label is not None and cell.strip():
                values.append(cell)
        for (f, unit), vals in pairs:
            if f == "name" and (current is None or "name" in current):
                current = {}
                records.append(current)
            if current is None:
                continue
            if f == "score" and len(vals) >= 2 and vals[0].strip().rstrip("分") in ("100", "100.0", "100.00"):
                vals = vals[1:]  # 总分 | 100 | 92.26: the full marks (分值) come before the score (得分)
            if vals:
                current[f] = Cell("\t".join(vals), line, unit)
        if not any_label and current is None:
            header.append(line)
    ctx = context_from(header)
    ctx.eval_type = "self"
    findings: list[Finding] = []
    parsed = Parsed("self_evaluation", ctx, findings=findings)
    ref = header[0].ref if header else "第1行"
    if not own_places(records):
        infer_district(ctx, [plain(c.text) for r in records for c in r.values()], findings, ref)
    for rec in records:
        if "name" not in rec:  # a 项目名称 label whose value cell is on another line: not this template
            continue
        for f in ("budget_wan", "executed_wan"):
            if f not in rec:
                findings.append(
                    Finding(
                        rec["name"].line.ref,
                        {"budget_wan": "全年预算数", "executed_wan": "全年执行数"}[f],
                        "未写明",
                    )
                )
        row, rects = build_evaluation(rec, ctx, findings)
        row["eval_type"] = "self"
        if row["amount_wan"] is None:
            row["amount_wan"] = row["executed_wan"]  # a self-evaluation's amount is what was spent
        row["budget_initial_wan"] = None
        if "budget_initial_wan" in rec:
            got = parse_money(rec["budget_initial_wan"].text, rec["budget_initial_wan"].unit)
            row["budget_initial_wan"] = got[0] if got else None
        parsed.evaluations.append(row)
        parsed.rectifications += rects
    return parsed
