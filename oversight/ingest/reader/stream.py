"""A document as one stream of cells, whatever its layout: TABs, ' | ', one cell per line or per
paragraph, or cells fused with no separator at all. Labels are found by vocabulary, not position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oversight.ingest.reader import vocab
from oversight.ingest.reader.clean import clean
from oversight.ingest.reader.values import accepts, fit_row
from oversight.ingest.readers import Line

_GAPS = re.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")  # columns laid out with runs of spaces
_PIPES = re.compile(r"^[\s|｜]*$")
_PIPE_SPLIT = re.compile(r"\s*[|｜]\s*")
_NUMERIC = re.compile(r"^[\d.,%万元亿\s\-—–/]+$")
_UNIT_ONLY = re.compile(r"^\((万元|元|亿元|%)\)$")
_INDICATORS = re.compile(r"^(?:绩效指标|一级指标|绩效目标|年度总体目标)")
_TEMPLATE = re.compile(r"\((?:填写说明|填表说明|说明|注|包括|如|请)[^()]{0,200}\)")


@dataclass
class Tok:
    text: str
    line: Line
    brk: bool = False  # a row break: a blank paragraph or a line of bare '|'


@dataclass
class Value:
    field: str
    raw: str
    line: Line
    how: str  # label | column | table | prose | title
    unit: str | None = None  # the unit the label or column header states
    lines: list[Line] = field(default_factory=list)


def tokens(lines: list[Line]) -> list[Tok]:
    out: list[Tok] = []
    for line in lines:
        raw = "\t".join(line.cells)
        if not raw.strip() or _PIPES.match(raw):
            out.append(Tok("", line, brk=True))
            continue
        piped = raw.rstrip().endswith("|") or " | " in raw
        for cell in line.cells:
            parts = _PIPE_SPLIT.split(cell) if piped else _GAPS.split(cell)
            for part in parts:
                t = _TEMPLATE.sub("", clean(part))
                if t:
                    out.append(Tok(t, line))
    return _merge_split_words(out)


def _merge_split_words(toks: list[Tok]) -> list[Tok]:
    """'年初' / '预算数' → '年初预算数'; '项目资金' / '(万元)' → '项目资金(万元)'."""
    out: list[Tok] = []
    cols = vocab.funds_columns()
    words = [t for t in toks if not t.brk]
    i = 0
    while i < len(words):
        t = words[i]
        if i + 1 < len(words):
            nxt = words[i + 1]
            joined = t.text + nxt.text
            if _UNIT_ONLY.match(nxt.text) and not _NUMERIC.match(t.text):
                out.append(Tok(joined, t.line))
                i += 2
                continue
            alone = vocab.label_of(t.text) or vocab.segment_columns(t.text, cols)
            if not alone and len(t.text) <= 4 and (vocab.label_of(joined) or vocab.segment_columns(joined, cols)):
                out.append(Tok(joined, t.line))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def is_value_text(text: str) -> bool:
    return bool(_NUMERIC.match(text))


@dataclass
class Reading:
    records: list[dict[str, Value]] = field(default_factory=list)
    loose: list[Value] = field(default_factory=list)  # values before any 项目名称 (the document's own)
    funds_seen: bool = False


def read(toks: list[Tok]) -> Reading:
    """Labelled values, funds blocks and wide tables → records (one per 项目名称)."""
    rd = Reading()
    current: dict[str, Value] | None = None
    i = 0
    cols_words = vocab.funds_columns()
    in_indicators = False
    while i < len(toks):
        t = toks[i]
        # A wide table: a header run of ≥ 4 labels including 项目名称.
        header, j = _table_header(toks, i)
        if header:
            rows, i = _table_rows(toks, j, header)
            for row in rows:
                rd.records.append(row)
            current = rd.records[-1] if rows else current
            continue
        money_cols, j = _money_header(toks, i)
        if money_cols:
            found, i = _money_rows(toks, j, money_cols)
            for f, v in found.items():
                if current is not None:
                    current.setdefault(f, v)
                else:
                    rd.loose.append(v)
            continue
        segs = vocab.segment_columns(t.text, cols_words) if t.text else None
        if (segs and len(segs) >= 3) or (_funds_label(t.text) and i + 1 < len(toks)):
            found, i = _funds_block(toks, i)
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
    return rd


def _structural(text: str) -> bool:
    """A label, a funds header or row word: never the value of the label before it."""
    if vocab.label_of(text) or _funds_label(text) or vocab.segment_columns(text, vocab.funds_columns()):
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
    if lab.type in ("text", "org") or accepts(lab.type, nxt) or is_value_text(nxt):
        return nxt, i + 1
    return "", i


_LEAD = re.compile(r"^(?:为|是|:|：|系)\s*")
_TYPED = {
    "money": re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:亿元|万元|元|亿|万)?"),
    "score": re.compile(r"^(?:100|\d{1,2})(?:\.\d{1,2})?(?=分|$|\s|[,，。;；])"),
    "rate": re.compile(r"^\d{1,3}(?:\.\d+)?\s*%"),
    "int": re.compile(r"^\d{1,4}$"),
}
_ORG = re.compile(
    r"^.{2,40}?(?:人民政府|政府|委员会|管理局|局|委|办公室|办|中心|街道|镇|乡|公司|学校|医院|院|所|站|队|处|署|馆|部|厅|集团)(?:本级|\(本部\)|机关)?"
)


def typed(kind: str, val: str) -> str:
    """A label's value cut to what its type allows; '' when it is not a value of that type."""
    v = _LEAD.sub("", val.strip())
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


