"""The demo corpus: big enough, realistic, deterministic, and it reads back exactly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from demo_check import mismatches
from helpers import rows

from oversight.devtools.demo import build_demo_lake, generate
from oversight.store.lake import Lake


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("demo")
    lake = Lake(root / "lake")
    report = build_demo_lake(lake, seed=7, out=root / "docs")
    return generate(7), lake.root, report


def test_the_truth_is_not_computed_by_the_code_under_test() -> None:
    """The generator and the checker state grades, lights and dates themselves: none imports oversight.domain."""
    import ast

    from oversight.paths import ROOT

    files = [*(ROOT / "oversight" / "devtools").glob("demo*.py"), ROOT / "oversight/devtools/writers.py"]
    files += [ROOT / "tests" / "demo_check.py", Path(__file__)]
    imported = {
        (f.name, n.module or "")
        for f in files
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8")))
        if isinstance(n, ast.ImportFrom)
    }
    imported |= {
        (f.name, a.name)
        for f in files
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8")))
        if isinstance(n, ast.Import)
        for a in n.names
    }
    assert sorted(x for x in imported if x[1].startswith("oversight.domain")) == []


def test_generation_is_deterministic() -> None:
    a, b = generate(11), generate(11)
    assert [(d.filename, d.truth) for d in a] == [(d.filename, d.truth) for d in b]
    assert [d.truth for d in generate(12)] != [d.truth for d in a]


def test_every_generated_field_reads_back_exactly(demo) -> None:
    docs, lake_dir, _ = demo
    assert mismatches(docs, lake_dir) == []


def test_corpus_is_big_and_realistic(demo) -> None:
    _, lake_dir, report = demo
    ev, mon, documents = rows(lake_dir, "evaluations"), rows(lake_dir, "monitoring"), rows(lake_dir, "documents")
    assert len(ev) >= 2000 + 8
    assert len(mon) >= 300
    assert {e["district"] for e in ev} >= {"嘉定区", "浦东新区", "崇明区"}
    assert len({e["district"] for e in ev}) == 16
    assert len({e["town"] for e in ev if e["town"]} | {m["town"] for m in mon}) >= 100
    assert {e["year"] for e in ev} == set(range(2018, 2026))
    grades = Counter(e["grade"] for e in ev)
    assert grades["优"] > grades["良"] > grades["中"] > grades["差"] > 0
    amounts = sorted(e["amount_wan"] for e in ev)
    assert amounts[0] < 10
    assert amounts[-1] > 1000
    themes = Counter(t for e in ev for t in e["themes"])
    assert themes["video"] >= 300
    assert themes["grid"] >= 300
    assert Counter(d["format"] for d in documents if d["demo"]).keys() == {"txt", "docx", "xlsx"}
    assert sum(not d["demo"] for d in documents) == 2  # the two seeds, ingested with the demo
    statuses = Counter(r["status"] for r in rows(lake_dir, "rectifications"))
    assert set(statuses) <= {"done", "in_progress", "planned", "not_started", "unknown"}  # LAKE.md's codes
    assert all(statuses[s] > 50 for s in ("done", "planned", "in_progress", "not_started"))
    assert not report.by_status("quarantined")


def test_the_demo_needs_review_and_says_why(demo) -> None:
    """人工核对: the demo's queue is not empty, and every entry's reason is Chinese a clerk can act on
    (no field codes, no confidence words), in one of the queue's reason categories."""
    import re

    from oversight.store.query import LakeDB

    _, lake_dir, _ = demo
    queue = LakeDB(lake_dir).run("review_queue", {}, strict=False)
    kinds = {
        "单位存疑",
        "超出范围",
        "数值对不上",
        "等次与得分不符",
        "年度冲突",
        "未读出数值",
        "读取不确定",
        "需确认读取方式",
    }
    assert len(queue) > 100
    assert set(queue["reason_kind"]) <= kinds
    assert {"单位存疑", "需确认读取方式"} <= set(queue["reason_kind"])  # 元 read as 万元; values from sentences
    assert [r for r in queue["reason"] if not r or re.search(r"[A-Za-z_]{3,}", r.replace("OCR", ""))] == []
    assert all(re.search(r"[\u4e00-\u9fff]{4,}", r) for r in queue["reason"])
    assert queue["source_ref"].str.match(r"^(第|表|Sheet)").all()
