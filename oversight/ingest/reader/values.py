"""Typed values in cells: money, rates, scores and grades, fused runs split by the number grammar.

A self-evaluation's funds row may arrive as separate cells ('150万', '150万', '125.25万', '100',
'83.5%', '98') or as one fused string ('145000000.00145000000.00145000000.0010100.0%10'); both go
through `fit_row`, which tries every way to cut the text into the columns' types and keeps the
reading whose numbers agree with each other (executed ÷ budget = rate, score ≤ weight).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from oversight.domain.standards import GRADE_WORDS

_EMPTY = re.compile(r"^[-—–/／、]$|^无$")
_PATTERNS = {
    "money": re.compile(r"(?:\d{1,3}(?:,\d{3})+|0|[1-9]\d*)(?:\.\d{1,6})?(?:亿元|万元|元|万|亿)?"),
    # '95.23%', or a fraction as some forms print it: '0.8867', '1.0000'
    "rate": re.compile(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,3})?%|0\.\d{2,4}|1\.0{2,4}"),
    "weight": re.compile(r"[1-9]\d?|100"),
    "score": re.compile(r"(?:0|[1-9]\d?|100)(?:\.\d{1,2})?分?"),  # "88.6分" in a results table
    "int": re.compile(r"[1-9]\d{0,3}"),
    "num": re.compile(r"[-+]?\d{1,4}(?:\.\d{1,2})?%?"),  # a column read past: a gap in points
}
_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def to_decimal(text: str) -> Decimal | None:
    m = _NUMBER.search(text)
    if not m:
        return None
    try:
        return Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:
        return None


def money_unit(text: str) -> str | None:
    m = re.search(r"(亿元|万元|元|亿|万)\s*$", text)
    return m.group(1) if m else None


def grade_of(text: str) -> str | None:
    t = re.sub(r"[\s“”\"'‘’「」『』]", "", text)
    if m := _LETTER_WORD.match(t):  # 'A级（优秀）', '优秀（A）': the word the cell itself gives
        t = m.group(1) or m.group(2)
    return GRADE_WORDS.get(t)


_LETTER_WORD = re.compile(
    r"^[A-E]级?[(（](优秀|良好|中等|较差|优|良|中|差)[)）]$|^(优秀|良好|中等|较差|优|良|中|差)[(（][A-E]级?[)）]$"
)


def accepts(kind: str, text: str) -> bool:
    """Whether a whole cell can be a value of this column type."""
    t = text.strip()
    if not t:
        return False
    if kind in _PATTERNS:
        return bool(_PATTERNS[kind].fullmatch(t.replace(" ", "")))
    if kind == "grade":  # a letter grade (A–E) is kept; the page's own legend says what it means
        return grade_of(t) is not None or bool(re.fullmatch(r"[A-E][+-]?", t))
    if kind == "any":
        return True
    if kind == "status":  # an item's 整改状态: a few words, never a sentence
        return len(t) <= 10 and not re.search(r"[，。；,;]", t)
    if kind == "date":  # an item's 整改时限
        return len(t) <= 16 and bool(re.search(r"\d|年|月|长期|持续", t))
    if kind in ("text", "org"):
        return not _NUMBER.fullmatch(t) and not t.endswith("%") and grade_of(t) is None
    return True


@dataclass
class Fit:
    values: dict[str, str]  # field → raw text of its value
    score: float
    ambiguous: bool = False


def _ends(kind: str, chunk: str, pos: int) -> list[int]:
    signed = kind == "num" and chunk[pos] in "-+" and chunk[pos + 1 : pos + 2].isdigit()  # '-16.40'
    if _EMPTY.match(chunk[pos]) and not signed:
        return [-(pos + 1)]  # a placeholder for an empty cell (negative: no value)
    pat = _PATTERNS.get(kind)
    if pat is None:
        return []
    out = []
    for end in range(len(chunk), pos, -1):
        if pat.fullmatch(chunk, pos, end):
            out.append(end)
    return out


def _consistency(v: dict[str, str], fused: bool) -> float:
    def num(f: str) -> Decimal | None:
        return to_decimal(v[f]) if f in v else None

    s = 0.0
    budget, executed, initial = num("budget_wan"), num("executed_wan"), num("budget_initial_wan")
    rate = num("execution_rate")
    if rate is not None and "%" not in v["execution_rate"]:
        rate *= 100  # a fraction
    if budget and executed and rate is not None:  # 0 and 0.0% agree trivially: no evidence
        s += 3 if abs(executed / budget * 100 - rate) <= Decimal("0.6") else -2
    if budget and initial is not None:
        s += 1 if initial == budget else 0
    if budget and executed is not None and executed > budget * Decimal("1.2"):
        s -= 1
    weight, score = num("weight"), num("execution_score")
    if weight is not None and score is not None:
        s += 0.5 if score <= weight else -3
    if fused:
        for f in ("budget_initial_wan", "budget_wan", "executed_wan"):
            if f in v and "." in v[f]:
                s += 0.3 if len(v[f].split(".")[1].rstrip("万元亿")) == 2 else -0.7
    return s


def _cut_cost(chunk: str, stop: int, value: str | None, kind: str) -> float:
    """How unnatural it is to end a value here: free at a chunk's end or after % or a unit."""
    if stop >= len(chunk) or not chunk[stop].isdigit() or not chunk[stop - 1].isdigit():
        return 0.0
    if kind == "money" and value and re.search(r"\.\d{2}$", value):
        return 0.2  # 145000000.00|145000000.00: two decimals end a fused amount
    return 1.0