def _funds_label(text: str) -> bool:
    return any(text.startswith(w) for w in vocab.rules()["funds"]["block_label"])


def _funds_block(toks: list[Tok], i: int) -> tuple[dict[str, Value], int]:
    """项目资金(万元) | 年初预算数 … 得分, then 年度资金总额 and its values (separate or fused)."""
    start = i
    unit = None
    columns: list[tuple[str, str]] = []
    cols_words = vocab.funds_columns()
    # the block label, possibly fused with the column words: '项目资金(万元) 年初预算数全年预算数…'
    while i < len(toks) and i - start < 12:
        text = toks[i].text
        if toks[i].brk:
            i += 1
            continue
        m = re.match(r"^(项目资金|资金情况)?\s*(?:\((万元|元|亿元|万兀)\))?\s*", text)
        rest = text[m.end() :] if m else text
        if m and m.group(2):
            unit = "万元" if m.group(2) == "万兀" else m.group(2)
        if m and m.group(1) and not rest:
            i += 1
            continue
        segs = vocab.segment_columns(rest, cols_words) if rest else None
        if segs:
            columns += segs
            i += 1
            continue
        break
    if len(columns) < 3:
        return {}, start
    totals = vocab.rules()["funds"]["total_row"]
    others = vocab.rules()["funds"]["other_rows"]
    found: dict[str, Value] = {}
    while i < len(toks):
        t = toks[i]
        if t.brk:
            i += 1
            continue
        row = next((w for w in (*totals, *others) if t.text.replace("：", ":").startswith(w)), None)
        if row is None:
            break
        rest = t.text[len(row) :].strip()
        line = t.line
        i += 1
        vals = [rest] if rest else []
        while i < len(toks) and (toks[i].brk or is_value_text(toks[i].text)):
            if not toks[i].brk:
                vals.append(toks[i].text)
            i += 1
        if row in totals and not found:
            fit = fit_row(" ".join(vals), columns)
            if fit:
                how = "column?" if fit.ambiguous else "column"
                for f, raw in fit.values.items():
                    found[f] = Value(f, raw, line, how, unit)
    return found, i


