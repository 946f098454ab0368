"""Server-side page timings: the named queries each page runs (read from the page files), uncached."""

from __future__ import annotations

import re
import time

import numpy as np

from oversight.devtools.synthetic_lake import CATEGORIES, TODAY
from oversight.domain.places import DISTRICTS
from oversight.paths import ROOT
from oversight.store.query import LakeDB

PAGES_DIR = ROOT / "dashboard" / "pages"
# The wall reads through load(), rows_of() and its panels' rows(), all wrapping ui.run.
_RUN = re.compile(r'(?:ui\.run|load|rows_of|rows)\(\s*"(\w+)"')
EXTRA = {"limit": 100, "offset": 0, "order": "asc", "status": None, "theme": None, "light": None}


def page_queries() -> dict[str, list[str]]:
    """The named queries each page runs, read from dashboard/pages/*.py."""
    out = {}
    for view in sorted(PAGES_DIR.glob("*.py")):
        names = _RUN.findall(view.read_text(encoding="utf-8"))
        if view.stem == "bigscreen":  # the wall's panels run their queries from dashboard/wall/
            names += [
                n
                for part in sorted((PAGES_DIR.parent / "wall").glob("*.py"))
                for n in _RUN.findall(part.read_text(encoding="utf-8"))
            ]
        # The sidebar runs filter_values and filter_counts on every page.
        out[view.stem] = ["filter_values", "filter_counts", *dict.fromkeys(names)]
    return out


def filter_sets(rng: np.random.Generator, n: int) -> list[dict]:
    sets = [{}]
    for _ in range(n - 1):
        f: dict = {}
        if rng.random() < 0.7:
            f["district"] = str(rng.choice(DISTRICTS))
        if rng.random() < 0.5:
            f["years"] = [int(rng.integers(2018, 2026))]
        if rng.random() < 0.3:
            f["category"] = str(rng.choice(CATEGORIES))
        sets.append(f)
    return sets


def time_server(db: LakeDB, runs: int = 15) -> dict[str, list[float]]:
    rng = np.random.default_rng(7)
    some_id = db.run("projects", {"limit": 1}, strict=False)["project_id"].iloc[0]
    out: dict[str, list[float]] = {}
    for page, names in page_queries().items():
        times = []
        for f in filter_sets(rng, runs):
            params = {**EXTRA, **f, "today": TODAY, "id": some_id, "doc_id": "d0000000"}
            start = time.perf_counter()
            for name in names:
                db.run(name, params, strict=False)
            times.append((time.perf_counter() - start) * 1000)
        out[page] = times
    return out


def time_duckdb_same(db: LakeDB, f: dict) -> dict[str, float]:
    """The same four pages through the named queries, for the ratio."""
    params = {**EXTRA, **f, "today": TODAY}
    pages = {
        "overview": ["lake_summary", "grade_distribution", "score_by_year", "projects"],
        "ranking": ["projects", "unit_ranking"],
        "rectification": ["rectification_items", "rectification_by_unit"],
        "monitoring": ["monitoring_lights"],
    }
    out = {}
    for page, names in pages.items():
        start = time.perf_counter()
        for name in names:
            db.run(name, params, strict=False)
        out[page] = (time.perf_counter() - start) * 1000
    return out
