"""绩效运行监控（跟踪评价）forms: label cells followed by value cells, checkboxes, a narrative."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from oversight.domain import places, standards
from oversight.domain.numbers import UNIT_TO_WAN, parse_dates, parse_money, parse_rate
from oversight.domain.taxonomy import classify
from oversight.domain.textnorm import key, one_line, plain
from oversight.ingest.parsers.common import (
    Cell,
    Context,
    Finding,
    Parsed,
    checked_options,
    fiscal_year,
    has_checkbox,
    stable_id,
)
from oversight.ingest.parsers.monitoring_layout import form_rows, sections
from oversight.ingest.readers import Line

MONEY_FIELDS = (
    "budget_wan",
    "budget_adjusted_wan",
    "budget_initial_wan",
    "executed_wan",
    "adjust_down_wan",
    "adjust_up_wan",
    "pre_assessment_wan",
)
FIELD_ZH = {
    "name": "项目名称",
    "unit": "预算单位",
    "period": "跟踪时段",
    "recurring": "是否为经常性项目",
    "budget_wan": "当年预算数",
    "budget_adjusted_wan": "调整后预算数",
    "budget_initial_wan": "年初预算",
    "executed_wan": "预算执行数",
    "execution_rate": "预算执行进度",
    "adjust_down_wan": "调减金额",
    "adjust_up_wan": "调增金额",
    "pre_assessment_wan": "事前绩效评估评审预算",
    "needs_adjustment": "是否需要预算调整",
    "budget_outlook": "年度项目预算完成可能性",
    "goal_outlook": "年度绩效目标完成可能性",
    "conclusion": "阶段性跟踪结论",
}
_NARRATIVE_MONEY = re.compile(r"([\d][\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")
_INITIAL = re.compile(r"年初预算(?:安排|数)?(?:为|是|:)?([\d][\d,]*(?:\.\d+)?)(亿元|万元|元)")


def _choice(cell: Cell | None, options: tuple[str, ...], findings: list[Finding], zh: str) -> str | None:
    if cell is None:
        return None
    picked = [standards.OUTLOOK_ALIASES.get(key(p), key(p)) for p in checked_options(cell.text)]
    picked = [p for p in picked if p in options]
    if len(picked) == 1:
        return picked[0]
    if not picked and has_checkbox(cell.text):
        findings.append(Finding(cell.line.ref, zh, "没有勾选任何选项"))
    elif len(picked) > 1:
        findings.append(Finding(cell.line.ref, zh, f"勾选了多个选项：{'、'.join(picked)}"))
    else:
        text = key(cell.text)
        return next((o for o in options if o in text), None)
    return None


def _amounts(rec: dict[str, Cell], narrative: str, findings: list[Finding]) -> dict[str, float | None]:
    """Money fields in 万元, choosing between the label's unit and 万元 by the document's own text."""
    raw: dict[str, tuple[Decimal, str, Cell]] = {}
    for f in MONEY_FIELDS:
        if f in rec and (got := parse_money(rec[f].text, rec[f].unit)):
            unit = rec[f].unit if rec[f].unit and not re.search(r"元|亿|万", rec[f].text) else got[1]
            raw[f] = (
                Decimal(str(got[0])) / UNIT_TO_WAN.get(unit, Decimal(1)),
                unit,
                rec[f],
            )
        elif f in rec and plain(rec[f].text):
            findings.append(
                Finding(
                    rec[f].line.ref,
                    FIELD_ZH[f],
                    f"无法识别金额“{plain(rec[f].text)[:20]}”",
                )
            )
    said_wan = {Decimal(n.replace(",", "")) for n, u in _NARRATIVE_MONEY.findall(key(narrative)) if u == "万元"}
    initial = _INITIAL.search(key(narrative))
    yuan = {f: v for f, v in raw.items() if v[1] == "元"}
    as_wan = False
    if yuan:
        echoed = [f for f, (n, _, _) in yuan.items() if n != 0 and n in said_wan]
        identity = _identity_holds(raw, initial, wan=True) and not _identity_holds(raw, initial, wan=False)
        if echoed or identity:
            as_wan = True
            why = "正文以万元写出相同数额" if echoed else "按万元理解时“年初−调减+调增=调整后”成立"
            first = min((c for _, _, c in yuan.values()), key=lambda c: c.line.no)
            nums = "、".join(f"{n.normalize():f}" for n, _, _ in list(yuan.values())[:3])
            findings.append(
                Finding(
                    first.line.ref,
                    "金额单位",
                    f"表头标为（元），但{why}（{nums}）；按万元入库",
                )
            )
        elif any(0 < n < standards.SMALL_YUAN_AMOUNT for n, _, _ in yuan.values()):
            first = min((c for _, _, c in yuan.values()), key=lambda c: c.line.no)
            findings.append(
                Finding(
                    first.line.ref,
                    "金额单位",
                    "金额标为（元）但数值不足1000元，请核对单位",
                )
            )
    out: dict[str, float | None] = {f: None for f in MONEY_FIELDS}
    for f, (n, unit, _) in raw.items():
        factor = Decimal(1) if (as_wan and unit == "元") else UNIT_TO_WAN.get(unit, Decimal(1))
        out[f] = float(n * factor)
    if out["budget_initial_wan"] is None and initial:
        n = Decimal(initial.group(1).replace(",", ""))
        out["budget_initial_wan"] = float(n * UNIT_TO_WAN[initial.group(2)])
    return out


def _identity_holds(raw: dict, initial: re.Match[str] | None, wan: bool) -> bool:
    """年初 − 调减 + 调增 = 调整后, with the table's 元 amounts read as 元 or as 万元."""
    if not initial or "adjust_down_wan" not in raw:
        return False
    start = Decimal(initial.group(1).replace(",", "")) * UNIT_TO_WAN[initial.group(2)]

    def wan_of(f: str) -> Decimal:
        n, unit, _ = raw.get(f, (Decimal(0), "万元", None))
        return n if (wan and unit == "元") else n * UNIT_TO_WAN.get(unit, Decimal(1))

    after = raw.get("budget_adjusted_wan") or raw.get("budget_wan")
    if after is None:
        return False
    adjusted = wan_of("budget_adjusted_wan" if "budget_adjusted_wan" in raw else "budget_wan")
    return abs(start - wan_of("adjust_down_wan") + wan_of("adjust_up_wan") - adjusted) <= Decimal("0.005")


