"""Wide tables in the cell stream, one project per row, whose cells are matched to columns by type:
a header run of labels including 项目名称, then rows by line, by 序号 or where the cells align best.
"""

from __future__ import annotations

import re

from oversight.ingest.reader import vocab
from oversight.ingest.reader.cells import Tok, Value, is_value_text
from oversight.ingest.reader.values import align, align_cost

_NOTES = re.compile(r"^(?:说明|注|备注|附注|填表说明)[:：]?$")
_HEADING_LIKE = re.compile(r"^(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")


_TEXT_COLUMNS = ("problems", "suggestions", "rectification", "measures", "conclusion")
_SENTENCE = re.compile(r"^.{6,}[，,].{4,}。$")
_TOTAL = re.compile(r"^(?:合计|总计|小计|共计)")


def _join_continued(by_line: list[list[Tok]], width: int) -> list[list[Tok]]:
    """A numbered row whose cells went on over the next line (a cell with a line break in it): a line
    without a number finishes the row above while the row is short. Its first cell continues the
    row's last cell, unless it is a value of its own."""
    out: list[list[Tok]] = []
    for r in by_line:
        last = out[-1] if out else None
        # Only lines of several cells (TAB, CSV): one cell per line is the other layout, read by numbering.
        several = len(r) >= 2 or (len(last or []) >= 2 and not is_value_text(r[0].text))
        ends = _TOTAL.match(r[0].text) or _NOTES.match(r[0].text) or r[0].text.startswith(("注", "说明", "备注"))
        if (
            last
            and several
            and not ends
            and len(last) < width - 1  # the row above is short: it went on
            and last[0].text.isdigit()
            and not r[0].text.isdigit()
            and len(last) + len(r) - 1 <= width + 1
        ):
            if is_value_text(r[0].text) or len(last) == 1:
                out[-1] = last + r
            else:
                out[-1] = [*last[:-1], Tok(last[-1].text + r[0].text, last[-1].line), *r[1:]]
            continue
        out.append(list(r))
    return out


def _join_wrapped_cells(by_line: list[list[Tok]], width: int) -> list[list[Tok]]:
    """A row of several cells (TAB, CSV) whose text cell held line breaks: the row above is short, and
    this line's first cell goes on with its last cell ('1.目标依据不足；' / '2.进度滞后。<TAB>1.科学测算…')."""
    out: list[list[Tok]] = []
    for r in by_line:
        last = out[-1] if out else None
        if (
            last
            and len(last) >= 3
            and len(last) < width
            and len(last) + len(r) - 1 <= width
            and not is_value_text(r[0].text)
            and not (_TOTAL.match(r[0].text) or _NOTES.match(r[0].text))
        ):
            out[-1] = [*last[:-1], Tok(last[-1].text + "\n" + r[0].text, last[-1].line), *r[1:]]
            continue
        out.append(list(r))
    return out


_POINT = re.compile(r"^(\d{1,2})[.、．](?!\d)")


def _merge_points(cells: list[Tok]) -> list[Tok]:
    """One paragraph per cell: a cell's numbered points ('1.目标不细化。' / '2.合同不明确。') are
    paragraphs of one cell, joined again. Only on lines of their own (TAB and CSV cells are cells)."""
    out: list[Tok] = []
    run = 0  # the number of the last point of the cell being joined
    for c in cells:
        m = _POINT.match(c.text)
        alone = len(c.line.cells) == 1
        if m and alone and out and run and int(m.group(1)) == run + 1:
            out[-1] = Tok(out[-1].text + "\n" + c.text, out[-1].line, blanks_after=c.blanks_after)
            run += 1
            continue
        run = 1 if m and alone and m.group(1) == "1" else 0
        out.append(c)
    return out


