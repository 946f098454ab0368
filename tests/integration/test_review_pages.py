"""人工核对 in the app (AppTest): an editor corrects a 元-as-万元 amount and a grade read from a sentence on
/review, and the ranking, the project page, 数据管理, the overview and the wall show it; a viewer and
an editor of another district are refused; a wrong value is refused with the reason and kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import review_docs
from helpers import app_env, row_tables
from streamlit.testing.v1 import AppTest

from oversight.access import auth
from oversight.access.roles import User
from oversight.ingest.pipeline import run
from oversight.paths import ROOT
from oversight.store.lake import Lake
from oversight.store.query import LakeDB

EDITOR = User("zhang", "editor", "嘉定区")


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    run([review_docs.write(tmp_path / "docs")], Lake(tmp_path / "lake"))
    return tmp_path / "lake"


def _app(lake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: User | None, page: str, **query) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_LAKE", str(lake))
    monkeypatch.setenv("OVERSIGHT_DB", str(tmp_path / "app.duckdb"))
    users = tmp_path / "users.json"
    if not users.exists():
        auth.add("zhang", "correct-horse", "editor", "嘉定区", path=users)
    monkeypatch.setenv("OVERSIGHT_USERS", str(users))
    from dashboard import ui

    ui.db.clear()
    ui.shared.clear()
    ui._cached.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if user:
        at.session_state["user"] = user
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(f"dashboard/pages/{page}.py")
    return at.run()


def entry(lake: Path, name: str, field: str) -> str:
    queue = LakeDB(lake).run("review_queue", {}, strict=False)
    return queue[(queue["name"] == name) & (queue["field"] == field)]["review_id"].iloc[0]


def correct(at: AppTest, rid: str, value: str) -> AppTest:
    at.selectbox(key="review_pick").set_value(rid).run()
    widget = next((w for w in at.selectbox if w.key == f"value_{rid}"), None)
    if widget is not None:
        widget.select(value)
    else:
        at.text_input(key=f"value_{rid}").input(value)
    at.text_area(key=f"note_{rid}").input("对照原文更正")
    return at.button(key=f"FormSubmitter:review_{rid}-保存更正").click().run()


@pytest.fixture
def corrected(lake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The editor's two corrections made on /review: 网格化巡查's amount 86.5 万元 and its grade 优."""
    amount, grade = entry(lake, review_docs.GRID, "amount_wan"), entry(lake, review_docs.GRID, "grade")
    at = _app(lake, tmp_path, monkeypatch, EDITOR, "review")
    at = correct(at, amount, "86.5")
    assert not at.exception
    assert at.success[0].value == "已保存：人工更正（zhang）"
    at = correct(at, grade, "优")
    assert at.success[0].value == "已保存：人工更正（zhang）"
    return lake


def test_the_queue_page_lists_every_entry_with_its_reason(lake, tmp_path, monkeypatch) -> None:
    at = _app(lake, tmp_path, monkeypatch, EDITOR, "review")
    assert not at.exception
    assert at.title[0].value == "待核对"
    table = at.dataframe[0].value
    assert len(table) == 4
    assert table.iloc[0]["value"] == "0.01204"  # 120.4 元 as read: the most money first
    assert table.iloc[0]["reason"] == "金额单位存疑：金额标为（元）但数值 120.4 不足1000元，请核对单位"
    assert "原因：金额单位存疑" in at.warning[0].value


