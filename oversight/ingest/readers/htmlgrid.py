"""HTML tables with rowspan/colspan written out as a plain grid, so a cell keeps its column.

A header cell over three sub-columns ('预算资金（万元）' over 调整后预算 | 实际支出 | 资金使用率) and a
'序号' cell spanning both header rows would otherwise shift every column after them. A cell spanning
rows is repeated in each row it covers (a 主管部门 over three projects belongs to each); a cell
spanning columns is written once and followed by empty cells (a 合计 spread over three columns is
not three values).
"""

from __future__ import annotations

import re

_TABLE = re.compile(r"(?is)<table\b.*?</table>")
_ROW = re.compile(r"(?is)<tr\b[^>]*>(.*?)(?=<tr\b|</tbody>|</thead>|</table>|$)")
_CELL = re.compile(r"(?is)<(td|th)\b([^>]*)>(.*?)(?=<t[dh]\b|</tr>|$)")
MAX_SPAN = 50  # a hostile rowspan="100000" must not make a huge grid


def _span(attrs: str, name: str) -> int:
    m = re.search(rf"""{name}\s*=\s*["']?\s*(\d+)""", attrs, re.IGNORECASE)
    return max(1, min(int(m.group(1)), MAX_SPAN)) if m else 1


def _grid(table: str) -> str:
    carried: dict[int, tuple[str, int]] = {}  # column → (cell html, rows it still covers)
    out: list[str] = []
    for row in _ROW.finditer(table):
        cells: dict[int, str] = {}
        col = 0
        for m in _CELL.finditer(row.group(1)):
            while col in carried:
                col += 1
            rows, cols = _span(m.group(2), "rowspan"), _span(m.group(2), "colspan")
            body = re.sub(r"(?is)</t[dh]>\s*$", "", m.group(3))
            for k in range(cols):
                cells[col + k] = body if k == 0 else ""
                if rows > 1:
                    carried[col + k] = (cells[col + k], rows)
            col += cols
        for c, (body, left) in list(carried.items()):
            cells.setdefault(c, body)
            if left <= 1 or c not in cells:
                carried.pop(c, None)
            else:
                carried[c] = (body, left - 1)
        if cells:
            width = max(cells) + 1
            out.append("<tr>" + "".join(f"<td>{cells.get(c, '')}</td>" for c in range(width)) + "</tr>")
    return "<table>" + "".join(out) + "</table>"


def expand_spans(html: str) -> str:
    """Every table of the page as a plain grid (no rowspan/colspan)."""
    if not re.search(r"(?i)(?:row|col)span", html):
        return html
    return _TABLE.sub(lambda m: _grid(m.group(0)), html)
