"""Writes are a permission: the pipeline's guard (who may ingest, which rows a scoped user may write)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import SEED_000, SEED_001, rows
from scoped_docs import mixed_seed, pudong_seed, scores, three_district_lake

from oversight.access.roles import User
from oversight.ingest.pipeline import run
from oversight.ingest.scope import NotAllowed
from oversight.store.lake import Lake

JIADING_EDITOR = User("zhang", "editor", "嘉定区")
HUACAO_EDITOR = User("wang", "editor", "闵行区", "华漕镇")
ADMIN = User("root", "admin")
VIEWER = User("li", "viewer")


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    return three_district_lake(tmp_path)


def test_a_viewer_cannot_ingest(lake: Path, tmp_path: Path) -> None:
    before = Lake(lake).version()
    with pytest.raises(NotAllowed, match="只有编辑或管理员"):
        run([SEED_000], Lake(lake), scope=VIEWER)
    assert Lake(lake).version() == before


def test_a_district_editor_cannot_replace_another_districts_projects(lake: Path, tmp_path: Path) -> None:
    pudong_before = scores(lake, "浦东新区")
    lowered = tmp_path / "pudong_lowered.txt"
    lowered.write_text(pudong_seed().decode("utf-8").replace("95.96 分", "12 分"), encoding="utf-8")
    report = run([lowered], Lake(lake), scope=JIADING_EDITOR)
    doc = report.results[0].doc
    assert doc["status"] == "quarantined"
    assert doc["reason"].startswith("8 个项目不在您的权限范围（嘉定区）内，未导入")
    assert "（浦东新区）" in doc["reason"]
    assert scores(lake, "浦东新区") == pudong_before


def test_rows_outside_the_scope_are_refused_and_the_rest_kept(lake: Path, tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(mixed_seed().replace("95.96 分".encode(), "90 分".encode()))
    pudong_before = scores(lake, "浦东新区")
    report = run([path], Lake(lake), scope=JIADING_EDITOR)
    result = report.results[0]
    assert result.status == "warning"
    assert result.doc["records"] == 1
    assert result.doc["messages"][0].startswith("7 个项目不在您的权限范围（嘉定区）内，未导入")
    assert {e["district"] for e in result.evaluations} == {"嘉定区"}
    assert {r["project_id"] for r in result.rectifications} <= {e["project_id"] for e in result.evaluations}
    assert scores(lake, "嘉定区")["2017-2018 年度嘉定区联勤网格化中心硬件运维项目"] == 90
    assert scores(lake, "浦东新区") == pudong_before


def test_a_town_editor_writes_their_town_only(lake: Path, tmp_path: Path) -> None:
    form = tmp_path / "huacao_again.txt"
    form.write_text(SEED_001.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # new bytes, same form
    assert run([form], Lake(lake), scope=HUACAO_EDITOR).results[0].status != "quarantined"
    seed = tmp_path / "jiading_again.txt"
    seed.write_text(SEED_000.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    refused = run([seed], Lake(lake), scope=HUACAO_EDITOR).results[0].doc
    assert refused["status"] == "quarantined"
    assert "（闵行区华漕镇）" in refused["reason"]


def lake_shaped(path: Path, project_id: str, district: str, score: float) -> Path:
    table = pa.table(
        {"project_id": [project_id], "name": ["外来项目"], "district": [district], "unit": ["某单位"], "year": [2018]}
    ).append_column("score", pa.array([score]))
    pq.write_table(table, path)
    return path


def test_parquet_names_its_own_project_id_only_for_an_admin(lake: Path, tmp_path: Path) -> None:
    target = next(e for e in rows(lake, "evaluations") if e["district"] == "浦东新区")
    as_jiading = lake_shaped(tmp_path / "a.parquet", target["project_id"], "嘉定区", 1.0)
    result = run([as_jiading], Lake(lake), scope=JIADING_EDITOR).results[0]
    assert result.evaluations[0]["project_id"] != target["project_id"]
    assert "自带的项目编号未采用" in " ".join(result.doc["messages"])
    assert scores(lake, "浦东新区")[target["name"]] == target["score"]
    by_admin = lake_shaped(tmp_path / "b.parquet", target["project_id"], "浦东新区", 1.0)
    result = run([by_admin], Lake(lake), scope=ADMIN).results[0]
    assert result.evaluations[0]["project_id"] == target["project_id"]


def test_a_scoped_admin_cannot_reach_across_by_id(lake: Path, tmp_path: Path) -> None:
    """An admin's Parquet keeps its ids, but a scoped admin still writes only inside the scope."""
    target = next(e for e in rows(lake, "evaluations") if e["district"] == "浦东新区")
    sneaky = lake_shaped(tmp_path / "c.parquet", target["project_id"], "嘉定区", 1.0)
    doc = run([sneaky], Lake(lake), scope=User("boss", "admin", "嘉定区")).results[0].doc
    assert doc["status"] == "quarantined"
    assert "将替换浦东新区的已有项目" in doc["reason"]
    assert scores(lake, "浦东新区")[target["name"]] == target["score"]
