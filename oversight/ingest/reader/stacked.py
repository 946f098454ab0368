"""Words a PDF's layout text wrapped inside their column, one part above the other:

                          年初预      全年预      全年执
    项目资金              算数        算数        行数       分值
    （万元）  年度资金   3,126.40    3,245.80    3,082.61     10
              总额

Parts are matched by their display column (a CJK character is two columns wide, as `pdftotext
-layout` lays them out) and joined when together they make a word of the vocabulary: a label, a
funds column or a funds row. The upper line's parts move down onto the header ('年初预' + '算数');
a lower line's parts move up onto their row ('年度资金' + '总额').
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from oversight.ingest.reader import vocab
from oversight.ingest.readers import Line

_PIECE = re.compile(r"\S+(?: \S+)*")  # parts separated by two or more spaces
_UNIT = re.compile(r"^[(（](?:万元|元|亿元)[)）]$")
_FRAGMENT = re.compile(r"^[\u4e00-\u9fff:：()（）]{1,6}$")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pieces(raw: str) -> list[tuple[int, str]]:
    return [(_width(raw[: m.start()]), m.group(0)) for m in _PIECE.finditer(raw)]


def _known(word: str) -> bool:
    word = word.replace("：", ":")
    funds = vocab.rules()["funds"]
    return bool(
        vocab.label_of(word)
        or vocab.segment_columns(vocab.without_period(word))
        or word in funds["total_row"]
        or word in funds["other_rows"]
    )


def _partner(col: int, text: str, others: list[tuple[int, str]], above: bool) -> int | None:
    """The index of the part in `others` at the same column that `text` completes."""
    for n, (c, o) in enumerate(others):
        if abs(c - col) <= 1 and _known(text + o if above else o + text) and not _known(o):
            return n
    return None


def _render(pieces: list[tuple[int, str]]) -> str:
    out = ""
    for col, text in pieces:
        out += " " * max(2 if out else 0, col - _width(out)) + text
    return out


def unstack(lines: list[Line]) -> list[Line]:
    """Plain-text lines with column parts joined back (TAB, CSV and HTML rows are left as they are)."""
    out = list(lines)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if len(a.cells) != 1 or len(b.cells) != 1 or "  " not in a.cells[0] + b.cells[0]:
            continue
        top, low = _pieces(a.cells[0]), _pieces(b.cells[0])
        if not top or not low:
            continue
        units = [
            (n, k) for n, (c, t) in enumerate(low) if _UNIT.match(t) for k, (d, _) in enumerate(top) if abs(c - d) <= 1
        ]
        if units:  # '项目资金' over '（万元）': the unit goes up to its label, not onto the next cell
            for n, k in units:
                top[k] = (top[k][0], top[k][1] + low[n][1])
            low = [p for n, p in enumerate(low) if n not in {n for n, _ in units}]
            out[i] = a = replace(a, cells=[_render(top)])
            out[i + 1] = b = replace(b, cells=[_render(low)])
            if not low:
                continue
        if all(_FRAGMENT.match(t) for _, t in top):  # the upper line is all parts of the header below
            pairs = [(_partner(c, t, low, above=True), t) for c, t in top]
            if all(n is not None for n, _ in pairs):
                for n, t in pairs:
                    low[n] = (low[n][0], t + low[n][1])  # type: ignore[index]
                out[i] = replace(a, cells=[""])
                out[i + 1] = replace(b, cells=[_render(low)])
                continue
        if all(_FRAGMENT.match(t) for _, t in low):  # the lower line is all tails of the row above
            pairs = [(_partner(c, t, top, above=False), t) for c, t in low]
            if all(n is not None for n, _ in pairs):
                for n, t in pairs:
                    top[n] = (top[n][0], top[n][1] + t)  # type: ignore[index]
                out[i] = replace(a, cells=[_render(top)])
                out[i + 1] = replace(b, cells=[""])
    return out
