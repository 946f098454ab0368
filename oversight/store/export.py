"""Tables leaving the app as CSV or Excel: text that a spreadsheet would run as a formula is made text.

A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before one)
would be a live formula (`=HYPERLINK(…)`, `=cmd|…`) in whoever opens the export. Such text cells get a
leading apostrophe, the usual mark of "this is text" (OWASP's advice for CSV injection). Numbers and
dates stay numbers and dates.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MISSING = "—"


def neutralise_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and column name) that could be a formula written as text."""
    out = df.rename(columns=lambda c: neutralise_cell(c) if isinstance(c, str) else c)
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_datetime64_any_dtype(out[column])):
            out[column] = out[column].map(neutralise_cell)
    return out


def chinese(df: pd.DataFrame) -> pd.DataFrame:
    """是/否 for flags and "—" for gaps: an export never says True, False, None or nan. Numbers and
    dates stay numbers and dates where present (a reader can still sum and sort them)."""
    out = df.copy()
    for name in out.columns:
        series = out[name]
        if pd.api.types.is_bool_dtype(series) or series.map(lambda v: isinstance(v, bool)).any():
            out[name] = series.map(lambda v: MISSING if v is None or v is pd.NA else ("是" if v else "否"))
        elif series.isna().any():
            out[name] = series.astype(object).where(series.notna(), MISSING)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM (Excel then reads the Chinese), formulas neutralised. CRLF line ends make the
    writer quote any cell holding a CR, which would otherwise start a new row (and a new first cell)."""
    return neutralise(chinese(df)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def excel_bytes(df: pd.DataFrame, sheet: str) -> bytes:
    """One sheet, formulas neutralised (openpyxl would store '=…' text as a formula); the header row
    frozen and each column as wide as its longest cell (Chinese characters count double), up to 60."""
    buffer = io.BytesIO()
    out = neutralise(chinese(df))
    with pd.ExcelWriter(buffer, engine="openpyxl") as xl:
        out.to_excel(xl, index=False, sheet_name=sheet)
        ws = xl.sheets[sheet]
        ws.freeze_panes = "A2"
        for i, name in enumerate(out.columns, start=1):
            cells = [str(name), *out[name].astype(str).head(500)]
            wide = max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in c) for c in cells)
            ws.column_dimensions[get_column_letter(i)].width = min(60, wide + 2)
    return buffer.getvalue()
