"""`python -m oversight review …` as a script uses it: list the queue as JSON, correct and confirm with
a user's rights, refusals on stderr with exit 1, and `query projects` showing the corrected value."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import review_docs

from oversight.access import auth
from oversight.ingest.pipeline import run
from oversight.paths import ROOT
from oversight.store.lake import Lake


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    run([review_docs.write(tmp_path / "docs")], Lake(tmp_path / "lake"))
    users = tmp_path / "users.json"
    auth.add("zhang", "correct-horse", "editor", "嘉定区", path=users)
    auth.add("wang", "correct-horse", "editor", "闵行区", path=users)
    auth.add("li", "correct-horse", "viewer", path=users)
    return {
        **os.environ,
        "OVERSIGHT_LAKE": str(tmp_path / "lake"),
        "OVERSIGHT_DB": str(tmp_path / "shared.duckdb"),
        "OVERSIGHT_USERS": str(users),
    }


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def queue(env: dict[str, str]) -> dict[tuple[str, str], dict]:
    listed = cli(env, "review", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    return {(r["name"], r["field"]): r for r in json.loads(listed.stdout)}


def test_list_names_every_value_with_its_reason(env) -> None:
    entries = queue(env)
    assert len(entries) == 4
    amount = entries[(review_docs.GRID, "amount_wan")]
    assert amount["value"] == "0.00865"
    assert amount["reason"] == "金额单位存疑：金额标为（元）但数值 86.5 不足1000元，请核对单位"
    assert amount["source_ref"] == "第6行"
    assert len(amount["review_id"]) == 16
    assert len(amount["doc_id"]) == 64
    assert amount["project_id"]


def test_set_and_confirm_then_query_shows_the_correction(env) -> None:
    entries = queue(env)
    amount = entries[(review_docs.GRID, "amount_wan")]["review_id"]
    grade = entries[(review_docs.VIDEO, "grade")]["review_id"]
    done = cli(env, "review", "set", amount, "--value", "86.5", "--user", "zhang", "--note", "表头单位应为万元")
    assert done.returncode == 0, done.stderr
    assert cli(env, "review", "confirm", grade, "--user", "zhang").returncode == 0
    assert sorted(queue(env)) == [(review_docs.GRID, "grade"), (review_docs.VIDEO, "amount_wan")]
    shown = cli(env, "query", "projects", "--param", "district=嘉定区", "--format", "json")
    projects = {p["name"]: p for p in json.loads(shown.stdout)}
    assert projects[review_docs.GRID]["amount_wan"] == 86.5
    assert projects[review_docs.GRID]["corrected_by"] == "zhang"
    assert projects[review_docs.VIDEO]["amount_wan"] == 0.01204


REFUSALS = [
    ("nobody", "86.5", "未知用户：nobody"),
    ("li", "86.5", "只有编辑或管理员"),
    ("wang", "86.5", "不在您的权限范围（闵行区）内"),
    ("zhang", "八十六", "金额必须是数字"),
    ("zhang", "-3", "金额不能为负数"),
    ("zhang", "3000000", "超过 100 亿元"),
]


def test_refusals_exit_1_with_the_reason(env) -> None:
    amount = queue(env)[(review_docs.GRID, "amount_wan")]["review_id"]
    for user, value, reason in REFUSALS:
        refused = cli(env, "review", "set", amount, "--value", value, "--user", user)
        assert refused.returncode == 1, (user, value)
        assert reason in refused.stderr, (user, value)
    assert len(queue(env)) == 4  # nothing was saved


def test_a_grade_must_be_a_grade(env) -> None:
    grade = queue(env)[(review_docs.GRID, "grade")]["review_id"]
    refused = cli(env, "review", "set", grade, "--value", "95", "--user", "zhang")
    assert refused.returncode == 1
    assert "等次只能是 优、良、中、差" in refused.stderr
