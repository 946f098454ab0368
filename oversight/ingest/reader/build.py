"""Read values → lake rows: amounts in 万元 with their unit decision, rates as fractions, and for
every value how it was read and how sure the reader is (`field_confidence`).
"""

from __future__ import annotations

import calendar
import json
import re
from decimal import Decimal

from oversight.domain.numbers import UNIT_TO_WAN, parse_rate
from oversight.domain.standards import SMALL_YUAN_AMOUNT
from oversight.ingest.parsers import monitoring
from oversight.ingest.parsers.common import Cell, Context, Finding
from oversight.ingest.parsers.evaluation import build_evaluation
from oversight.ingest.reader.cells import Tok, Value
from oversight.ingest.reader.clean import zh_punct
from oversight.ingest.reader.values import grade_of, money_unit, to_decimal
from oversight.ingest.readers import Line
from oversight.ingest.readers.ocr import OCR_MARK

MONEY = ("amount_wan", "budget_wan", "budget_initial_wan", "executed_wan")
STATED = (*MONEY, "execution_rate", "score", "grade")
# The largest amount one published project plausibly has, in 万元 (100亿元). Above it, a 万元 label
# over the number is not believed: the number is read as 元 when that gives a plausible amount.
MAX_PLAUSIBLE_WAN = Decimal(1_000_000)
FIELD_ZH = {
    "amount_wan": "金额",
    "budget_wan": "全年预算数",
    "budget_initial_wan": "年初预算数",
    "executed_wan": "全年执行数",
    "execution_rate": "执行率",
    "score": "得分",
    "grade": "等次",
}
SURE, LIKELY, UNSURE = "sure", "likely", "unsure"


def money(
    v: Value, findings: list[Finding], said_wan: frozenset[Decimal] = frozenset()
) -> tuple[float | None, str, str]:
    """→ (万元, how, confidence). A 万元 header over 元-sized numbers is read as 元; a 元 header over
    numbers the text writes in 万元 is read as 万元 (seed 001); each with a finding."""
    number = to_decimal(v.raw)
    if number is None:
        return None, "", UNSURE
    stated = money_unit(v.raw)
    unit = stated or v.unit
    how = "单位见数值" if stated else ("单位见表头" if v.unit else "单位推定为万元")
    conf = SURE if unit and v.how in ("label", "column", "table") else LIKELY
    wan = number * UNIT_TO_WAN.get(unit or "万元", Decimal(1))
    if wan > MAX_PLAUSIBLE_WAN and (unit or "万元") in ("万元", "万"):
        as_yuan = number * UNIT_TO_WAN["元"]
        findings.append(
            Finding(
                v.line.ref,
                FIELD_ZH.get(v.field, v.field),
                f"标为万元的“{v.raw}”按万元计为{wan / 10000:,.2f}亿元，不合理；按元计为{as_yuan:,.4f}万元（已按元读取，请核对）",
            )
        )
        return float(as_yuan), "单位矛盾，按元读取", UNSURE
    if not stated and unit == "元" and 0 < number < SMALL_YUAN_AMOUNT:
        field = FIELD_ZH.get(v.field, v.field)
        if number in said_wan:
            findings.append(
                Finding(v.line.ref, field, f"表头标为（元），但正文以万元写出相同数额 {number}；按万元读取")
            )
            return float(number), "表头为元，正文为万元，按万元读取", LIKELY
        findings.append(
            Finding(v.line.ref, field, f"金额标为（元）但数值 {number} 不足{SMALL_YUAN_AMOUNT}元，请核对单位")
        )
        return float(wan), how, UNSURE
    if not stated and not v.unit:
        conf = LIKELY
    return float(wan), how, conf


