"""Issue 13 (English leaks): no None/NaN/True/False in any page table or export; "—" for a gap."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from helpers import row_tables
from test_dashboard import lake_env, page  # noqa: F401 - the fixture and the page runner

from oversight.store.export import chinese, csv_bytes, excel_bytes

ENGLISH = {"None", "nan", "NaN", "NaT", "True", "False", "<NA>"}


def leaks(frame: pd.DataFrame) -> list[str]:
    """Cells a reader would see as English: missing values and booleans (drawn as None / a checkbox)."""
    out = []
    for name in frame.columns:
        for value in frame[name]:
            if (
                isinstance(value, bool)
                or value is None
                or (not isinstance(value, list) and pd.isna(value))
                or str(value) in ENGLISH
            ):
                out.append(f"{name}={value!r}")
    return out


def project_with_items(seed_lake: Path) -> str:
    from dashboard import ui

    items = ui.db().run("rectification_items", {"scope_district": None, "scope_town": None}, strict=False)
    return str(items["project_id"].iloc[0])


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("overview", {}),
        ("ranking", {}),
        ("ranking", {"tab": "units"}),
        ("rectification", {}),
        ("map", {}),
        ("monitoring", {}),
    ],
)
def test_page_tables_say_dash_not_none(lake_env: Path, name: str, query: dict) -> None:  # noqa: F811
    at = page(name, **query)
    assert not at.exception
    tables = [t.value for t in at.dataframe] + row_tables(at)
    assert tables, "the page should draw a table"
    for table in tables:
        assert not leaks(table), leaks(table)[:5]


def test_project_page_items_say_dash(lake_env: Path) -> None:  # noqa: F811
    at = page("project", id=project_with_items(lake_env))
    assert not at.exception
    values = [leaks(t.value) for t in at.dataframe]
    assert not any(values), values
    shown = pd.concat([t.value.astype(str) for t in at.dataframe], ignore_index=True)
    assert "—" in shown.to_numpy()  # the seeds' items have no 期限: a dash, not None


def test_exports_are_chinese() -> None:
    df = pd.DataFrame({"逾期": [True, False], "期限": [pd.Timestamp("2024-05-01"), pd.NaT], "分": [1.5, None]})
    assert chinese(df).to_dict("list") == {
        "逾期": ["是", "否"],
        "期限": [pd.Timestamp("2024-05-01"), "—"],
        "分": [1.5, "—"],
    }
    text = csv_bytes(df).decode("utf-8-sig")
    assert not any(word in text for word in ENGLISH), text
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes(df, "整改事项")))
    sheet = book["整改事项"]
    assert sheet.freeze_panes == "A2"  # the header stays while scrolling
    cells = {str(c.value) for row in sheet.iter_rows() for c in row}
    assert not cells & ENGLISH
    assert "—" in cells
    assert "是" in cells
