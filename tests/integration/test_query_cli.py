"""The query layer and the command line, as a clerk or a page uses them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SEED_000, SEED_001

from oversight.cli import main
from oversight.paths import ROOT
from oversight.store.query import LakeDB, QueryError, load_query, query_names


def test_named_queries_bind_parameters(seed_lake: Path) -> None:
    db = LakeDB(seed_lake)
    s = db.run("lake_summary", {"years": [2018], "district": "嘉定区"}).iloc[0]
    assert (s["projects"], s["amount_wan"], s["mean_score"], s["weighted_score"]) == (8, 1633.38, 95.12, 94.92)
    assert s["share_excellent"] == 1.0
    assert s["documents"] == 2
    assert not s["has_demo"]
    assert db.run("lake_summary", {"district": "闵行区"}).iloc[0]["projects"] == 0
    lowest = db.run("projects", {"years": [2018], "district": "嘉定区", "limit": 1}).iloc[0]
    assert (lowest["name"], lowest["score"]) == ("社会评估测评", 92.0)
    items = db.run("rectification_items", {"today": "2026-11-23"})
    assert len(items) == 11
    assert not items["overdue"].any()
    assert len(db.run("rectification_items", {"today": "2030-01-01", "status": "overdue"})) == 0  # no due dates
    assert db.run("lake_summary", {"years": [2019, 2024]}).iloc[0]["tracked"] == 1
    (light,) = db.run("monitoring_lights")["light"]
    assert light == "green"


@pytest.mark.parametrize(
    "evil", ["x'); DROP TABLE evaluations; --", "' OR 1=1 --", "<script>alert(1)</script>", "区" * 5000]
)
def test_hostile_values_are_only_values(seed_lake: Path, evil: str) -> None:
    db = LakeDB(seed_lake)
    assert db.run("projects", {"district": evil}).empty
    assert db.run("lake_summary").iloc[0]["projects"] == 9 - 1  # still 8 evaluations


@pytest.mark.parametrize("name", ["../pyproject", "projects;drop", "", "no_such_query", "Projects"])
def test_query_names_are_checked(name: str) -> None:
    with pytest.raises(QueryError):
        load_query(name)


def test_every_query_file_runs_on_an_empty_lake(tmp_path: Path) -> None:
    db = LakeDB(tmp_path / "nothing")
    for name in query_names():
        params = {"today": "2026-01-01"} if "$today" in load_query(name)[0] else {}
        db.run(name, params)  # no table yet: empty views, never an error


def test_cli_ingest_and_query(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lake = tmp_path / "lake"
    assert main(["ingest", str(SEED_000), str(SEED_001), "--lake", str(lake)]) == 0
    out = capsys.readouterr().out
    assert "有提示 warning" in out
    assert "│ 2 " in out
    assert main(["query", "grade_distribution", "--lake", str(lake), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"grade": "优", "projects": 8, "amount_wan": 1633.38, "derived": 0}]
    assert main(["query", "projects", "--lake", str(lake), "--param", "years=2018", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 9
    assert main(["ingest", str(tmp_path / "missing"), "--lake", str(lake)]) == 2
    assert main(["query", "projects", "--param", "nokey", "--lake", str(lake)]) == 2


def test_cli_usage_errors_exit_2_and_env_lake(tmp_path: Path) -> None:
    env = {**os.environ, "OVERSIGHT_LAKE": str(tmp_path / "envlake")}
    bad = subprocess.run([sys.executable, "-m", "oversight", "frobnicate"], cwd=ROOT, capture_output=True, env=env)
    assert bad.returncode == 2
    ok = subprocess.run(
        [sys.executable, "-m", "oversight", "ingest", str(SEED_001)], cwd=ROOT, capture_output=True, env=env
    )
    assert ok.returncode == 0
    assert (tmp_path / "envlake" / "monitoring.parquet").exists()
