"""The page benchmark's machinery on a small synthetic lake (the benchmark itself is `make bench`)."""

from __future__ import annotations

from pathlib import Path

from oversight.devtools.bench_server import page_queries, time_server
from oversight.devtools.synthetic_lake import synthetic_lake
from oversight.store.query import LakeDB, query_names


def test_every_page_query_runs_on_a_synthetic_lake(tmp_path: Path) -> None:
    lake = synthetic_lake(tmp_path / "lake", evaluations=3000, items=9000, tracked=600)
    db = LakeDB(lake.root)
    assert db.run("lake_summary")["projects"][0] == 3000
    pages = page_queries()
    assert set(pages) == {
        "overview",
        "ranking",
        "rectification",
        "map",
        "monitoring",
        "project",
        "data",
        "bigscreen",
        "audit",
        "not_found",
        "review",
    }
    used = {q for names in pages.values() for q in names}
    assert used <= set(query_names())
    assert {"lake_summary", "projects", "rectification_items", "district_map", "monitoring_lights"} <= used
    assert {"light_counts", "rectification_status", "unit_ranking"} <= set(pages["bigscreen"])
    times = time_server(db, runs=3)
    assert set(times) == set(pages)
    assert all(len(t) == 3 and min(t) > 0 for t in times.values())
