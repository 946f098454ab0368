"""The overview answers a leader's questions (issue 13), over the hand-built lake of tests/fixture_lake.py.

Shown projects: 2022 e1 e2 e10 (3), 2023 e3 e4 e6 e7 e8 e9 (6). The latest year with evaluations is 2023.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_lake import build
from streamlit.testing.v1 import AppTest

from oversight.paths import ROOT


@pytest.fixture
def hand_lake(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = build(tmp_path_factory.mktemp("overview_app_lake"))
    monkeypatch.setenv("OVERSIGHT_LAKE", str(root))
    from dashboard import ui

    ui.db.clear()
    ui._cached.clear()
    return root


def overview(**query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def test_the_overview_opens_on_the_latest_year_with_the_change(hand_lake: Path) -> None:
    at = overview()
    assert not at.exception
    assert at.caption[0].value == "范围：全市 · 2023年度"
    assert at.sidebar.multiselect(key="w_years").value == [2023]
    cards = {m.label: m for m in at.metric}
    assert cards["评价项目"].value == "6"
    assert cards["评价项目"].proto.delta == "+3 较上年"
    assert at.query_params["year"] == "2023"


def test_all_years_is_one_choice_away_and_kept_in_the_link(hand_lake: Path) -> None:
    at = overview()
    at.sidebar.multiselect(key="w_years").set_value([]).run()
    assert {m.label: m.value for m in at.metric}["评价项目"] == "9"
    assert at.query_params["year"] == "all"
    again = overview(year="all")  # the copied link: all years, not the default
    assert {m.label: m.value for m in again.metric}["评价项目"] == "9"
    assert not {m.label: m for m in again.metric}["评价项目"].proto.delta  # no "before" for all years


def test_cards_link_to_their_filtered_lists(hand_lake: Path) -> None:
    at = overview()
    links = {(p.proto.page + "?" + p.proto.query_string, p.proto.label) for p in at.get("page_link")}
    assert any("rectification" in page and "status=overdue" in page for page, _ in links), links
    assert any("monitoring" in page and "light=red" in page for page, _ in links), links


def test_the_overview_draws_no_plotly_chart(hand_lake: Path) -> None:
    at = overview(year="all")
    assert len(at.get("plotly_chart")) == 0  # Plotly's code would load for a second on every first paint