_HEADING_LIKE = re.compile(r"^(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
_TOTAL = re.compile(r"^(?:合计|总计|小计|共计)")


def _drop_totals(row: list[Tok]) -> list[Tok]:
    """A 合计 row after the last project: not part of it."""
    for n, c in enumerate(row):
        if _TOTAL.match(c.text):
            return row[:n]
    return row


_MONEY_TYPES = ("money", "rate")


def _money_header(toks: list[Tok], i: int) -> tuple[list[tuple[str, str, str | None]], int]:
    """'项目 | 年初预算数(万元) | 调整后预算数(万元) | 实际支出(万元) | 预算执行率': ≥ 2 money/rate columns
    after one row-label header cell, all on one line."""
    t = toks[i]
    if t.brk or vocab.label_of(t.text):
        return [], i
    cols = []
    j = i + 1
    while j < len(toks) and not toks[j].brk and toks[j].line is t.line:
        lab = vocab.label_of(toks[j].text)
        if not lab or lab.type not in _MONEY_TYPES:
            return [], i
        cols.append((lab.field, lab.type, lab.unit))
        j += 1
    return (cols, j) if len(cols) >= 2 else ([], i)


def _money_rows(toks: list[Tok], j: int, cols: list[tuple[str, str, str | None]]) -> tuple[dict[str, Value], int]:
    """The first row (the total) of a money table → values by column."""
    found: dict[str, Value] = {}
    while j < len(toks):
        t = toks[j]
        if t.brk:
            j += 1
            continue
        if is_value_text(t.text):
            break
        vals = []
        k = j + 1
        while k < len(toks) and not toks[k].brk and toks[k].line is t.line and is_value_text(toks[k].text):
            vals.append(toks[k].text)
            k += 1
        if not vals:
            break
        if not found:
            fit = fit_row(" ".join(vals), [(f, ty) for f, ty, _ in cols])
            units = {f: u for f, _, u in cols}
            for f, raw in fit.values.items() if fit else ():
                found[f] = Value(f, raw, t.line, "column", units.get(f))
        j = k
    return found, j


def _table_header(toks: list[Tok], i: int) -> tuple[list[tuple[str, str, str | None]], int]:
    header: list[tuple[str, str, str | None]] = []
    j = i
    while j < len(toks):
        if toks[j].brk:
            j += 1
            continue
        lab = vocab.label_of(toks[j].text)
        if not lab:
            break
        header.append((lab.field, lab.type, lab.unit))
        j += 1
    fields = [h[0] for h in header]
    if len(header) >= 3 and "name" in fields and len(set(fields)) == len(fields):
        return header, j
    return [], i


def _table_rows(
    toks: list[Tok], j: int, header: list[tuple[str, str, str | None]]
) -> tuple[list[dict[str, Value]], int]:
    cells = []
    k = j
    while k < len(toks):
        t = toks[k]
        if not t.brk:
            if vocab.label_of(t.text) and vocab.label_of(t.text).field == "name":
                break
            if (len(t.text) > 60 and "。" in t.text) or _HEADING_LIKE.match(t.text):
                break  # prose or a new section after the table
            cells.append(t)
        k += 1
    columns = [(f, ty) for f, ty, _ in header]
    units = {f: u for f, _, u in header}
    rows: list[list[Tok]] = []
    if columns[0][0] == "seq":
        expect = 1
        for c in cells:
            if c.text == str(expect) and (not rows or len(rows[-1]) >= len(columns) - 2):
                rows.append([])
                expect += 1
            elif rows and len(rows[-1]) >= len(columns):
                break  # a full row and no next 序号: the table has ended
            if rows:
                rows[-1].append(c)
    else:
        rows = [cells[n : n + len(columns)] for n in range(0, len(cells), len(columns))]
    rows = [_drop_totals(r) for r in rows]
    out = []
    from oversight.ingest.reader.values import align

    for row in rows:
        got = align([c.text for c in row], columns)
        if not got or "name" not in got:
            continue
        by_text = {c.text: c for c in row}
        out.append({f: Value(f, raw, by_text[raw].line, "table", units.get(f)) for f, raw in got.items() if f != "seq"})
    return out, k
