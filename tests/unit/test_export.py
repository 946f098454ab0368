"""Exports never carry a live formula: text starting with = + - @ (or tab, CR) is written as text."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from oversight.paths import ROOT
from oversight.store.export import csv_bytes, excel_bytes, neutralise

# (written by an editor or read from a document, what the export must hold), each pair by hand.
CELLS = [
    ('=HYPERLINK("http://evil.example/x","点此查看")', '\'=HYPERLINK("http://evil.example/x","点此查看")'),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("已整改 =1+1", "已整改 =1+1"),  # only the first character starts a formula
    (" =1+1", " =1+1"),
    ("＝1+1", "＝1+1"),  # a full-width sign is not a formula
    ("a@b.com", "a@b.com"),
    ("", ""),
]


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "说明": [typed for typed, _ in CELLS],
            "序号": range(-len(CELLS) // 2, len(CELLS) - len(CELLS) // 2),  # negative numbers stay numbers
            "期限": [date(2024, 6, 30)] * len(CELLS),
        }
    )


def test_neutralise_prefixes_only_formula_text(frame: pd.DataFrame) -> None:
    out = neutralise(frame)
    assert list(out["说明"]) == [expected for _, expected in CELLS]
    assert list(out["序号"]) == list(frame["序号"])
    assert out["序号"].dtype == frame["序号"].dtype
    assert list(frame["说明"]) == [typed for typed, _ in CELLS]  # the page's own frame is left alone


def test_neutralise_keeps_missing_values_and_odd_headers() -> None:
    out = neutralise(pd.DataFrame({"=x": ["=1", None, float("nan")]}))
    assert list(out.columns) == ["'=x"]
    assert out["'=x"].iloc[0] == "'=1"
    assert out["'=x"].iloc[1:].isna().all()


def test_csv_cells_read_back_as_written(frame: pd.DataFrame) -> None:
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the Chinese
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["说明", "序号", "期限"]
    assert [r[0] for r in rows[1:]] == [expected for _, expected in CELLS]
    assert rows[1][1] == "-6"


def test_excel_has_no_formula_cells(frame: pd.DataFrame) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame, "整改事项")))["整改事项"]
    texts = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert texts == [expected or None for _, expected in CELLS]
    kinds = {cell.data_type for row in sheet.iter_rows() for cell in row}
    assert "f" not in kinds  # openpyxl would have written '=…' as a formula
    assert sheet.cell(2, 2).value == -6
    assert sheet.cell(2, 2).data_type == "n"


def test_every_page_export_goes_through_the_neutraliser() -> None:
    direct = [
        f"{path.relative_to(ROOT)}"
        for path in sorted((ROOT / "dashboard").rglob("*.py"))
        if ".to_csv(" in path.read_text(encoding="utf-8") or ".to_excel(" in path.read_text(encoding="utf-8")
    ]
    assert direct == []


def test_a_line_break_inside_a_cell_cannot_start_a_row() -> None:
    frame = pd.DataFrame({"说明": ['已整改\r=HYPERLINK("http://x")', "第二行\n=1+1"], "序号": [1, 2]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"), newline="")))
    assert rows == [["说明", "序号"], ['已整改\r=HYPERLINK("http://x")', "1"], ["第二行\n=1+1", "2"]]
