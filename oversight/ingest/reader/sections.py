"""Where in a document a value belongs: sub-headings that name projects, the 问题/建议/整改
sections, tables that name the same projects again, and the place (Shanghai district and town).
"""

from __future__ import annotations

import re

from oversight.domain import places
from oversight.ingest.parsers.common import Context
from oversight.ingest.reader import prose, stream
from oversight.ingest.reader.cells import Tok, Value

_HEADING = re.compile(
    r"^(?:[(（]([一二三四五六七八九十]{1,3})[)）]|([一二三四五六七八九十]{1,3})、|(\d{1,2})[.、．](?!\d))\s*(.{2,60})$"
)
_PROJECTISH = re.compile(r"(?:项目|工程|建设|运维|维护|运行|租赁|经费|服务|平台|系统|改造|采购|保障|补贴|专项|资金)$")
_GENERIC = re.compile(r"(?:情况|问题|建议|工作|概况|结论|目标|总体|分析|措施|应用|依据|说明|其他项目|下一步)")


_OWNER = re.compile(r"[(（]([\u4e00-\u9fff]{2,15}(?:局|委|办|中心|院|站|所|队|街道|镇|乡|政府|公司))[)）]$")


def key(name: str) -> str:
    return re.sub(r"[\s()（）]|项目$", "", name)


def project_sections(toks: list[Tok], records: list[dict[str, Value]]) -> None:
    """Sub-headings that name a project: '（一）应急指挥平台（二期）建设'. Their labels and sentences
    belong to that project (an existing row of the same name, or a new one in a prose report)."""
    heads = []
    for n, t in enumerate(toks):
        m = None if t.brk or len(t.text) > 60 else _HEADING.match(t.text)
        if m:
            heads.append((n, m.group(4).strip(" :："), _level(m)))
    if not heads:
        return
    named = bool(records)
    for k, (n, title, level) in enumerate(heads):
        # A project's section runs to the next heading of its level or above: its own '（一）主要问题'
        # and '（二）改进建议' belong to it.
        end = next((h[0] for h in heads[k + 1 :] if h[2] <= level), len(toks))
        body = toks[n + 1 : end]
        target = next(
            (
                r
                for r in records
                if key(r["name"].raw) and (key(r["name"].raw) in key(title) or key(title) in key(r["name"].raw))
            ),
            None,
        )
        owner = _OWNER.search(title)  # '“雪亮工程”运维服务项目（县公安局）': the project, then its unit
        core = title[: owner.start()] if owner else title
        if target is None:
            if named or _GENERIC.search(core) or not _PROJECTISH.search(core):
                continue
            target = {"name": Value("name", core, toks[n].line, "heading")}
            records.append(target)
        if owner:
            target.setdefault("department", Value("department", owner.group(1), toks[n].line, "heading"))
        sub = stream.read(body)
        for v in sub.loose:
            target.setdefault(v.field, v)
        for f, v in _sub_texts(body).items():
            target.setdefault(f, v)
        for f, v in prose.prose_values(body).items():
            if f != "scores_list":
                target.setdefault(f, v)


def _level(m: re.Match[str]) -> int:
    """一、 above （一） above 1."""
    return 2 if m.group(1) else 1 if m.group(2) else 3


def _sub_texts(body: list[Tok]) -> dict[str, Value]:
    """Within one project's section, '（一）主要问题' … '（二）改进建议' … '（三）整改情况' → its texts."""
    out: dict[str, Value] = {}
    for n, t in enumerate(body):
        m = None if t.brk or len(t.text) > 30 else _HEADING.match(t.text)
        if not m:
            continue
        field = _text_field(m.group(4))
        if field is None or field in out:
            continue
        parts = []
        for u in body[n + 1 :]:
            if not u.brk and (h := _HEADING.match(u.text)) and len(u.text) <= 30 and _level(h) <= _level(m):
                break
            if not u.brk:
                parts.append(u.text)
        if parts:
            out[field] = Value(field, "\n".join(parts), body[n + 1].line, "section")
    return out