def fit_row(text: str, columns: list[tuple[str, str]], limit: int = 4000) -> Fit | None:
    """Cut a row's value text into the columns' types; the best-agreeing reading wins."""
    chunks = [c for c in re.split(r"\s+", text.strip()) if c]
    if not chunks:
        return None
    fused = any(len(c) > 14 for c in chunks)
    found: list[Fit] = []

    def walk(i: int, p: int, j: int, got: dict[str, str], skips: float) -> None:
        if len(found) >= limit:
            return
        if i == len(chunks):
            trailing = len(columns) - j
            found.append(Fit(dict(got), _consistency(got, fused) - skips - 0.3 * trailing))
            return
        if j == len(columns):
            return  # values left over: not a reading
        f, kind = columns[j]
        for end in _ends(kind, chunks[i], p):
            stop = abs(end)
            if end > 0:
                got[f] = chunks[i][p:stop]
            ni, np_ = (i + 1, 0) if stop == len(chunks[i]) else (i, stop)
            walk(ni, np_, j + 1, got, skips + _cut_cost(chunks[i], stop, got.get(f), kind))
            got.pop(f, None)
        if p == 0:
            walk(i, p, j + 1, got, skips + 1)  # this column's cell is missing

    walk(0, 0, 0, {}, 0.0)
    if not found:
        return None
    found.sort(key=lambda x: -x.score)
    best = found[0]
    best.ambiguous = len(found) > 1 and found[1].score == best.score and found[1].values != best.values
    return best


_DONE = re.compile(r"^(?:目前|现)?已|^截至|已(?:完成|整改|全部)")
_FAULT = re.compile(r"不足|不够|缺少|缺乏|不充分|不规范|不完整|不明确|滞后|偏低|偏高|未(?:按|能|达到|及时|建立|落实)")
_ACTION = re.compile(r"^(?:进一步|下一步)?(?:加强|完善|建立|健全|制定|推进|规范|提高|优化|细化|强化|督促|加快|严格)")


def _wording(field: str, text: str) -> float:
    """A small cost for a text cell worded unlike its column: what was done ('已…') is no problem or
    suggestion; a fault stated without an action is no suggestion or outcome."""
    field = field.split("#")[0]
    if field in ("problems", "suggestions", "measures") and _DONE.search(text):
        return 0.3
    if field in ("suggestions", "measures", "rectification") and _FAULT.search(text) and not _ACTION.search(text):
        return 0.3
    return 0.0


def align(cells: list[str], columns: list[tuple[str, str]], paragraphs: bool = False) -> dict[str, str] | None:
    """Whole cells to columns, in order, where a cell may have been dropped (8 headers, 7 values), or,
    at a higher cost, a cell fits no column (a grade written as a letter the page has not explained)."""
    got = align_cost(cells, columns, paragraphs)
    return got[1] if got else None


def align_cost(
    cells: list[str], columns: list[tuple[str, str]], paragraphs: bool = False
) -> tuple[float, dict[str, str]] | None:
    """`align` with its cost: 1 per column without a cell, 2.5 per cell that fits none. An empty
    cell ('') stands for its column at no cost. `paragraphs`: one paragraph per cell, where a text
    cell's second paragraph arrives as a cell of its own (joined to it at a cost of 1.2)."""
    n, m = len(cells), len(columns)
    if n > m + 4:
        return None
    best: tuple[float, dict[str, str]] | None = None

    def walk(i: int, j: int, got: dict[str, str], cost: float) -> None:
        nonlocal best
        if best is not None and cost >= best[0]:
            return
        if i == n:
            total = cost + (m - j) * 0.5
            if best is None or total < best[0]:
                best = (total, dict(got))
            return
        if cells[i] == "":
            if j < m:
                walk(i + 1, j + 1, got, cost)
            walk(i + 1, j, got, cost + 0.2)
            return
        if j < m:
            f, kind = columns[j]
            if accepts(kind, cells[i]):
                got[f] = cells[i]
                walk(i + 1, j + 1, got, cost + _wording(f, cells[i]))
                got.pop(f)
            walk(i, j + 1, got, cost + 1)
        if (
            paragraphs
            and j
            and columns[j - 1][1] == "text"
            and (prev := columns[j - 1][0]) in got
            and accepts("text", cells[i])
        ):
            kept = got[prev]  # a second paragraph of the text cell before (one paragraph per cell)
            got[prev] = f"{kept}\n{cells[i]}"
            walk(i + 1, j, got, cost + 1.2)
            got[prev] = kept
        walk(i + 1, j, got, cost + 2.5)  # the cell fits nowhere: left out

    walk(0, 0, {}, 0.0)
    return best