def _segment(cells: list[Tok], columns: list[tuple[str, str]]) -> list[list[Tok]]:
    """A table one cell per line, without 序号: rows are where the cells align best with the columns
    (a row may have dropped an empty cell, or kept it as a line of spaces). A 合计 row is skipped."""
    flat: list[Tok] = []
    total = False
    for c in cells:
        if _TOTAL.match(c.text):
            total = True  # the 合计 row: its values up to the next text cell
            continue
        if total and is_value_text(c.text):
            continue
        total = False
        flat.append(c)
        flat += [Tok("", c.line)] * (c.blanks_after if flat else 0)
    n, m = len(flat), len(columns)
    best: list[tuple[float, int] | None] = [None] * (n + 1)
    best[n] = (0.0, n)
    for i in range(n - 1, -1, -1):
        options = [(3.0 + best[i + 1][0], i + 1)] if best[i + 1] else []  # a stray cell
        for size in range(max(2, m - 2), min(m + 1, n - i) + 1):
            got = align_cost([c.text for c in flat[i : i + size]], columns, paragraphs=True)
            if got and "name" in got[1] and best[i + size]:
                options.append((got[0] + best[i + size][0], i + size))
        best[i] = min(options) if options else None
    rows, i = [], 0
    while i < n and best[i]:
        nxt = best[i][1]
        if nxt - i > 1:
            rows.append(flat[i:nxt])
        i = nxt
    return rows


def _drop_totals(row: list[Tok]) -> list[Tok]:
    """A 合计 row after the last project: not part of it."""
    for n, c in enumerate(row):
        if _TOTAL.match(c.text):
            return row[:n]
    return row


def table_header(toks: list[Tok], i: int) -> tuple[list[tuple[str, str, str | None]], int]:
    """A header run of labels including 项目名称. On one line (a CSV, TAB or Markdown row) it may also
    hold columns we have no label for ('数据更新日期'): they are kept as columns whose cells are ignored."""
    header: list[tuple[str, str, str | None]] = []
    j = i
    line = toks[i].line if i < len(toks) else None
    unknown = 0
    # 'label | value' on a line of two cells is a form's pair, not the start of a header
    wide = sum(1 for t in toks[i : i + 12] if t.line is line) >= 3
    while j < len(toks):
        if toks[j].brk:
            j += 1
            continue
        lab = vocab.header_of(toks[j].text)
        if lab and lab.field in _LATEST and lab.field in [h[0] for h in header]:
            # '1-6月执行数' then '1-9月执行数': the later span is the current figure
            header = [(f"_{h[0]}#{j}", *h[1:]) if h[0] == lab.field else h for h in header]
        if lab:
            field = lab.field if lab.field not in [h[0] for h in header] else f"{lab.field}#{j}"
            header.append((f"{field}#{j}" if field.startswith("_") else field, lab.type, lab.unit))
        elif toks[j].line is line and header and wide and _HEADER_WORD.fullmatch(toks[j].text):
            header.append((f"_ignored#{j}", "any", None))
            unknown += 1
        elif _last_of_numbered_header(toks, j, header):
            header.append((f"_ignored#{j}", "any", None))  # '是否完成' before the first row's 序号 1
            unknown += 1
        else:
            break
        j += 1
    known = [h[0] for h in header if not h[0].startswith("_ignored")]
    if len(known) >= 3 and "name" in known and unknown <= len(known):
        return header, j
    return [], i


def _last_of_numbered_header(toks: list[Tok], j: int, header: list[tuple[str, str, str | None]]) -> bool:
    """One cell per line: an unknown header word ('满意度（%）', '是否完成') of a 序号 table, followed by
    more of its header or by its first row."""
    nxt = next((t for t in toks[j + 1 : j + 3] if not t.brk), None)
    return bool(
        header
        and header[0][0] == "seq"
        and _HEADER_WORD.fullmatch(toks[j].text)
        and nxt is not None
        and (nxt.text == "1" or vocab.header_of(nxt.text) is not None)
    )


