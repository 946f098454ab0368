"""Word (.docx, python-docx) and Excel (.xlsx, openpyxl)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from oversight.ingest.readers import Deadline, Source, Unreadable, numbered

MAX_SHEET_ROWS = 200_000


def _zip(data: bytes, what: str) -> None:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise Unreadable(f"文件不是有效的 {what}（不是 Office Open XML 压缩包）；请用 Office 另存后重新导入")


def read_docx(data: bytes, deadline: Deadline) -> Source:
    """Paragraphs and table rows in document order; merged cells count once."""
    _zip(data, "Word 文档 (.docx)")
    import docx  # python-docx; imported here so text-only runs never pay for it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise Unreadable(f"Word 文档无法打开（{type(exc).__name__}）；请用 Word 另存后重新导入") from exc
    rows: list[tuple[list[str], str, int | None]] = []
    table_no = 0
    for block in document.iter_inner_content():
        deadline.check()
        if isinstance(block, Paragraph):
            rows.append(([block.text], f"第{len(rows) + 1}段", None))
        elif isinstance(block, Table):
            table_no += 1
            for r, row in enumerate(block.rows, 1):
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a horizontally merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    cells.append("<p>".join(p.text for p in cell.paragraphs))
                rows.append((cells, f"表{table_no}第{r}行", None))
    return Source(numbered(rows))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes, deadline: Deadline) -> Source:
    """Every sheet, every row; values as displayed numbers (not formulas)."""
    _zip(data, "Excel 工作簿 (.xlsx)")
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise Unreadable(f"Excel 工作簿无法打开（{type(exc).__name__}）；请用 Excel 另存后重新导入") from exc
    rows: list[tuple[list[str], str, int | None]] = []
    try:
        for sheet in book.worksheets:
            for r, values in enumerate(sheet.iter_rows(values_only=True), 1):
                if r % 500 == 0:
                    deadline.check()
                if len(rows) > MAX_SHEET_ROWS:
                    raise Unreadable(f"工作簿超过 {MAX_SHEET_ROWS} 行上限；请拆分后重新导入")
                rows.append(([_cell_text(v) for v in values], f"{sheet.title}!第{r}行", None))
            rows.append(([""], f"{sheet.title}!末尾", None))  # a sheet break separates tables
    finally:
        book.close()
    return Source(numbered(rows))
