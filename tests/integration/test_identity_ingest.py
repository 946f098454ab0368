"""Ingested end to end: a self-evaluation never replaces a finance evaluation, and "latest" is by the
document's own date, whatever order the files come in."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import rows
from streamlit.testing.v1 import AppTest

from oversight.ingest.pipeline import run
from oversight.paths import ROOT
from oversight.store.lake import Lake
from oversight.store.query import LakeDB

UNIT = "上海市嘉定区城市运行管理中心"
NAME = "嘉定区视频监控运维项目"


def _doc(folder: Path, file: str, title: str, score: int, dated: str = "") -> Path:
    path = folder / file
    lines = [
        UNIT,
        title,
        dated,
        "",
        f"项目名称\t{NAME}",
        "决算金额\t100 万元",
        f"评价分值\t{score} 分",
        "评价结论\t等次为“优”",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def docs(tmp_path: Path) -> dict[str, Path]:
    return {
        "finance": _doc(tmp_path, "finance.txt", "2023年度财政重点评价结果", 92, "发布日期：2024年3月1日"),
        "self": _doc(tmp_path, "self.txt", "2023年度项目单位自评结果", 100),
        "older": _doc(tmp_path, "older.txt", "2023年度财政重点评价结果（初稿）", 90, "发布日期：2023年12月1日"),
    }


@pytest.mark.parametrize("order", [("finance", "self"), ("self", "finance")])
def test_self_evaluation_beside_the_finance_evaluation(tmp_path: Path, docs: dict[str, Path], order) -> None:
    lake = Lake(tmp_path / "lake")
    for name in order:
        run([docs[name]], lake)
    assert sorted((e["eval_type"], e["score"]) for e in rows(lake.root, "evaluations")) == [
        ("finance", 92.0),
        ("self", 100.0),
    ]
    (shown,) = LakeDB(lake.root).run("projects").to_dict("records")
    assert (shown["eval_type"], shown["score"], shown["self_score"]) == ("finance", 92.0, 100.0)


@pytest.mark.parametrize("order", [("finance", "older"), ("older", "finance")])
def test_the_later_document_wins_whatever_the_ingest_order(tmp_path: Path, docs: dict[str, Path], order) -> None:
    lake = Lake(tmp_path / "lake")
    for name in order:
        run([docs[name]], lake)
    assert [e["score"] for e in rows(lake.root, "evaluations")] == [92.0]


def test_an_older_document_says_it_did_not_replace(tmp_path: Path, docs: dict[str, Path]) -> None:
    lake = Lake(tmp_path / "lake")
    run([docs["finance"]], lake)
    run([docs["older"]], lake)
    older = next(d for d in rows(lake.root, "documents") if d["source_name"] == "older.txt")
    assert any("日期更晚" in n for n in older["notes"])
    assert not any("替换了它们" in n for n in older["notes"])  # never both notes


def test_a_later_document_says_it_replaced(tmp_path: Path, docs: dict[str, Path]) -> None:
    lake = Lake(tmp_path / "lake")
    run([docs["older"]], lake)
    report = run([docs["finance"]], lake)
    assert report.replaced == 1
    finance = next(d for d in rows(lake.root, "documents") if d["source_name"] == "finance.txt")
    assert any("替换了它们" in n for n in finance["notes"])


def test_the_later_document_wins_within_one_run(tmp_path: Path, docs: dict[str, Path]) -> None:
    lake = Lake(tmp_path / "lake")
    run([docs["finance"], docs["older"]], lake)
    assert [e["score"] for e in rows(lake.root, "evaluations")] == [92.0]


def test_the_project_page_lists_both_evaluations(tmp_path: Path, docs: dict[str, Path], monkeypatch) -> None:
    lake = Lake(tmp_path / "lake")
    run([docs["finance"], docs["self"]], lake)
    monkeypatch.setenv("OVERSIGHT_LAKE", str(lake.root))
    from dashboard import ui

    ui.db.clear()
    ui._cached.clear()
    shown = LakeDB(lake.root).run("projects")["project_id"][0]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["id"] = shown
    at.switch_page("dashboard/pages/project.py")
    at.run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "评价方式" in d.value.columns)
    assert table["评价方式"].tolist() == ["财政评价", "单位自评"]