# A column header we have no label for: a short phrase, no digits (not a value).
_LATEST = ("executed_wan", "execution_rate")
_HEADER_WORD = re.compile(
    r"[\u4e00-\u9fff()（）/%]{2,12}|[\u4e00-\u9fff/]{2,10}[(（][\d.]{1,4}分?[)）]"
)  # '产出(50分)'


def table_rows(
    toks: list[Tok], j: int, header: list[tuple[str, str, str | None]], declared: str | None = None
) -> tuple[list[dict[str, Value]], int]:
    """The table's rows; a money column without a unit of its own takes the unit the page declared
    above the table ('金额单位：元')."""
    cells = []
    k = j
    texts = any(f.split("#")[0] in _TEXT_COLUMNS for f, _, _ in header)
    while k < len(toks):
        t = toks[k]
        if not t.brk:
            if (lab := vocab.label_of(t.text)) and lab.field in ("name", "seq"):
                break  # the next table's header (a page's repeated header starts with 序号)
            # A paragraph of its own, not a cell of a TAB/CSV row (nor of a numbered table with text
            # columns one paragraph per cell: its rows end at the next 序号, not at a sentence).
            alone = len(t.line.cells) == 1 and not (texts and header[0][0] == "seq")
            if (alone and len(t.text) > 60 and "。" in t.text) or _HEADING_LIKE.match(t.text) or _NOTES.match(t.text):
                break  # prose, a new section or the table's notes after the table
            if alone and not texts and _SENTENCE.search(t.text):
                break  # a sentence after a table that has no text column
            cells.append(t)
        k += 1
    columns = [(f, ty) for f, ty, _ in header]
    units = {f: u or (declared if ty == "money" else None) for f, ty, u in header}
    cells = _merge_points(cells)
    rows: list[list[Tok]] = []
    by_line: list[list[Tok]] = []
    for c in cells:
        if by_line and by_line[-1][0].line is c.line:
            by_line[-1].append(c)
        else:
            by_line.append([c])
    if columns[0][0] == "seq":
        by_line = _join_continued(by_line, len(columns))
    else:
        by_line = _join_wrapped_cells(by_line, len(columns))
    wide = max(3, len(columns) // 2)
    lines = [r for r in by_line if len(r) >= wide]
    # With a 序号 column, a line that does not start with its number is half a row (a row whose
    # cells were split over two lines); numbering, not lines, then says where rows start.
    numbered = columns[0][0] != "seq" or sum(r[0].text.isdigit() for r in lines) >= 0.8 * len(lines)
    per_line = bool(by_line and numbered and sum(len(r) for r in lines) >= 0.6 * len(cells))
    if per_line:
        # One table row per line (CSV, TABs, Markdown, spaced columns). A short line among them is a
        # page's running header or a continued table's title, not a row.
        rows = [r for r in by_line if len(r) >= wide]
    elif columns[0][0] == "seq":
        first = next((c.text for c in cells if c.text.isdigit()), "1")
        expect = int(first) if int(first) < 1000 else 1  # a table continued from the last page starts at its row
        for c in cells:
            if c.text == str(expect) and (not rows or len(rows[-1]) >= len(columns) - 2):
                rows.append([])
                expect += 1
            elif rows and len(rows[-1]) >= len(columns) + (3 if texts else 0):
                break  # a full row (text cells may run over several paragraphs) and no next 序号: the end
            if rows:
                rows[-1].append(c)
    else:
        rows = _segment(cells, columns)
    rows = [_drop_totals(r) for r in rows]
    out = []

    for row in rows:
        got = align([c.text for c in row], columns, paragraphs=not per_line)
        if not got or "name" not in got:
            continue
        by_text = {c.text: c for c in row if c.text}
        by_text.update({raw: by_text[raw.split("\n")[0]] for raw in got.values() if raw not in by_text})
        out.append(
            {
                f: Value(f, raw, by_text[raw].line, "table", units.get(f))
                for f, raw in got.items()
                if f != "seq" and "#" not in f
            }
        )
    return out, k