def test_the_corrections_reach_every_page(corrected, tmp_path, monkeypatch) -> None:
    at = _app(corrected, tmp_path, monkeypatch, EDITOR, "review")
    assert len(at.dataframe[0].value) == 2  # the video project's two values are left
    at = _app(corrected, tmp_path, monkeypatch, EDITOR, "ranking")
    ranked = row_tables(at)[0].set_index("name")
    assert ranked.loc[review_docs.GRID, "amount_wan"] == "86.50"
    assert ranked.loc[review_docs.GRID, "grade"] == "优"
    assert ranked.loc[review_docs.GRID, "review_mark"].startswith("人工更正（zhang ")
    assert ranked.loc[review_docs.VIDEO, "review_mark"] == "待核对 2 项"
    grid = LakeDB(corrected).run("projects", {}, strict=False)
    pid = grid[grid["name"] == review_docs.GRID]["project_id"].iloc[0]
    at = _app(corrected, tmp_path, monkeypatch, EDITOR, "project", id=pid)
    said = " ".join(i.value for i in at.info)
    assert "人工更正：金额 0\\.00865 → 86\\.5（zhang " in said
    assert "等次 良 → 优（zhang " in said
    at = _app(corrected, tmp_path, monkeypatch, EDITOR, "data")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["人工核对：尚未核对"] == "2"
    assert metrics["其金额占比"] == "0.0%"  # 0.012 of 86.51 万元
    at = _app(corrected, tmp_path, monkeypatch, EDITOR, "overview")
    assert any("待核对：2 个数值尚未人工核对" in c.value for c in at.caption)


def test_the_wall_marks_what_nobody_has_checked(corrected, tmp_path, monkeypatch) -> None:
    at = _app(corrected, tmp_path, monkeypatch, EDITOR, "bigscreen")
    assert not at.exception
    lines = " ".join(m.value for m in at.markdown)
    assert "※待核对数值 2 个" in lines
    panels = " ".join(h.proto.body for h in at.get("html"))
    assert f"※{review_docs.VIDEO}" in panels
    assert f"※{review_docs.GRID}" not in panels
    assert review_docs.GRID in panels


def test_a_viewer_and_another_districts_editor_are_refused(lake, tmp_path, monkeypatch) -> None:
    at = _app(lake, tmp_path, monkeypatch, User("li", "viewer"), "review")
    assert "由编辑或管理员核对" in at.info[0].value
    assert not at.dataframe
    at = _app(lake, tmp_path, monkeypatch, User("wang", "editor", "闵行区"), "review")
    assert at.info[0].value == "没有待核对的数值"


def test_a_wrong_value_is_refused_and_kept(lake, tmp_path, monkeypatch) -> None:
    rid = entry(lake, review_docs.GRID, "amount_wan")
    at = _app(lake, tmp_path, monkeypatch, EDITOR, "review")
    at = correct(at, rid, "八十六万")
    assert at.error[0].value == "未保存：金额必须是数字（收到“八十六”）"
    assert at.text_input(key=f"value_{rid}").value == "八十六万"
    assert len(at.dataframe[0].value) == 4


def test_the_demo_shows_the_queue_read_only(seed_lake, tmp_path, monkeypatch) -> None:
    app_env(monkeypatch, seed_lake, tmp_path / "demo.duckdb", tmp_path / "no-users.json")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("dashboard/pages/review.py")
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["field_label"]) == ["全年预算数", "执行数"]  # seed 001: 元 in the header, 万元 in the text
    assert "只读" in at.caption[0].value
    assert not [b for b in at.button if b.label == "保存更正"]


def test_the_audit_lists_corrections_and_the_orphaned_ones(corrected, tmp_path, monkeypatch) -> None:
    revised = review_docs.TEXT.replace("86.5", "86.50").replace("2023年度", "2023年度（修订）")
    run([review_docs.write(tmp_path / "revised", text=revised)], Lake(corrected))  # replaces both projects
    at = _app(corrected, tmp_path, monkeypatch, User("root", "admin"), "audit")
    assert not at.exception
    trails = [d.value for d in at.dataframe if "orphaned" in d.value.columns and "field_label" in d.value.columns]
    assert len(trails) == 2  # every correction, then the orphaned ones
    orphans = trails[1]
    assert list(orphans["field_label"]) == ["等次", "金额"]  # newest first
    assert list(orphans["new_value"]) == ["优", "86.5"]
    assert list(orphans["user"]) == ["zhang", "zhang"]
