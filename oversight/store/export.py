"""Tables leaving the app as CSV or Excel: text that a spreadsheet would run as a formula is made text.

A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before one)
would be a live formula (`=HYPERLINK(…)`, `=cmd|…`) in whoever opens the export. Such text cells get a
leading apostrophe, the usual mark of "this is text" (OWASP's advice for CSV injection). Numbers and
dates stay numbers and dates.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM (Excel then reads the Chinese), formulas neutralised. CRLF line ends make the
    writer quote any cell holding a CR, which would otherwise start a new row (and a new first cell)."""
    return neutralise(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def excel_bytes(df: pd.DataFrame, sheet: str) -> bytes:
    """One sheet, formulas neutralised (openpyxl would store '=…' text as a formula)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as xl:
        neutralise(df).to_excel(xl, index=False, sheet_name=sheet)
    return buffer.getvalue()