def build(
    rec: dict[str, Cell],
    ctx: Context,
    narrative: dict[str, tuple[str, Line]],
    findings: list[Finding],
) -> dict:
    name_cell = rec["name"]
    name = one_line(name_cell.text)
    unit = one_line(rec["unit"].text) if "unit" in rec else ctx.unit
    district, town = ctx.district, ctx.town
    for text in (unit or "", name) if not ctx.elsewhere else ():
        d, t = places.place_of(text)
        district, town = district or d, town or t
    dates = parse_dates(rec["period"].text) if "period" in rec else []
    start, end = (dates[0], dates[-1]) if len(dates) >= 2 else (None, dates[0] if dates else None)
    if len(dates) < 2:
        ref = rec["period"].line.ref if "period" in rec else name_cell.line.ref
        findings.append(Finding(ref, "跟踪时段", "未写明起止日期" if not dates else "只写明了一个日期"))
    year = (start or end).year if (start or end) else fiscal_year([name]) or ctx.year

    body = "\n".join(text for text, _ in narrative.values())
    money = _amounts(rec, body, findings)
    budget = money["budget_wan"] if money["budget_wan"] is not None else money["budget_adjusted_wan"]
    if money["budget_initial_wan"] is None and budget is not None and money["adjust_down_wan"] is not None:
        money["budget_initial_wan"] = budget + money["adjust_down_wan"] - (money["adjust_up_wan"] or 0)
    initial = money["budget_initial_wan"] if money["budget_initial_wan"] is not None else budget
    rate = None
    if "execution_rate" in rec:
        rate = parse_rate(rec["execution_rate"].text, rec["execution_rate"].unit)
    if rate is None and budget and money["executed_wan"] is not None:
        rate = money["executed_wan"] / budget
    if rate is not None and not standards.rate_in_range(rate):
        ref = (rec.get("execution_rate") or name_cell).line.ref
        findings.append(Finding(ref, "预算执行进度", f"执行率 {rate:.1%} 超出 0–300%，不判断信号灯"))
    for f, value in (("name", name), ("budget_wan", budget), ("execution_rate", rate)):
        if value is None:
            findings.append(Finding(name_cell.line.ref, FIELD_ZH[f], "未写明"))
    if rate is not None and budget and money["executed_wan"] is not None:
        computed = money["executed_wan"] / budget
        if abs(computed - rate) > 0.01:
            findings.append(
                Finding(
                    rec["execution_rate"].line.ref, "预算执行进度", f"写明 {rate:.1%}，按执行数/预算数为 {computed:.1%}"
                )
            )
    down = money["adjust_down_wan"]
    if down and initial and down / initial > standards.BUDGET_CUT_FLAG:
        ref = rec["adjust_down_wan"].line.ref
        findings.append(
            Finding(
                ref, "调减金额", f"调减 {down:g} 万元，占年初预算 {initial:g} 万元的 {down / initial:.2%}，超过一半"
            )
        )
        if rate is not None and money["executed_wan"] is not None:
            findings.append(
                Finding(
                    ref,
                    "预算执行进度",
                    f"执行率 {rate:.1%} 按调减后的预算计算；按年初预算仅 {money['executed_wan'] / initial:.1%}",
                )
            )

    conclusion_text = None
    for title, (text, _) in narrative.items():
        if "跟踪结论" in title or title == "结论":
            conclusion_text = text
    if "conclusion" in rec:
        conclusion_text = plain(rec["conclusion"].text)
    conclusion = re.split(r"[（(]", conclusion_text, maxsplit=1)[0].strip() if conclusion_text else None
    if not conclusion:
        findings.append(Finding(name_cell.line.ref, "阶段性跟踪结论", "未写明"))
    recurring = _choice(rec.get("recurring"), ("是", "否"), findings, FIELD_ZH["recurring"])
    needs = _choice(
        rec.get("needs_adjustment"),
        ("是", "否"),
        findings,
        FIELD_ZH["needs_adjustment"],
    )
    budget_outlook = _choice(rec.get("budget_outlook"), standards.OUTLOOKS, findings, FIELD_ZH["budget_outlook"])
    goal_outlook = _choice(rec.get("goal_outlook"), standards.OUTLOOKS, findings, FIELD_ZH["goal_outlook"])
    light, rule = standards.light(rate, end, (budget_outlook, goal_outlook))
    category, themes = classify(name, body, unit or "")
    project_id = stable_id(district, unit, year, name)
    return {
        "project_id": project_id,
        "year": year,
        "unit": unit,
        "district": district,
        "town": town,
        "name": name,
        "category": category,
        "themes": themes,
        "period_start": start,
        "period_end": end,
        "recurring": None if recurring is None else recurring == "是",
        "budget_initial_wan": initial,
        "budget_wan": budget,
        "executed_wan": money["executed_wan"],
        "execution_rate": rate,
        "adjust_down_wan": money["adjust_down_wan"],
        "adjust_up_wan": money["adjust_up_wan"],
        "pre_assessment_wan": money["pre_assessment_wan"],
        "needs_adjustment": None if needs is None else needs == "是",
        "focus_reason": plain(rec["focus_reason"].text) if "focus_reason" in rec else None,
        "conclusion": conclusion,
        "conclusion_text": conclusion_text,
        "budget_outlook": budget_outlook,
        "goal_outlook": goal_outlook,
        "light": light,
        "light_rule": rule,
        "time_elapsed": standards.time_elapsed(end) if end else None,
        "implementer": one_line(rec["implementer"].text) if "implementer" in rec else None,
        "narrative": body or None,
        "line_no": name_cell.line.no,
        "line_end": max(n for c in rec.values() for n in c.span),
        "page": name_cell.line.page,
        "source_ref": name_cell.line.ref,
        "field_lines": json.dumps({f: c.span for f, c in rec.items()}, ensure_ascii=False),
    }


def parse(lines: list[Line]) -> Parsed:
    records, header, narrative_lines = form_rows(lines)
    texts = [plain(ln.text) for ln in header]
    ctx = Context(year=fiscal_year(texts))
    findings: list[Finding] = []
    parsed = Parsed("tracking_monitor", ctx, findings=findings)
    if not records:
        return parsed
    # The form states its place once (街镇名称 …（盖章）), its unit per project.
    for rec in records:
        if "town" in rec:
            ctx.district, ctx.town = places.place_of(rec["town"].text)
    narrative = sections(narrative_lines)
    for rec in records:
        if "name" not in rec:
            if set(rec) - {"town"}:
                first = min(rec.values(), key=lambda c: c.line.no)
                findings.append(
                    Finding(
                        first.line.ref,
                        "项目名称",
                        "这一组字段缺少项目名称，未入库；请补全后重新导入",
                    )
                )
            continue
        row = build(rec, ctx, narrative, findings)
        parsed.monitoring.append(row)
    if parsed.monitoring:
        first = parsed.monitoring[0]
        ctx.unit, ctx.year = first["unit"], ctx.year or first["year"]
        ctx.district, ctx.town = (
            ctx.district or first["district"],
            ctx.town or first["town"],
        )
    return parsed