_PERIOD_END = (
    (
        re.compile(r"(?:截至|截止到?|截止日期[:：]?|至)((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日"),
        lambda m: (m[1], m[2], m[3]),
    ),
    (re.compile(r"((?:19|20)\d{2})年(?:1|一)月?(?:-|—|–|至|~|到)(\d{1,2})月"), lambda m: (m[1], m[2], None)),
    (re.compile(r"((?:19|20)\d{2})年(?:度)?上半年"), lambda m: (m[1], "6", "30")),
    (re.compile(r"((?:19|20)\d{2})年(?:度)?前三季度"), lambda m: (m[1], "9", "30")),
)


_MONTHS = re.compile(r"(?:^|[(（\s])(?:1|一)\s*月?\s*(?:-|—|–|至|~|到)\s*(\d{1,2})\s*月(?:份)?(?:[)）\s]|$)")


def _period_text(toks: list[Tok], year: int | None = None) -> tuple[str, Line] | None:
    """'截至2023年6月30日', '2023年1-6月', '上半年' → '2023年1月1日至2023年6月30日'; a bare '（1-8月）'
    in the title takes the document's year."""
    for t in toks:
        for pat, parts in _PERIOD_END:
            m = pat.search(t.text)
            if m:
                y, mo, d = parts(m)
                if not 1 <= int(mo) <= 12:
                    continue
                d = d or str(calendar.monthrange(int(y), int(mo))[1])
                return f"{y}年1月1日至{y}年{mo}月{d}日", t.line
    for t in toks[:40] if year else ():
        if (m := _MONTHS.search(t.text)) and 1 <= int(m.group(1)) <= 12:
            mo = int(m.group(1))
            return f"{year}年1月1日至{year}年{mo}月{calendar.monthrange(year, mo)[1]}日", t.line
    return None


def monitoring_row(
    rec: dict[str, Value], ctx: Context, toks: list[Tok], findings: list[Finding], said_wan: frozenset[Decimal]
) -> dict | None:
    """One tracked project's values → its monitoring row (the template parser's builder decides the light)."""
    cells: dict[str, Cell] = {}
    how: dict[str, list[str]] = {}
    for f, v in rec.items():
        conf = SURE if v.how in ("label", "column", "table") else LIKELY
        if f in MONEY and f != "amount_wan":
            wan, unit_how, conf = money(v, findings, said_wan)
            if wan is not None:
                cells[f] = Cell(repr(wan), v.line, "万元")
                how[f] = [f"{_HOW[v.how]}，{unit_how}", conf]
            continue
        if f == "execution_rate" and (r := parse_rate(v.raw)) is not None:
            cells[f] = Cell(f"{r * 100:.6g}%", v.line, "%")
        elif f == "period":
            spelled = _period_text([Tok(v.raw, v.line)])  # '2022年1月—9月' → its first and last day
            cells[f] = Cell(spelled[0] if spelled else zh_punct(v.raw), v.line)
        elif f in ("name", "conclusion"):
            cells[f] = Cell(zh_punct(v.raw), v.line)
        elif f in ("budget_unit", "implementing_unit"):
            cells.setdefault("unit", Cell(zh_punct(v.raw), v.line))
            continue
        else:
            continue
        how[f] = [_HOW.get(v.how, v.how), conf]
    if "name" not in cells:
        return None
    if "period" not in cells and (p := _period_text(toks, ctx.year)):
        cells["period"] = Cell(p[0], p[1])
        how["period"] = ["正文语句", LIKELY]
    row = monitoring.build(cells, ctx, {}, findings)
    row["field_confidence"] = json.dumps(_mark_ocr(how, rec), ensure_ascii=False)
    return row


