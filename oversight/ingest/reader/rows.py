"""The general reader: any layout, prose or table, → evaluation rows with how each value was read.

Used for every document the strict template parsers do not read fully (see `choose`).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from oversight.domain import places
from oversight.ingest.parsers.common import Cell, Context, Finding, Parsed
from oversight.ingest.parsers.evaluation import build_evaluation
from oversight.ingest.reader import document, prose, stream
from oversight.ingest.reader.values import UNIT_TO_WAN, grade_of, money_unit, to_decimal
from oversight.ingest.readers import Line

MONEY = ("amount_wan", "budget_wan", "budget_initial_wan", "executed_wan")
STATED = (*MONEY, "execution_rate", "score", "grade")
# The largest amount one published project plausibly has, in 万元 (100亿元). Above it, a 万元 label
# over the number is not believed: the number is read as 元 when that gives a plausible amount.
MAX_PLAUSIBLE_WAN = Decimal(1_000_000)
FIELD_ZH = {"amount_wan": "金额", "budget_wan": "全年预算数", "budget_initial_wan": "年初预算数",
            "executed_wan": "全年执行数", "execution_rate": "执行率", "score": "得分", "grade": "等次"}  # fmt: skip
SURE, LIKELY, UNSURE = "sure", "likely", "unsure"


def money(v: stream.Value, findings: list[Finding]) -> tuple[float | None, str, str]:
    """→ (万元, how, confidence). A 万元 header over 元-sized numbers is read as 元, with a finding."""
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
    if not stated and not v.unit:
        conf = LIKELY
    return float(wan), how, conf


def _rate(v: stream.Value) -> float | None:
    d = to_decimal(v.raw)
    if d is None:
        return None
    return float(d / 100) if "%" in v.raw or d > Decimal("1.5") else float(d)


def read_document(lines: list[Line]) -> Parsed:
    toks = stream.tokens(lines)
    title_tok = document.find_title(toks)
    title = title_tok.text if title_tok else None
    body = "\n".join(t.text for t in toks if not t.brk)
    kind, _votes = document.kind_of(title, body)
    year, year_note = document.year_of(title, [t.text for t in toks if not t.brk])
    unit = document.unit_of(title, toks)
    obj, whole = document.object_of(title, unit, year)
    rd = stream.read(toks)
    said = prose.prose_values(toks)
    findings: list[Finding] = []
    ref0 = (title_tok or (toks[0] if toks else None)).line.ref if toks else "第1行"
    if year_note:
        findings.append(Finding(ref0, "年度", year_note))
    if whole and "自评" in body:
        kind = "self_evaluation"  # a unit's evaluation of its own spending (部门整体支出自评)
    kind = "evaluation_result" if kind == "unknown" and (said or rd.records) and "评价" in body else kind
    records = [r for r in rd.records if "name" in r]
    loose = {}
    for v in rd.loose:
        loose.setdefault(v.field, v)
    _sections(toks, records, kind)
    _merge_named(records, rd.records)
    if not records:
        stated = {**{f: v for f, v in said.items() if f in STATED}, **{f: v for f, v in loose.items() if f in STATED}}
        if stated and obj:
            name_line = title_tok.line if title_tok else toks[0].line
            records = [{"name": stream.Value("name", obj, name_line, "title")}]
    if len(records) == 1:
        for f, v in _text_sections(toks).items():
            records[0].setdefault(f, v)
        for f, v in {**said, **loose}.items():  # a labelled cell beats a sentence
            if f != "scores_list":
                records[0].setdefault(f, v)
    resp = prose.respectively(toks)
    if resp and len(records) <= 1:
        named = prose.named_in_order(toks)
        if len(named) >= 2 and not records:
            records = [{"name": stream.Value("name", n, t.line, "prose")} for n, t in named]
    if resp and len(records) > 1:
        for f, (items, where) in resp.items():
            if len(items) == len(records):
                for r, item in zip(records, items, strict=True):
                    r.setdefault(f, stream.Value(f, item, where.line, "prose-order"))
    ctx = Context(unit=unit, year=year)
    _places(ctx, toks, records)
    parsed = Parsed(kind if kind != "unknown" else "evaluation_result", ctx, findings=findings)
    parsed.kind = kind
    for rec in records:
        if kind == "tracking_monitor":
            row = _monitoring_row(rec, ctx, toks, findings)
            if row:
                parsed.monitoring.append(row)
            continue
        row = _row(rec, ctx, kind, whole, findings)
        if row:
            parsed.evaluations.append(row)
    if not records:
        findings.append(
            Finding(ref0, "数值", "文中没有写明任何得分、等次、金额或执行率（可能是封面、摘要或说明）；未入库任何项目")
        )
    return parsed


_PERIOD_END = (
    (
        re.compile(r"(?:截至|截止到?|截止日期[:：]?|至)((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日"),
        lambda m: (m[1], m[2], m[3]),
    ),
    (re.compile(r"((?:19|20)\d{2})年(?:1|一)月?(?:-|—|–|至|~|到)(\d{1,2})月"), lambda m: (m[1], m[2], None)),
    (re.compile(r"((?:19|20)\d{2})年(?:度)?上半年"), lambda m: (m[1], "6", "30")),
    (re.compile(r"((?:19|20)\d{2})年(?:度)?前三季度"), lambda m: (m[1], "9", "30")),
)


def _period_text(toks: list[stream.Tok]) -> tuple[str, Line] | None:
    """'截至2023年6月30日', '2023年1-6月', '上半年' → '2023年1月1日至2023年6月30日'."""
    import calendar

    for t in toks:
        for pat, parts in _PERIOD_END:
            m = pat.search(t.text)
            if m:
                y, mo, d = parts(m)
                if not 1 <= int(mo) <= 12:
                    continue
                d = d or str(calendar.monthrange(int(y), int(mo))[1])
                return f"{y}年1月1日至{y}年{mo}月{d}日", t.line
    return None


def _monitoring_row(
    rec: dict[str, stream.Value], ctx: Context, toks: list[stream.Tok], findings: list[Finding]
) -> dict | None:
    from oversight.ingest.parsers import monitoring

    cells: dict[str, Cell] = {}
    how: dict[str, list[str]] = {}
    for f, v in rec.items():
        conf = SURE if v.how in ("label", "column", "table") else LIKELY
        if f in MONEY and f != "amount_wan":
            wan, unit_how, conf = money(v, findings)
            if wan is not None:
                cells[f] = Cell(repr(wan), v.line, "万元")
                how[f] = [f"{_HOW[v.how]}，{unit_how}", conf]
            continue
        if f == "execution_rate" and (r := _rate(v)) is not None:
            cells[f] = Cell(f"{r * 100:.6g}%", v.line, "%")
        elif f in ("name", "period", "conclusion"):
            cells[f] = Cell(v.raw, v.line)
        elif f in ("budget_unit", "implementing_unit"):
            cells.setdefault("unit", Cell(v.raw, v.line))
            continue
        else:
            continue
        how[f] = [_HOW.get(v.how, v.how), conf]
    if "name" not in cells:
        return None
    if "period" not in cells and (p := _period_text(toks)):
        cells["period"] = Cell(p[0], p[1])
        how["period"] = ["正文语句", LIKELY]
    row = monitoring.build(cells, ctx, {}, findings)
    row["field_confidence"] = json.dumps(how, ensure_ascii=False)
    return row


_HEADING = re.compile(
    r"^(?:[(（]([一二三四五六七八九十]{1,3})[)）]|([一二三四五六七八九十]{1,3})、|(\d{1,2})[.、．](?!\d))\s*(.{2,60})$"
)
_PROJECTISH = re.compile(r"(?:项目|工程|建设|运维|维护|运行|租赁|经费|服务|平台|系统|改造|采购|保障|补贴|专项|资金)$")
_GENERIC = re.compile(r"(?:情况|问题|建议|工作|概况|结论|目标|总体|分析|措施|应用|依据|说明|其他项目|下一步)")


def _key(name: str) -> str:
    return re.sub(r"[\s()（）]|项目$", "", name)


def _sections(toks: list[stream.Tok], records: list[dict[str, stream.Value]], kind: str) -> None:
    """Sub-headings that name a project: '（一）应急指挥平台（二期）建设'. Their labels and sentences
    belong to that project (an existing row of the same name, or a new one in a prose report)."""
    heads = []
    for n, t in enumerate(toks):
        m = None if t.brk or len(t.text) > 60 else _HEADING.match(t.text)
        if m:
            heads.append((n, m.group(4).strip(" :：")))
    if not heads:
        return
    named = bool(records)
    for k, (n, title) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(toks)
        body = toks[n + 1 : end]
        target = next(
            (
                r
                for r in records
                if _key(r["name"].raw) and (_key(r["name"].raw) in _key(title) or _key(title) in _key(r["name"].raw))
            ),
            None,
        )
        if target is None:
            if named or _GENERIC.search(title) or not _PROJECTISH.search(title):
                continue
            target = {"name": stream.Value("name", title, toks[n].line, "heading")}
            records.append(target)
        sub = stream.read(body)
        for v in sub.loose:
            target.setdefault(v.field, v)
        for f, v in prose.prose_values(body).items():
            if f != "scores_list":
                target.setdefault(f, v)


_TOP = re.compile(r"^[一二三四五六七八九十]{1,3}、\s*(.{2,40})$")
_TEXT_HEADS = (
    ("problems", re.compile(r"问题")),
    ("suggestions", re.compile(r"建议|改进措施")),
    ("rectification", re.compile(r"整改")),
)


def _text_sections(toks: list[stream.Tok]) -> dict[str, stream.Value]:
    """'四、存在的主要问题' … up to the next top-level heading → problems (likewise 建议, 整改)."""
    out: dict[str, stream.Value] = {}
    body = [t for t in toks if not t.brk]
    for n, t in enumerate(body):
        m = _TOP.match(t.text)
        if not m:
            continue
        field = next((f for f, pat in _TEXT_HEADS if pat.search(m.group(1))), None)
        if field is None or field in out:
            continue
        if field == "problems" and "整改" in m.group(1):
            field = "rectification" if "整改情况" in m.group(1) or "整改落实" in m.group(1) else "problems"
        parts = []
        for u in body[n + 1 :]:
            if _TOP.match(u.text):
                break
            parts.append(u.text)
        if parts:
            out[field] = stream.Value(field, "\n".join(parts), body[n + 1].line, "section")
    return out


def _merge_named(records: list[dict[str, stream.Value]], table: list[dict[str, stream.Value]]) -> None:
    """Rows of a later table that name the same projects add their values (budget by project)."""
    for row in table:
        if "name" not in row or row in records:
            continue
        for r in records:
            if _key(r["name"].raw) == _key(row["name"].raw):
                for f, v in row.items():
                    r.setdefault(f, v)


def _places(ctx: Context, toks: list[stream.Tok], records: list[dict[str, stream.Value]]) -> None:
    texts = [ctx.unit or ""] + [
        v.raw for r in records for f, v in r.items() if f in ("department", "implementing_unit", "budget_unit", "name")
    ]
    for text in texts:
        d, t = places.place_of(text)
        if d:
            ctx.district, ctx.town = d, t
            return
    body = " ".join(t.text for t in toks[:80] if not t.brk)
    if re.search(r"(?<!上海)[\u4e00-\u9fff]{1,4}[省市县](?!场|民|区|级|政)", body) and not places.find_district(body):
        return  # another province's document: a same-named town is not a Shanghai town
    d = places.find_district(body)
    if d:
        ctx.district = d


def _row(rec: dict[str, stream.Value], ctx: Context, kind: str, whole: bool, findings: list[Finding]) -> dict | None:
    cells: dict[str, Cell] = {}
    how: dict[str, list[str]] = {}
    for f, v in rec.items():
        conf = SURE if v.how in ("label", "column", "table") else LIKELY
        text = v.raw
        if f in MONEY:
            wan, unit_how, conf = money(v, findings)
            if wan is None:
                continue
            text = repr(wan)
            how[f] = [f"{_HOW[v.how]}，{unit_how}", conf]
            cells[f] = Cell(text, v.line, "万元")
            continue
        if f == "execution_rate":
            r = _rate(v)
            if r is None or not 0 <= r <= 3:
                continue
            cells[f] = Cell(f"{r * 100:.6g}%", v.line, "%")
        elif f == "grade":
            g = grade_of(v.raw)
            if g is None:
                continue
            cells[f] = Cell(g, v.line)
        elif f in ("implementing_unit", "budget_unit"):
            cells.setdefault("unit", Cell(text, v.line))
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
            cells[f] = Cell(text, v.line)
        else:
            continue
        if v.how == "column?":
            conf = UNSURE
        how[f] = [_HOW.get(v.how, v.how), conf]
    if "name" not in cells:
        return None
    row, _ = build_evaluation(cells, ctx, [])
    if kind == "self_evaluation" or whole:
        row["eval_type"] = row["eval_type"] or "self"
    row["budget_initial_wan"] = float(cells["budget_initial_wan"].text) if "budget_initial_wan" in cells else None
    row["field_confidence"] = json.dumps(how, ensure_ascii=False)
    return row


_HOW = {"label": "标签后的单元格", "column": "表头下的单元格", "column?": "表头下的单元格（切分有歧义）",
        "table": "表格列（按类型对齐）", "prose": "正文语句", "prose-order": "正文“分别为”按顺序对应",
        "title": "标题", "heading": "小标题", "section": "章节正文"}  # fmt: skip


def stated_fields(parsed: Parsed) -> int:
    """How much of the document a reading explains: every stated value it holds."""
    keys = ("name", *STATED, "department", "problems", "suggestions", "rectification", "period_end", "conclusion")
    return sum(1 for row in (*parsed.evaluations, *parsed.monitoring) for k in keys if row.get(k) is not None)
