"""`python -m oversight bench pages`: the dashboard's speed on a large synthetic lake.

1. Writes a synthetic lake straight to Parquet: 100,000 evaluations, 300,000 整改 items,
   20,000 monitoring rows (sizes adjustable).
2. Server side: for each page, the time of all the named queries it runs (read from the view
   files, so the list cannot drift from the pages), under random filter sets, uncached.
3. The same page data with pandas over CSV, the way a typical Streamlit app computes it, and the ratio.
4. In Debian's Chromium (when Playwright is installed): app start to first drawn page, and a
   filter change to the redrawn page, per page.
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from rich.console import Console
from rich.table import Table

from oversight.lake import Lake
from oversight.paths import ROOT
from oversight.places import DISTRICTS, towns
from oversight.query import LakeDB
from oversight.schema import TABLES
from oversight.taxonomy import CATEGORY_LABELS

VIEWS = ROOT / "views"
CATEGORIES = list(CATEGORY_LABELS)
STATUSES = ["done", "in_progress", "planned", "not_started", "unknown"]
TODAY = date(2026, 11, 23)


def _table(name: str, columns: dict[str, object]) -> pa.Table:
    schema = TABLES[name]
    n = len(next(iter(columns.values())))
    arrays = [pa.array(columns[f.name], type=f.type) if f.name in columns else pa.nulls(n, f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def synthetic_lake(root: Path, evaluations: int = 100_000, items: int = 300_000, tracked: int = 20_000, seed: int = 1) -> Lake:  # fmt: skip
    """Write a big, plausible lake straight to Parquet (no documents to parse)."""
    rng = np.random.default_rng(seed)
    gaz = list(towns().values())
    town_idx = rng.integers(0, len(gaz), evaluations)
    town = np.array([t.name for t in gaz])[town_idx]
    district = np.array([t.district for t in gaz])[town_idx]
    units = np.array([f"{t}城市运行管理中心" for t in town])
    year = rng.integers(2018, 2026, evaluations).astype("int32")
    category = rng.choice(CATEGORIES, evaluations, p=[0.22, 0.2, 0.1, 0.1, 0.12, 0.06, 0.06, 0.05, 0.06, 0.03])
    themes = [[c, "grid"] if c != "grid" and r < 0.3 else [c] for c, r in zip(category, rng.random(evaluations), strict=True)]  # fmt: skip
    score = np.round(np.clip(rng.normal(88, 7, evaluations), 30, 100), 2)
    grade = np.where(score >= 90, "优", np.where(score >= 80, "良", np.where(score >= 60, "中", "差")))
    pid = np.array([f"p{i:08x}" for i in range(evaluations)])
    amount = np.round(np.exp(rng.uniform(np.log(2), np.log(3000), evaluations)), 2)
    ev = {
        "project_id": pid, "doc_id": np.array([f"d{i // 10:07x}" for i in range(evaluations)]), "year": year,
        "unit": units, "district": district, "town": town,
        "name": np.array([f"{t}{CATEGORY_LABELS[c].split('/')[0]}项目{i % 97}" for i, (t, c) in enumerate(zip(town, category, strict=True))]),
        "category": category, "themes": themes, "amount_wan": amount, "score": score, "grade": grade,
        "grade_by_score": grade, "rectification_status": rng.choice(STATUSES, evaluations), "demo": np.ones(evaluations, bool),
        "line_no": np.ones(evaluations, "int32"), "source_ref": np.full(evaluations, "第1行"),
    }  # fmt: skip
    item_pid = rng.integers(0, evaluations, items)
    due = np.array([TODAY - timedelta(days=int(d)) for d in rng.integers(-400, 1500, items)])
    rect = {
        "item_id": np.array([f"i{i:09x}" for i in range(items)]), "project_id": pid[item_pid],
        "seq": rng.integers(1, 4, items).astype("int32"), "problem": np.full(items, "绩效目标申报工作有待进一步完善"),
        "action": np.full(items, "将于2025年6月底前完成绩效目标申报的培训"), "status": rng.choice(STATUSES, items),
        "evidence": np.full(items, "将"), "due_date": due, "year": year[item_pid], "unit": units[item_pid],
        "district": district[item_pid], "town": town[item_pid],
    }  # fmt: skip
    m_idx = rng.integers(0, evaluations, tracked)
    period_end = np.array([date(int(y), 8, 31) for y in year[m_idx]])
    rate = np.round(rng.uniform(0.1, 1.0, tracked), 4)
    elapsed = 243 / 365
    light = np.where(rate >= elapsed, "green", np.where(rate >= elapsed - 0.1, "yellow", "red"))
    budget = amount[m_idx]
    mon = {
        "project_id": np.array([f"m{i:08x}" for i in range(tracked)]), "doc_id": np.full(tracked, "dm"),
        "year": year[m_idx], "unit": units[m_idx], "district": district[m_idx], "town": town[m_idx],
        "name": ev["name"][m_idx], "category": category[m_idx], "themes": [themes[i] for i in m_idx],
        "period_start": np.array([date(int(y), 1, 1) for y in year[m_idx]]), "period_end": period_end,
        "budget_initial_wan": budget, "budget_wan": budget, "executed_wan": np.round(budget * rate, 2),
        "execution_rate": rate, "adjust_down_wan": np.zeros(tracked), "time_elapsed": np.full(tracked, elapsed),
        "light": light, "light_rule": np.full(tracked, "合成数据"), "conclusion": np.full(tracked, "运行正常"),
        "demo": np.ones(tracked, bool), "source_ref": np.full(tracked, "第1行"),
    }  # fmt: skip
    n_docs = evaluations // 10
    docs = {
        "doc_id": np.array([f"d{i:07x}" for i in range(n_docs)]), "source_name": np.array([f"synthetic_{i}.txt" for i in range(n_docs)]),
        "doc_kind": np.full(n_docs, "evaluation_result"), "demo": np.ones(n_docs, bool), "status": np.full(n_docs, "ok"),
        "records": np.full(n_docs, 10, "int32"), "messages": [[] for _ in range(n_docs)],
        "ingested_at": np.full(n_docs, np.datetime64("2026-11-23T10:00:00")),
    }  # fmt: skip
    lake = Lake(root)
    lake.replace_tables({
        "evaluations": _table("evaluations", ev), "rectifications": _table("rectifications", rect),
        "monitoring": _table("monitoring", mon), "documents": _table("documents", docs),
        "lines": TABLES["lines"].empty_table(),
    })  # fmt: skip
    return lake


_RUN = re.compile(r'(?:ui\.run|load|rows_of)\(\s*"(\w+)"')  # the wall reads through load()/rows_of(), wrapping ui.run
EXTRA = {"limit": 100, "offset": 0, "order": "asc", "status": None, "theme": None, "light": None}


def page_queries() -> dict[str, list[str]]:
    """The named queries each page runs, read from views/*.py."""
    out = {}
    for view in sorted(VIEWS.glob("*.py")):
        names = _RUN.findall(view.read_text(encoding="utf-8"))
        out[view.stem] = ["filter_values", *dict.fromkeys(names)]  # the sidebar runs filter_values on every page
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


def pandas_pages(csv_dir: Path, f: dict) -> dict[str, float]:
    """The overview/ranking/rectification/monitoring data with pandas over CSV, per call (ms)."""
    out = {}
    start = time.perf_counter()
    ev = pd.read_csv(csv_dir / "evaluations.csv")
    load = (time.perf_counter() - start) * 1000

    def scoped(df: pd.DataFrame) -> pd.DataFrame:
        if "district" in f:
            df = df[df["district"] == f["district"]]
        if "years" in f:
            df = df[df["year"].isin(f["years"])]
        return df

    start = time.perf_counter()
    e = scoped(ev)
    _ = (len(e), e["amount_wan"].sum(), e["score"].mean(), (e["score"] * e["amount_wan"]).sum() / e["amount_wan"].sum())
    _ = e.groupby("grade").agg(projects=("score", "size"), amount=("amount_wan", "sum"))
    _ = e.nsmallest(10, "score")
    _ = e.groupby("year")["score"].mean()
    out["overview"] = load + (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    e = scoped(ev)
    _ = e.sort_values("score").head(100)
    _ = e.groupby(["unit", "district"]).agg(n=("score", "size"), mean=("score", "mean"), low=("score", "min"))
    out["ranking"] = load + (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    items = pd.read_csv(csv_dir / "rectifications.csv", parse_dates=["due_date"])
    e = scoped(ev)
    joined = items.merge(e[["project_id", "name"]], on="project_id")
    joined["overdue"] = (joined["status"] != "done") & (joined["due_date"] < pd.Timestamp(TODAY))
    _ = joined.sort_values(["overdue", "due_date"], ascending=[False, True]).head(200)
    _ = joined.groupby(["unit", "status"]).size()
    out["rectification"] = load + (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    mon = scoped(pd.read_csv(csv_dir / "monitoring.csv"))
    _ = mon.sort_values("execution_rate").groupby("light").size()
    out["monitoring"] = (time.perf_counter() - start) * 1000
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


def time_browser(lake_dir: Path, console: Console) -> dict[str, object] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        console.print("[yellow]Playwright 未安装（make test 会安装），跳过浏览器计时[/yellow]")
        return None
    import os
    import socket
    import subprocess
    import sys

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "OVERSIGHT_LAKE": str(lake_dir), "OVERSIGHT_DB": str(lake_dir.parent / "bench.duckdb")}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]  # fmt: skip
    result: dict[str, object] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            for _ in range(200):
                try:
                    page.goto(url, timeout=2000)
                    break
                except Exception:  # noqa: BLE001 - the server is not up yet
                    time.sleep(0.1)
            _drawn(page)
            result["start_to_first_page_s"] = time.perf_counter() - start
            changes: dict[str, list[float]] = {}
            for path in ("/", "/ranking", "/rectification", "/map", "/monitoring"):
                page.goto(url + path)
                _drawn(page)
                times = []
                for district in ("嘉定区", "浦东新区", "闵行区", None):
                    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
                    box.click()
                    page.keyboard.type(district or "全部区")  # the list is virtualised: type, as a person would
                    t0 = time.perf_counter()
                    page.keyboard.press("Enter")
                    page.wait_for_timeout(50)
                    _drawn(page)
                    times.append(time.perf_counter() - t0)
                changes[path] = times
            result["filter_change_s"] = changes
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return result


def _drawn(page) -> None:
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def bench_pages(console: Console | None = None, evaluations: int = 100_000, browser: bool = True) -> dict:
    console = console or Console()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        lake = synthetic_lake(root / "lake", evaluations=evaluations, items=evaluations * 3, tracked=evaluations // 5)
        console.print(f"合成数据湖：{evaluations:,} 评价、{evaluations * 3:,} 整改事项、{evaluations // 5:,} 监控，"
                      f"写入 {time.perf_counter() - start:.1f} 秒")  # fmt: skip
        db = LakeDB(lake.root)
        server = time_server(db)
        table = Table(title="每页全部查询的服务器端耗时（毫秒，无缓存，15 组随机筛选）")
        for col in ("页面", "查询数", "中位数", "P90", "最大"):
            table.add_column(col, justify="right")
        queries = page_queries()
        for page_name, times in server.items():
            q = sorted(times)
            table.add_row(page_name, str(len(queries[page_name])), f"{statistics.median(q):.0f}",
                          f"{q[int(len(q) * 0.9) - 1]:.0f}", f"{q[-1]:.0f}")  # fmt: skip
        console.print(table)
        csv_dir = root / "csv"
        csv_dir.mkdir()
        for name in ("evaluations", "rectifications", "monitoring"):
            table = lake.read(name)
            table = table.drop_columns([c for c in ("themes",) if c in table.column_names])
            table.to_pandas().to_csv(csv_dir / f"{name}.csv", index=False)
        f = {"district": "嘉定区"}
        pandas_ms = min((pandas_pages(csv_dir, f) for _ in range(3)), key=lambda d: sum(d.values()))
        duck_ms = min((time_duckdb_same(db, f) for _ in range(3)), key=lambda d: sum(d.values()))
        ratio = Table(title="同样的页面数据：pandas 读 CSV 计算 vs DuckDB 命名查询（毫秒，嘉定区）")
        for col in ("页面", "pandas+CSV", "DuckDB", "倍数"):
            ratio.add_column(col, justify="right")
        for page_name in pandas_ms:
            ratio.add_row(page_name, f"{pandas_ms[page_name]:.0f}", f"{duck_ms[page_name]:.0f}",
                          f"{pandas_ms[page_name] / duck_ms[page_name]:.1f}×")  # fmt: skip
        console.print(ratio)
        result = {"server_ms": server, "pandas_ms": pandas_ms, "duckdb_ms": duck_ms}
        if browser:
            b = time_browser(lake.root, console)
            if b:
                console.print(f"应用启动到首页绘制完成：{b['start_to_first_page_s']:.1f} 秒")
                bt = Table(title="浏览器中：更改筛选到页面重绘完成（秒，Chromium）")
                for col in ("页面", "中位数", "最大"):
                    bt.add_column(col, justify="right")
                for path, times in b["filter_change_s"].items():
                    bt.add_row(path, f"{statistics.median(times):.2f}", f"{max(times):.2f}")
                console.print(bt)
                result["browser"] = b
        return result
