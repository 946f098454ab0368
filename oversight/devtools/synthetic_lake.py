"""A large synthetic lake written straight to Parquet, for the page benchmark and its tests."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa

from oversight.domain.places import towns
from oversight.domain.taxonomy import CATEGORY_LABELS
from oversight.store.lake import Lake
from oversight.store.schema import TABLES

CATEGORIES = list(CATEGORY_LABELS)
STATUSES = ["done", "in_progress", "planned", "not_started", "unknown"]
TODAY = date(2026, 11, 23)


def _table(name: str, columns: dict[str, object]) -> pa.Table:
    schema = TABLES[name]
    n = len(next(iter(columns.values())))
    arrays = [pa.array(columns[f.name], type=f.type) if f.name in columns else pa.nulls(n, f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def _unique_names(names: list[str], year: np.ndarray) -> np.ndarray:
    """One project per (unit, year, name), as in a real lake: a repeat gets a suffix (the unit is the town's)."""
    seen: dict[tuple[str, int], int] = {}
    out = []
    for name, y in zip(names, year.tolist(), strict=True):
        n = seen[(name, y)] = seen.get((name, y), 0) + 1
        out.append(name if n == 1 else f"{name}（{n}）")
    return np.array(out)


def synthetic_lake(
    root: Path, evaluations: int = 100_000, items: int = 300_000, tracked: int = 20_000, seed: int = 1
) -> Lake:
    """Write a big, plausible lake straight to Parquet (no documents to parse)."""
    rng = np.random.default_rng(seed)
    gaz = list(towns().values())
    town_idx = rng.integers(0, len(gaz), evaluations)
    town = np.array([t.name for t in gaz])[town_idx]
    district = np.array([t.district for t in gaz])[town_idx]
    units = np.array([f"{t}城市运行管理中心" for t in town])
    year = rng.integers(2018, 2026, evaluations).astype("int32")
    category = rng.choice(CATEGORIES, evaluations, p=[0.22, 0.2, 0.1, 0.1, 0.12, 0.06, 0.06, 0.05, 0.06, 0.03])
    themes = [
        [c, "grid"] if c != "grid" and r < 0.3 else [c] for c, r in zip(category, rng.random(evaluations), strict=True)
    ]
    score = np.round(np.clip(rng.normal(88, 7, evaluations), 30, 100), 2)
    grade = np.where(score >= 90, "优", np.where(score >= 80, "良", np.where(score >= 60, "中", "差")))
    pid = np.array([f"p{i:08x}" for i in range(evaluations)])
    amount = np.round(np.exp(rng.uniform(np.log(2), np.log(3000), evaluations)), 2)
    ev = {
        "project_id": pid,
        "doc_id": np.array([f"d{i // 10:07x}" for i in range(evaluations)]),
        "year": year,
        "unit": units,
        "district": district,
        "town": town,
        "name": _unique_names(
            [
                f"{t}{CATEGORY_LABELS[c].split('/')[0]}项目{i % 97}"
                for i, (t, c) in enumerate(zip(town, category, strict=True))
            ],
            year,
        ),
        "category": category,
        "themes": themes,
        "amount_wan": amount,
        "score": score,
        "grade": grade,
        "grade_by_score": grade,
        "rectification_status": rng.choice(STATUSES, evaluations),
        "demo": np.ones(evaluations, bool),
        "line_no": np.ones(evaluations, "int32"),
        "source_ref": np.full(evaluations, "第1行"),
    }
    item_pid = rng.integers(0, evaluations, items)
    due = np.array([TODAY - timedelta(days=int(d)) for d in rng.integers(-400, 1500, items)])
    rect = {
        "item_id": np.array([f"i{i:09x}" for i in range(items)]),
        "project_id": pid[item_pid],
        "seq": rng.integers(1, 4, items).astype("int32"),
        "problem": np.full(items, "绩效目标申报工作有待进一步完善"),
        "action": np.full(items, "将于2025年6月底前完成绩效目标申报的培训"),
        "status": rng.choice(STATUSES, items),
        "evidence": np.full(items, "将"),
        "due_date": due,
        "year": year[item_pid],
        "unit": units[item_pid],
        "district": district[item_pid],
        "town": town[item_pid],
    }
    m_idx = rng.integers(0, evaluations, tracked)
    period_end = np.array([date(int(y), 8, 31) for y in year[m_idx]])
    rate = np.round(rng.uniform(0.1, 1.0, tracked), 4)
    elapsed = 243 / 365
    light = np.where(rate >= elapsed, "green", np.where(rate >= elapsed - 0.1, "yellow", "red"))
    budget = amount[m_idx]
    mon = {
        "project_id": np.array([f"m{i:08x}" for i in range(tracked)]),
        "doc_id": np.full(tracked, "dm"),
        "year": year[m_idx],
        "unit": units[m_idx],
        "district": district[m_idx],
        "town": town[m_idx],
        "name": ev["name"][m_idx],
        "category": category[m_idx],
        "themes": [themes[i] for i in m_idx],
        "period_start": np.array([date(int(y), 1, 1) for y in year[m_idx]]),
        "period_end": period_end,
        "budget_initial_wan": budget,
        "budget_wan": budget,
        "executed_wan": np.round(budget * rate, 2),
        "execution_rate": rate,
        "adjust_down_wan": np.zeros(tracked),
        "time_elapsed": np.full(tracked, elapsed),
        "light": light,
        "light_rule": np.full(tracked, "合成数据"),
        "conclusion": np.full(tracked, "运行正常"),
        "demo": np.ones(tracked, bool),
        "source_ref": np.full(tracked, "第1行"),
    }
    n_docs = evaluations // 10
    docs = {
        "doc_id": np.array([f"d{i:07x}" for i in range(n_docs)]),
        "source_name": np.array([f"synthetic_{i}.txt" for i in range(n_docs)]),
        "doc_kind": np.full(n_docs, "evaluation_result"),
        "demo": np.ones(n_docs, bool),
        "status": np.full(n_docs, "ok"),
        "records": np.full(n_docs, 10, "int32"),
        "messages": [[] for _ in range(n_docs)],
        "ingested_at": np.full(n_docs, np.datetime64("2026-11-23T10:00:00")),
    }
    lake = Lake(root)
    lake.replace_tables(
        {
            "evaluations": _table("evaluations", ev),
            "rectifications": _table("rectifications", rect),
            "monitoring": _table("monitoring", mon),
            "documents": _table("documents", docs),
            "lines": TABLES["lines"].empty_table(),
        }
    )
    return lake