def evaluation_row(
    rec: dict[str, Value],
    ctx: Context,
    kind: str,
    whole: bool,
    findings: list[Finding],
    said_wan: frozenset[Decimal],
) -> tuple[dict, list[dict]] | None:
    """One project's values → its evaluations row and its 整改 items."""
    cells: dict[str, Cell] = {}
    how: dict[str, list[str]] = {}
    for f, v in rec.items():
        conf = SURE if v.how in ("label", "column", "table") else LIKELY
        text = v.raw
        if f in MONEY:
            wan, unit_how, conf = money(v, findings, said_wan)
            if wan is None:
                continue
            text = repr(wan)
            how[f] = [f"{_HOW[v.how]}，{unit_how}", conf]
            cells[f] = Cell(text, v.line, "万元")
            continue
        if f == "execution_rate":
            r = parse_rate(v.raw)  # the domain's one rule for bare numbers
            if r is None or not 0 <= r <= 3:
                continue
            cells[f] = Cell(f"{r * 100:.6g}%", v.line, "%")
        elif f == "grade":
            g = grade_of(v.raw)
            if g is None:
                continue
            cells[f] = Cell(g, v.line)
        elif f in ("implementing_unit", "budget_unit"):
            cells.setdefault("unit", Cell(zh_punct(text), v.line))
            continue
        elif f == "eval_note" or (f == "remark" and re.search("自评|评价", text)):
            cells.setdefault("eval_type", Cell(text, v.line))
            continue
        elif f in (
            "name",
            "score",
            "department",
            "problems",
            "suggestions",
            "rectification",
            "evaluator",
            "conclusion",
        ):
            cells[f] = Cell(zh_punct(text), v.line)
        else:
            continue
        if v.how == "column?":
            conf = UNSURE
        how[f] = [_HOW.get(v.how, v.how), conf]
    if "measures" in rec:  # what is to be done: the suggestion beside an outcome, else the rectification
        target = "suggestions" if "rectification" in cells else "rectification"
        if target not in cells:
            cells[target] = Cell(zh_punct(rec["measures"].raw), rec["measures"].line)
            how[target] = [_HOW.get(rec["measures"].how, rec["measures"].how), LIKELY]
    if "name" not in cells:
        return None
    row, rects = build_evaluation(cells, ctx, [])
    if kind == "self_evaluation" or whole:
        row["eval_type"] = row["eval_type"] or "self"
    if row["amount_wan"] is None and row["executed_wan"] is not None and kind == "self_evaluation":
        row["amount_wan"] = row[
            "executed_wan"
        ]  # as the template parser does: a self-evaluation's amount is what was spent
        how["amount_wan"] = ["取全年执行数（自评表未写决算金额，推导值）", LIKELY]
    row["budget_initial_wan"] = float(cells["budget_initial_wan"].text) if "budget_initial_wan" in cells else None
    initial, executed, rate = row["budget_initial_wan"], row["executed_wan"], row["execution_rate"]
    # Only the initial budget stated, and the rate computed against it: no adjustment was made.
    if (
        row["budget_wan"] is None
        and initial
        and executed is not None
        and rate is not None
        and abs(executed / initial - rate) <= 0.005
    ):
        row["budget_wan"] = initial
        how["budget_wan"] = ["取年初预算数（执行率按其计算，推导值）", LIKELY]
    row["field_confidence"] = json.dumps(_mark_ocr(how, rec), ensure_ascii=False)
    return row, rects


def _mark_ocr(how: dict[str, list[str]], rec: dict[str, Value]) -> dict[str, list[str]]:
    """Values from OCR-read lines: said so, and never "sure" (digits are what OCR gets wrong)."""
    for f, entry in how.items():
        if f in rec and OCR_MARK in rec[f].line.ref:
            entry[0] += "（OCR识别）"
            entry[1] = UNSURE if f in (*MONEY, "execution_rate", "score") else LIKELY
    return how


# How a value was read, as the project page says it.
_HOW = {
    "label": "标签后的单元格",
    "column": "表头下的单元格",
    "column?": "表头下的单元格（切分有歧义）",
    "table": "表格列（按类型对齐）",
    "prose": "正文语句",
    "prose-order": "正文“分别为”按顺序对应",
    "title": "标题",
    "heading": "小标题",
    "section": "章节正文",
}
