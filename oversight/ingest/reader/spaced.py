"""Tables whose columns are separated by single spaces: the text a PDF gives for a results table.

    序号 项目名称 主管部门 评价方式 预算数 执行数 资金执 评价 绩效
                                     （万元） （万元） 行率 总分 等级
    1 奉贤区公共安全视频监控运维服务 奉贤区公安分局 部门评价 1,426.00 1,398.25 98.05% 95.5 优
    2 奉贤区网格化综合管理中心城运平台升级改 奉贤区城市运行管 部门评价 580.00 512.94 88.44% 87 良
      造 理中心

A line is cut at its spaces only when it reads as a header (mostly column labels) or as a row
(several values); Chinese prose has no spaces between words, so a sentence is never cut. A header
wrapped onto a second line is joined back label by label, and a row's name and department that
wrap onto the next line are joined back to the row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from oversight.ingest.reader import vocab
from oversight.ingest.readers import Line

_VALUE = re.compile(r"^[-+]?[\d,]+(?:\.\d+)?%?$|^[优良中差]$|^(?:优秀|良好|中等|较差|合格|不合格)$")
_UNIT = re.compile(r"^\((?:万元|元|亿元|%|分)\)$")
_SEQ = re.compile(r"^\d{1,3}$")
_GROUP_UNIT = re.compile(r"\((?:万元|元|亿元)\)$")
_BLANK = re.compile(r"^[/／—–\-]$")
_NOT_WRAP = re.compile(r"^(?:合计|总计|小计|注|说明|备注|附件|单位)|.*[:：]$")


def _label(text: str) -> bool:
    return vocab.label_of(text) is not None


def split_cells(raw: str, clean: Callable[[str], str]) -> list[str]:
    """The raw cell, cleaned, and cut at single spaces when it is a spaced header or row.

    Cut before cleaning: cleaning closes the gaps between CJK characters (letter spacing)."""
    parts = [clean(p) for p in raw.split()]
    if len(parts) >= 4:
        labels = sum(_label(p) or bool(vocab.segment_columns(p)) for p in parts)
        values = sum(bool(_VALUE.match(p)) for p in parts)
        if labels >= 3 and labels >= len(parts) // 2:  # a header (its wrapped words are not labels yet)
            return parts
        if values >= 2 and (_SEQ.match(parts[0]) or parts[0].startswith(("合计", "总计", "小计"))):
            return parts  # a numbered row, or its total
        if values >= 3 and all(_VALUE.match(p) or _BLANK.match(p) for p in parts[1:]):
            return parts  # a row label and its values: '年度资金总额 312.00 296.40 296.40 10 100.00% 10'
    elif len(parts) == 3 and all(_VALUE.match(p) or _BLANK.match(p) for p in parts[1:]) and not _VALUE.match(parts[0]):
        return parts
    return [clean(raw)]


def _join_header(head: list[str], frags: list[str]) -> list[str] | None:
    """Fragments of a wrapped header joined, in order, to the labels they complete; None if one fits nowhere."""
    out, k = list(head), 0
    for frag in frags:
        while k < len(out):
            joined = out[k] + frag
            money = _UNIT.match(frag) and (lab := vocab.label_of(out[k])) and lab.type in ("money", "score", "rate")
            if money or (_label(joined) and not _UNIT.match(frag)):
                out[k], k = joined, k + 1
                break
            k += 1
        else:
            return None
    return out


@dataclass
class Cut:
    line: Line
    texts: list[str] | None  # None: a row break
    pieces: list[str] = field(default_factory=list)  # the line cut at every space
    grid: list[str] = field(default_factory=list)  # a TAB/CSV/HTML row's cells by position, blanks kept


def _two_row_header(top: list[str], sub: list[str]) -> list[str] | None:
    """A header over two rows of cells ('资金到位情况' over '到位数 | 到位率'): each column takes its
    lower cell when it has one, else the upper. None unless `sub` reads as the lower header row."""
    words = [x for x in sub if x]
    if len(words) < 2 or sum(_label(x) for x in top) < 2 or not (any(_label(x) for x in words) or _spanned(top, sub)):
        return None
    if (sub[0] and sub[0] != top[0]) or sub == top or any(_VALUE.match(x) for x in words):
        return None  # a row of its own, or a cell spanning both rows repeated (HTML rowspan)
    width = max(len(top), len(sub))
    top, sub = top + [""] * (width - len(top)), sub + [""] * (width - len(sub))
    out, unit = [], None
    for high, low in zip(top, sub, strict=True):
        if high:  # a group's unit ('预算资金（万元）') holds for the sub-columns under it
            unit = m.group(0) if (m := _GROUP_UNIT.search(high)) else None
        if low and low != high and unit and not _GROUP_UNIT.search(low):
            low += unit
        if low or high:
            out.append(low or high)
    return out


def _spanned(top: list[str], sub: list[str]) -> bool:
    """A group cell spanning empty cells to its right, with the lower row's cells under the span
    ('分项得分' over '预算执行（10分） | 产出（50分） | …'), and no values in the lower row."""
    under_span = [n for n, low in enumerate(sub) if low and n and not (top[n] if n < len(top) else "")]
    return bool(under_span) and any(top[: under_span[0]]) and not any(_VALUE.match(x) for x in sub if x)


def join_wrapped(cut: list[Cut]) -> list[Cut]:
    out: list[Cut] = []
    for c in cut:
        if out and out[-1].grid and c.grid and (merged := _two_row_header(out[-1].grid, c.grid)):
            out[-1].texts, out[-1].grid = merged, []
            continue
        prev = out[-1].texts if out else None
        frags = c.pieces or c.texts
        # Only a plain-text line (one cell) continues a line: table cells (HTML, CSV) have their own rows.
        if frags and prev and len(prev) >= 4 and len(frags) < len(prev) and len(c.line.cells) == 1:
            if sum(_label(p) for p in prev) >= 3 and (joined := _join_header(prev, frags)):
                out[-1].texts = joined  # the header's second line
                continue
            if _SEQ.match(prev[0]) and _is_wrap(frags, prev):
                words = [n for n, p in enumerate(prev) if n and not _VALUE.match(p)]
                for n, frag in zip(words, frags, strict=False):
                    prev[n] += frag  # the name's and the department's tails, in order
                continue
        out.append(c)
    return out


def _is_wrap(texts: list[str], row: list[str]) -> bool:
    """Short text fragments, no values, fewer than the row's text cells: the tail of a wrapped row."""
    words = [p for n, p in enumerate(row) if n and not _VALUE.match(p)]
    return (
        len(texts) <= len(words)
        and all(not _VALUE.match(t) and not _label(t) and len(t) <= 12 for t in texts)
        and not _SEQ.match(texts[0])
        and not _NOT_WRAP.match(texts[0])
    )
