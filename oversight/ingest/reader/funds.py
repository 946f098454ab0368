"""Money blocks of a form: the self-evaluation's funds block (项目资金 | 年初预算数 … 得分, then 年度资金总额
and its values, separate or fused), a money table with a row-label column, and a line of money labels
over a line of their values.
"""

from __future__ import annotations

import re
from functools import lru_cache

from oversight.ingest.reader import vocab
from oversight.ingest.reader.cells import Tok, Value, is_value_text
from oversight.ingest.reader.values import fit_row

_TEXT_TAIL = re.compile(r"(?<=[\d%—-])[\u4e00-\u9fff].*$")
_NOTE_COLUMN = re.compile(r"^[\u4e00-\u9fff]{0,8}(?:原因|说明|备注|措施)[\u4e00-\u9fff]{0,4}$")
_REASON = re.compile(r"^(?=.{10,})\D.*[，,；;]")
_PLACEHOLDER = re.compile(r"^[/／\\—–\-]$|^无$")


@lru_cache(maxsize=1)
def _block_labels() -> str:
    return "|".join(re.escape(w) for w in sorted(vocab.rules()["funds"]["block_label"], key=len, reverse=True))


def funds_block(toks: list[Tok], i: int, declared: str | None = None) -> tuple[dict[str, Value], int]:
    """项目资金(万元) | 年初预算数 … 得分, then 年度资金总额 and its values (separate or fused).
    `declared`: the unit the page states above the form ('金额单位：元') when the block names none."""
    start = i
    unit = declared
    columns: list[tuple[str, str]] = []
    # the block label, possibly fused with the column words: '项目资金(万元) 年初预算数全年预算数…'
    while i < len(toks) and i - start < 12:
        text = toks[i].text
        if toks[i].brk or (columns == [] and _PLACEHOLDER.match(text)):
            i += 1  # the merged corner cell under 项目资金(万元) is often a bare '/'
            continue
        m = re.match(rf"^({_block_labels()})?\s*(?:\((万元|元|亿元|万兀)\))?\s*", text)
        rest = text[m.end() :] if m else text
        if m and m.group(2):
            unit = "万元" if m.group(2) == "万兀" else m.group(2)
        if m and m.group(1) and not rest:
            i += 1
            continue
        segs = vocab.segment_columns(vocab.without_period(rest)) if rest else None
        if segs:
            columns += segs
            i += 1
            continue
        if columns and toks[i].line is toks[i - 1].line and _NOTE_COLUMN.match(text):
            i += 1  # '执行偏差原因' after the money columns: its cells are text, read past
            continue
        break
    if len(columns) < 3:
        return {}, start
    start_row: str | None = None
    totals = vocab.rules()["funds"]["total_row"]
    others = vocab.rules()["funds"]["other_rows"]
    found: dict[str, Value] = {}
    while i < len(toks):
        t = toks[i]
        if t.brk:
            i += 1
            continue
        row = next((w for w in (*totals, *others) if t.text.replace("：", ":").startswith(w)), None)
        if row is None and re.match(vocab.rules()["funds"]["source_row"], t.text):
            row = t.text
        if row is None and not found and start_row is None and is_value_text(t.text):
            row = start_row = ""  # the values right under the header, with no row label: the total
        if row is None and not found and _REASON.search(t.text):
            i += 1  # a 偏差原因 cell after a source row's values: the total row is still to come
            continue
        if row is None:
            break
        rest = _TEXT_TAIL.sub("", t.text[len(row) :].strip())  # a fused 偏差原因 cell after the values
        line = t.line
        i += 1
        vals = [rest] if rest else []
        while i < len(toks) and (toks[i].brk or is_value_text(toks[i].text)):
            if not toks[i].brk:
                vals.append(toks[i].text)
            i += 1
        if (row in totals or row == "") and not found:
            fit = fit_row(" ".join(vals), columns)
            if fit:
                how = "column?" if fit.ambiguous else "column"
                for f, raw in fit.values.items():
                    if not f.startswith("_"):
                        found[f] = Value(f, raw, line, how, unit)
    return found, i


_MONEY_TYPES = ("money", "rate")


def money_header(toks: list[Tok], i: int) -> tuple[list[tuple[str, str, str | None]], int]:
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


def bare_money(toks: list[Tok], i: int, declared: str | None = None) -> tuple[dict[str, Value], int]:
    """A line of ≥ 3 money/rate labels and, on the next line, only their values (a PDF form's
    '年初预算数 调整后预算 实际支出数 预算执行率' over '420.00 436.50 418.21 95.81%')."""
    t = toks[i]
    cols: list[tuple[str, str, str | None]] = []
    j = i
    while j < len(toks) and not toks[j].brk and toks[j].line is t.line:
        lab = vocab.label_of(toks[j].text)
        if not lab or lab.type not in _MONEY_TYPES:
            return {}, i
        cols.append((lab.field, lab.type, lab.unit or (declared if lab.type == "money" else None)))
        j += 1
    while j < len(toks) and toks[j].brk:
        j += 1
    if len(cols) < 3 or j >= len(toks):
        return {}, i
    row = [x for x in toks[j:] if x.line is toks[j].line]
    if not all(is_value_text(x.text) for x in row):
        return {}, i
    fit = fit_row(" ".join(x.text for x in row), [(f, ty) for f, ty, _ in cols])
    units = {f: u for f, _, u in cols}
    found = {f: Value(f, raw, toks[j].line, "column", units.get(f)) for f, raw in (fit.values.items() if fit else ())}
    return (found, j + len(row)) if found else ({}, i)


def money_rows(toks: list[Tok], j: int, cols: list[tuple[str, str, str | None]]) -> tuple[dict[str, Value], int]:
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
