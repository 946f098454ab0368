"""The overview's new questions over a hand-built lake: tests/fixture_lake.py plus budgets, worked by hand.

Budgets added here: e1 budget 100 executed 90 (2022); e3 budget 200 executed 100 (2023); e4 budget 0
executed 5 (no rate: left out); e5, the self-evaluation hidden behind e3, budget 1000 executed 1000
(must not count). Graded money (shown projects): 优 e3 120 + e4 60, 良 e1 100 + e7 200 → 480;
中 e2 50 + e10 150, 差 e8 80 → 280; e6 and e9 have no grade. 480 / 760 = 0.6316, 280 / 760 = 0.3684.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from fixture_lake import DOCUMENTS, EVALUATIONS, LINES, MONITORING, PD, RECTIFICATIONS, FixedUpdates, records

from oversight.store.lake import Lake
from oversight.store.query import LakeDB
from oversight.store.schema import TABLES

BUDGETS = {"e1": (100.0, 90.0), "e3": (200.0, 100.0), "e4": (0.0, 5.0), "e5": (1000.0, 1000.0)}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> LakeDB:
    root: Path = tmp_path_factory.mktemp("overview_lake")
    evaluations = [
        {**e, "budget_wan": BUDGETS[e["project_id"]][0], "executed_wan": BUDGETS[e["project_id"]][1]}
        if e["project_id"] in BUDGETS
        else e
        for e in EVALUATIONS
    ]
    tables = {
        "documents": DOCUMENTS,
        "evaluations": evaluations,
        "rectifications": RECTIFICATIONS,
        "monitoring": MONITORING,
        "lines": LINES,
    }
    Lake(root).replace_tables({t: pa.Table.from_pylist(rows, schema=TABLES[t]) for t, rows in tables.items()})
    return LakeDB(root, shared=FixedUpdates())


def test_budget_execution_is_weighted_by_money(db: LakeDB) -> None:
    (row,) = records(db, "overview_money")
    assert row["budget_execution"] == 0.6333  # (90 + 100) / (100 + 200), not the mean of 0.9 and 0.5
    assert row["with_budget"] == 2


def test_budget_execution_follows_the_year(db: LakeDB) -> None:
    (row,) = records(db, "overview_money", years=[2022])
    assert row["budget_execution"] == 0.9


def test_share_of_money_by_grade(db: LakeDB) -> None:
    (row,) = records(db, "overview_money")
    assert (row["money_good"], row["money_poor"]) == (0.6316, 0.3684)


def test_money_questions_keep_to_the_scope(db: LakeDB) -> None:
    (row,) = records(db, "overview_money", scope_district=PD)  # e8 差 80 and e9 (no grade) only
    assert (row["budget_execution"], row["money_good"], row["money_poor"]) == (None, 0.0, 1.0)
