"""Every page through streamlit.testing.v1.AppTest on a lake of the two seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import row_tables
from streamlit.testing.v1 import AppTest

from oversight.paths import ROOT

VIDEO = "嘉定区公共安全视频监控建设联网应用项目 (综治应用)"


@pytest.fixture
def lake_env(seed_lake: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OVERSIGHT_LAKE", str(seed_lake))
    from dashboard import ui

    ui.db.clear()
    ui._cached.clear()
    return seed_lake


def page(name: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(f"dashboard/pages/{name}.py")
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


@pytest.mark.parametrize("name", ["overview", "ranking", "rectification", "map", "monitoring", "project", "data"])
def test_every_page_draws(lake_env: Path, name: str) -> None:
    at = page(name)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value


def test_overview_jiading_2018(lake_env: Path) -> None:
    at = page("overview", district="嘉定区", year="2018")
    m = metrics(at)
    assert (m["评价项目"], m["决算金额"], m["平均分"], m["金额加权平均分"], m["“优”占比"]) == (
        "8",
        "1,633.38 万元",
        "95.12 分",
        "94.92 分",
        "100.0%",
    )
    assert (m["未完成整改"], m["逾期整改"], m["跟踪监控项目"], m["红灯"]) == (
        "5 项",
        "0 项",
        "0",
        "0",
    )  # 3 planned, 1 in progress, 1 unknown
    assert at.caption[0].value == "范围：嘉定区 · 2018年度"
    lowest = frames(at)[1]  # after the 各区对比 table
    assert lowest["name"].iloc[0] == "社会评估测评"
    assert len(lowest) == 8
    assert not at.warning  # the seeds are real documents: no demo banner


def test_ranking_reads_filters_from_the_url(lake_env: Path) -> None:
    at = page("ranking", district="嘉定区", year="2018")
    ranked = row_tables(at)[0]
    scores = [float(s) for s in ranked["score"]]
    assert scores == sorted(scores, reverse=True)  # 名次 1 is the best (issue 13)
    assert len(ranked) == 8
    assert at.query_params["district"] == "嘉定区"
    assert at.query_params["year"] == "2018"


def test_unit_ranking_reads_filters_from_the_url(lake_env: Path) -> None:
    at = page("ranking", district="嘉定区", year="2018", tab="units")
    units = row_tables(at)[0]
    assert units.iloc[0]["unit"] == "上海市联勤和城市网格化综合管理中心"
    assert units.iloc[0]["mean_score"] == "95.12"


def test_the_filter_state_survives_a_page_change(lake_env: Path) -> None:
    at = page("overview", year="all")  # the overview's default is the latest year (2018), not the 2024 monitoring
    at.selectbox(key="w_district").select("闵行区").run()
    assert metrics(at)["评价项目"] == "0"
    assert metrics(at)["跟踪监控项目"] == "1"
    at.switch_page("dashboard/pages/monitoring.py").run()
    assert at.query_params["district"] == "闵行区"
    assert at.selectbox(key="w_district").value == "闵行区"
    assert metrics(at)["绿灯"] == "1"
    at.button[0].click().run()  # 重置
    assert "district" not in at.query_params


@pytest.mark.parametrize(
    "query",
    [
        {"district": "x'); DROP TABLE evaluations; --"},
        {"district": "<script>alert(1)</script>", "year": "2018 OR 1=1"},
        {"unit": "区" * 5000, "grade": "'优'", "category": "video'--"},
        {"year": "abc,2018", "town": "不存在镇"},
    ],
)
def test_hostile_url_values_change_nothing(lake_env: Path, query: dict[str, str]) -> None:
    at = page("overview", **query)
    assert not at.exception
    assert metrics(at)["评价项目"] == "8"  # hostile values are dropped: the whole (seed) lake shows
    notice = " ".join(c.value for c in at.sidebar.caption)
    assert "已忽略链接中无法识别的筛选条件" in notice
    assert set(at.query_params) <= {"year"}


def test_rectification_tracker(lake_env: Path) -> None:
    at = page("rectification")
    items = frames(at)[0]
    assert len(items) == 11
    assert not items["overdue"].any()
    assert set(items["状态"]) == {"已承诺", "整改中", "已整改", "未判明"}
    at = page("rectification", status="planned")
    planned = frames(at)[0]
    assert len(planned) == 3
    assert set(planned["evidence"]) == {"今后", "将", "于项目完全竣工前"}
    assert [b.label for b in at.get("download_button")] == ["导出 CSV", "导出 Excel"]


def test_monitoring_shows_the_rule_and_the_cut(lake_env: Path) -> None:
    at = page("monitoring")
    (row,) = frames(at)[0].to_dict("records")
    assert row["信号灯"] == "绿灯"
    assert row["light_rule"] == "执行率 100.0%，序时进度 66.7%：不低于序时进度"
    assert row["cut_over_half"]
    assert round(row["cut_share"], 4) == 0.9789
    assert metrics(at)["预算调减超过一半"] == "1"


def test_project_detail_shows_source_lines(lake_env: Path) -> None:
    from oversight.store.query import LakeDB

    ev = LakeDB(lake_env).run("projects", {"limit": 20})
    pid = ev[ev["name"] == VIDEO]["project_id"].iloc[0]
    at = page("project", id=pid)
    assert not at.exception
    assert at.subheader[0].value == VIDEO.replace("(", "\\(").replace(")", "\\)")  # source text, Markdown-escaped
    assert metrics(at)["评价分值"] == "95.00 分"
    assert metrics(at)["决算金额（万元）"] == "1,422.81"
    source = frames(at)[-1]
    marked = source[source["字段"] != ""]
    assert list(marked["ref"]) == [
        "第85行",
        "第86行",
        "第87行",
        "第88行",
        "第89行",
        "第91行",
        "第92行",
        "第93行",
        "第94行",
    ]
    assert marked.iloc[1]["字段"] == "决算金额"
    assert marked.iloc[1]["text"] == "决算金额\t1422.81 万元"
    items = frames(at)[1]
    assert list(items["evidence"]) == ["于项目完全竣工前"]


def test_unknown_project_explains(lake_env: Path) -> None:
    at = page("project", id="nope'--")
    assert not at.exception
    assert "没有找到这个项目" in at.info[0].value


def test_empty_lake_explains_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERSIGHT_LAKE", str(tmp_path / "none"))
    from dashboard import ui

    ui.db.clear()
    ui._cached.clear()
    at = page("overview")
    assert not at.exception
    assert "数据湖中还没有文档" in at.info[0].value
    at = page("ranking")
    assert not at.exception
    assert "没有符合条件的项目" in at.info[0].value


def test_bigscreen_draws_and_keeps_the_last_good_data(lake_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page("bigscreen", district="嘉定区", rotate="0", refresh="0")
    assert not at.exception
    assert metrics(at)["评价项目"] == "8"
    assert metrics(at)["决算金额"] == "1,633.38 万元"
    from dashboard import ui

    def broken(*args, **kwargs):
        raise OSError("lake is being replaced")

    monkeypatch.setattr(ui.db(), "run", broken)
    ui._cached.clear()
    at.run()
    assert not at.exception  # never a traceback on the wall
    assert metrics(at)["评价项目"] == "8"  # the last good numbers stay up
    assert any("数据暂不可用" in m.value for m in at.markdown)
