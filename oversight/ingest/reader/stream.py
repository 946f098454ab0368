"""Labels and values in the cell stream: labels are found by vocabulary, not position, also fused to
their values ('项目名称城镇建设管理'); a label's value is cut to what its type allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oversight.ingest.reader import funds, fused, tables, vocab
from oversight.ingest.reader.cells import Tok, Value, funds_label, is_value_text
from oversight.ingest.reader.values import accepts

_INDICATORS = re.compile(r"^(?:绩效指标|一级指标|绩效目标|年度总体目标)")


@dataclass
class Reading:
    records: list[dict[str, Value]] = field(default_factory=list)
    loose: list[Value] = field(default_factory=list)  # values before any 项目名称 (the document's own)
    funds_seen: bool = False


_DECLARED_UNIT = re.compile(r"(?:金额|资金|计量)?单位[:：]\s*(万元|元|亿元)(?![\u4e00-\u9fff])")


def read(toks: list[Tok]) -> Reading:
    """Labelled values, funds blocks and wide tables → records (one per 项目名称)."""
    rd = Reading()
    current: dict[str, Value] | None = None
    i = 0
    in_indicators = False
    declared: str | None = None
    while i < len(toks):
        t = toks[i]
        # A wide table: a header run of ≥ 4 labels including 项目名称.
        if m := _DECLARED_UNIT.search(t.text):
            declared = m.group(1)  # '金额单位：元' above a table whose headers name no unit
        if columns := fused.header(t.text):  # a results table with no separators at all
            rows, i = fused.rows(toks, i + 1, columns, declared)
            rd.records += rows
            current = _after_table(rows, current)
            continue
        header, j = tables.table_header(toks, i)
        if header:
            rows, i = tables.table_rows(toks, j, header, declared)
            for row in rows:
                rd.records.append(row)
            current = _after_table(rows, current)
            continue
        bare, j = funds.bare_money(toks, i, declared)
        if bare:
            for f, v in bare.items():
                if current is not None:
                    current.setdefault(f, v)
                else:
                    rd.loose.append(v)
            i = j
            continue
        money_cols, j = funds.money_header(toks, i)
        if money_cols:
            found, i = funds.money_rows(toks, j, money_cols)
            for f, v in found.items():
                if current is not None:
                    current.setdefault(f, v)
                else:
                    rd.loose.append(v)
            continue
        segs = vocab.segment_columns(t.text) if t.text else None
        run = segs and len(segs) == 1 and _columns_ahead(toks, i) >= 3  # columns before the block's label
        if (segs and len(segs) >= 3) or run or (funds_label(t.text) and i + 1 < len(toks)):
            found, i = funds.funds_block(toks, i, declared)
            if found:
                rd.funds_seen = True
                target = current if current is not None else None
                for f, v in found.items():
                    if target is not None:
                        target.setdefault(f, v)
                    else:
                        rd.loose.append(v)
                continue
            i += 1
            continue
        if t.brk:
            i += 1
            continue
        parts = vocab.split_labelled(t.text)
        i += 1
        if _INDICATORS.match(t.text):
            in_indicators = True  # 绩效指标 rows hold targets and sub-scores, not the project's values
        for n, (lab, val) in enumerate(parts):
            if lab is None or (in_indicators and lab.field not in ("name", "score")):
                continue
            if lab.type == "score" and typed("score", val) == "100" and _score_follows(parts[n + 1 :], toks, i, t):
                continue  # '总分：100　自评得分：94.8': the full mark, then the score
            in_indicators = False
            if not val and n == len(parts) - 1:
                val, i = _value_after(toks, i, lab)
            val = typed(lab.type, val)
            if not val:
                continue
            if lab.field == "name" and (current is None or "name" in current):
                current = {}
                rd.records.append(current)
            v = Value(lab.field, val, t.line, "label", lab.unit)
            if current is None:
                rd.loose.append(v)
            else:
                current.setdefault(lab.field, v)
                if lab.field == "conclusion" and (m := _GRADE_SCORE.match(val)):
                    # '评价结论：良好（82.5分）': an evaluation's conclusion is its grade and score
                    current.setdefault("grade", Value("grade", m.group(1), t.line, "label"))
                    if m.group(2):
                        current.setdefault("score", Value("score", m.group(2), t.line, "label"))
    return rd


def _score_follows(rest: tuple, toks: list[Tok], i: int, t: Tok) -> bool:
    """Another score label after this one, in the same cell or the next cell of the line."""
    if any(p and p.type == "score" for p, _ in rest):
        return True
    nxt = toks[i] if i < len(toks) and toks[i].line is t.line else None
    parts = vocab.split_labelled(nxt.text) if nxt else ()
    return bool(parts and parts[0][0] is not None and parts[0][0].type == "score")


def _after_table(rows: list[dict[str, Value]], current: dict[str, Value] | None) -> dict[str, Value] | None:
    """Labels after a one-row table are that row's; after a table of several rows they are no one
    row's (a later section names its project)."""
    if not rows:
        return current
    return rows[-1] if len(rows) == 1 else None