def _text_field(title: str) -> str | None:
    field = next((f for f, pat in _TEXT_HEADS if pat.search(title)), None)
    if field == "problems" and "整改" in title:
        return "rectification" if "整改情况" in title or "整改落实" in title else "problems"
    return field


_TOP = re.compile(r"^[一二三四五六七八九十]{1,3}、\s*(.{2,40})$")
_TEXT_HEADS = (
    ("problems", re.compile(r"问题")),
    ("suggestions", re.compile(r"建议|改进措施")),
    ("rectification", re.compile(r"整改")),
)


def text_sections(toks: list[Tok]) -> dict[str, Value]:
    """'四、存在的主要问题' … up to the next top-level heading → problems (likewise 建议, 整改)."""
    out: dict[str, Value] = {}
    body = [t for t in toks if not t.brk]
    for n, t in enumerate(body):
        m = _TOP.match(t.text)
        if not m:
            continue
        field = _text_field(m.group(1))
        if field is None or field in out:
            continue
        parts = []
        for u in body[n + 1 :]:
            if _TOP.match(u.text):
                break
            parts.append(u.text)
        if parts:
            out[field] = Value(field, "\n".join(parts), body[n + 1].line, "section")
    return out


def merge_named(records: list[dict[str, Value]], table: list[dict[str, Value]]) -> None:
    """Rows of a later table that name the same projects add their values (budget by project)."""
    for row in table:
        if "name" not in row or row in records:
            continue
        for r in records:
            if key(r["name"].raw) == key(row["name"].raw):
                for f, v in row.items():
                    r.setdefault(f, v)


_ELSEWHERE = re.compile(rf"(?<!上海)(?<!上海市)[\u4e00-\u9fff]{{2,3}}市(?:{'|'.join(places.DISTRICTS)})")


def places_of(ctx: Context, toks: list[Tok], records: list[dict[str, Value]]) -> None:
    head = " ".join(t.text for t in toks[:80] if not t.brk)
    if _ELSEWHERE.search(head) and "上海" not in head:
        ctx.elsewhere = True  # '舟山市普陀区', '双鸭山市宝山区': a district of the same name in another city
        return
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


_LEAD = re.compile(r"^(.{2,20})[:：]$")  # '主要问题及整改措施：' above the items
_TEXTS = ("problems", "suggestions", "measures", "rectification")
_ITEM = re.compile(r"^(?:[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．])\s*(.{2,50}?)[。.:：]\s*(.{4,})$")


def enumerated_notes(toks: list[Tok], records: list[dict[str, Value]]) -> None:
    """'（一）奎文区应急物资储备库建设项目。工程建设进度滞后…' under '二、评价发现的主要问题': the rest of
    the line is that project's problem (likewise under 建议 and 整改 headings)."""
    field = None
    for t in toks:
        if t.brk:
            continue
        if (m := _TOP.match(t.text)) or (m := _LEAD.match(t.text)):
            field = next((f for f, pat in _TEXT_HEADS if pat.search(m.group(1))), None)
            continue
        if field is None or not (m := _ITEM.match(t.text)):
            continue
        name = key(m.group(1))
        target = next((r for r in records if key(r["name"].raw) and key(r["name"].raw) in (name, f"{name}项目")), None)
        if target is None:
            target = next((r for r in records if name and name in key(r["name"].raw)), None)
        if target is None:
            continue
        # '存在问题为…。整改措施为…。': the item's own words say which text is which
        said = {f: v for f, v in prose.prose_values([Tok(m.group(2), t.line)]).items() if f in _TEXTS}
        for f, v in said.items() or {field: Value(field, m.group(2), t.line, "section")}.items():
            target.setdefault(f, Value(f, v.raw, t.line, "section"))
