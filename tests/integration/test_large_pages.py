"""Pages over a lake larger than one screen of rows: a table shows a page at a time and never fails.

The synthetic lake here has 450 tracked projects (all years): 运行监控 shows them 200 at a time.
With 20,000 the page used to fail outright (more cells than pandas' Styler colours)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers import app_env
from streamlit.testing.v1 import AppTest

from oversight.devtools.synthetic_lake import synthetic_lake
from oversight.paths import ROOT


@pytest.fixture(scope="module")
def big_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lake = synthetic_lake(tmp_path_factory.mktemp("big") / "lake", evaluations=600, items=600, tracked=450)
    return lake.root


@pytest.fixture
def monitoring(big_lake: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    app_env(monkeypatch, big_lake, tmp_path / "shared.duckdb", tmp_path / "no-users.json")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("dashboard/pages/monitoring.py")
    return at.run()


def pager(at: AppTest):
    return next(n for n in at.number_input if n.label.startswith("页码"))


def test_the_monitoring_table_shows_the_first_200(monitoring: AppTest) -> None:
    assert len(monitoring.dataframe[0].value) == 200


def test_the_monitoring_pager_says_how_many(monitoring: AppTest) -> None:
    assert pager(monitoring).label == "页码（共 3 页，450 个项目）"


def test_the_last_monitoring_page_holds_the_rest(monitoring: AppTest) -> None:
    pager(monitoring).set_value(3).run()
    assert len(monitoring.dataframe[0].value) == 50


def test_red_lights_lead_the_first_page(monitoring: AppTest) -> None:
    assert monitoring.dataframe[0].value["信号灯"].iloc[0] == "红灯"


def test_a_table_too_big_to_colour_is_shown_plain() -> None:
    from dashboard import ui

    cells = pd.get_option("styler.render.max_elements")
    big = pd.DataFrame({"score": [90.0] * (cells // 2 + 1), "grade": ["优"] * (cells // 2 + 1)})
    assert isinstance(ui.shown(big), pd.DataFrame)  # a Styler here would make st.dataframe raise