def _columns_ahead(toks: list[Tok], i: int) -> int:
    """How many funds column headers follow one another from here, one cell each."""
    n = 0
    while (
        i + n < len(toks) and (segs := vocab.segment_columns(vocab.without_period(toks[i + n].text))) and len(segs) == 1
    ):
        n += 1
    return n


_GRADE_SCORE = re.compile(
    r"^[“\"「]?(优秀|良好|中等|较差|优|良|中|差)[”\"」]?(?:等次|等级)?(?:[(（,，]\s*(?:得分)?(\d{1,3}(?:\.\d{1,2})?)\s*分)?"
    r"(?![\u4e00-\u9fff])"
)


def _structural(text: str) -> bool:
    """A label, a funds header or row word: never the value of the label before it."""
    if vocab.label_of(text) or funds_label(text) or vocab.segment_columns(text):
        return True
    parts = vocab.split_labelled(text)
    if parts and parts[0][0] is not None:
        return True
    funds = vocab.rules()["funds"]
    return any(text.startswith(w) for w in (*funds["total_row"], *funds["other_rows"]))


def _value_after(toks: list[Tok], i: int, lab: vocab.Label) -> tuple[str, int]:
    """The next cell after a bare label, unless that cell is itself structure."""
    while i < len(toks) and toks[i].brk:
        i += 1
    if i >= len(toks):
        return "", i
    nxt = toks[i].text
    if _structural(nxt):
        return "", i
    if lab.type == "score" and nxt.rstrip("分") == "100" and i + 1 < len(toks):
        after = toks[i + 1].text
        if accepts("score", after.rstrip("分")):
            return after, i + 2  # '总分 | 100 | 92.26': the full mark, then the score
    if lab.type in ("text", "org") or accepts(lab.type, nxt) or is_value_text(nxt) or typed(lab.type, nxt):
        return nxt, i + 1
    return "", i


_FULL_MARK = re.compile(r"^100((?:\d{1,2})(?:\.\d{1,2})?)(?=分|$|\s|[,，。;；\u4e00-\u9fff])")
_LEAD = re.compile(r"^(?:为|是|:|：|系)\s*")


_TYPED = {
    "money": re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:亿元|万元|元|亿|万)?"),
    "score": re.compile(r"^(?:100|\d{1,2})(?:\.\d{1,2})?(?=分|$|\s|[,，。;；(（/])"),
    "rate": re.compile(r"^\d{1,3}(?:\.\d+)?\s*%|^(?:0\.\d{2,4}|1\.0{2,4})(?![\d.%])"),  # or a fraction: 0.4871
    "int": re.compile(r"^\d{1,4}$"),
}


_ORG = re.compile(
    r"^.{2,40}?(?:人民政府|政府|委员会|管理局|局|委|办公室|办|中心|街道|镇|乡|公司|学校|医院|院|所|站|队|处|署|馆|部|厅|集团)(?:本级|\(本部\)|机关)?"
)


def typed(kind: str, val: str) -> str:
    """A label's value cut to what its type allows; '' when it is not a value of that type."""
    v = _LEAD.sub("", val.strip())
    if kind == "score" and (m := _FULL_MARK.match(v)):
        v = m.group(1)  # '总分10087.29': the full mark 100 fused with the score
    if kind in _TYPED:
        m = _TYPED[kind].match(v)
        return m.group(0).strip() if m else ""
    if kind == "grade":
        m = re.match(r"^[“\"'‘「『]?(优秀|良好|中等|较差|不合格|合格|优|良|中|差)(?![\u4e00-\u9fff])", v)
        return m.group(1) if m else ""
    if kind == "org" and (len(v) > 30 or "的" in v):
        m = _ORG.match(v)
        return m.group(0) if m else ""
    return v
