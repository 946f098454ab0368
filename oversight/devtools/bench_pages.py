"""`python -m oversight bench pages`: the dashboard's speed on a large synthetic lake.

1. Writes a synthetic lake straight to Parquet: 100,000 evaluations, 300,000 整改 items,
   20,000 monitoring rows (sizes adjustable).
2. Server side: for each page, the time of all the named queries it runs (read from the view
   files, so the list cannot drift from the pages), under random filter sets, uncached.
3. The same page data with pandas over CSV, the way a typical Streamlit app computes it, and the ratio.
4. In Debian's Chromium (when Playwright is installed): app start to first drawn page, and a
   filter change to the redrawn page, per page.
5. First paint in Chromium, cold and warm, per page, next to the floor (a bare Streamlit page) and a
   plain pandas-over-CSV Streamlit app answering /ranking?year=…&district=… (bench_paint.py).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from oversight.devtools.bench_browser import time_browser
from oversight.devtools.bench_paint import first_paint
from oversight.devtools.bench_pandas import pandas_pages
from oversight.devtools.bench_server import page_queries, time_duckdb_same, time_server
from oversight.devtools.synthetic_lake import synthetic_lake
from oversight.store.query import LakeDB


def bench_pages(console: Console | None = None, evaluations: int = 100_000, browser: bool = True) -> dict:
    console = console or Console()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        lake = synthetic_lake(root / "lake", evaluations=evaluations, items=evaluations * 3, tracked=evaluations // 5)
        console.print(
            f"合成数据湖：{evaluations:,} 评价、{evaluations * 3:,} 整改事项、{evaluations // 5:,} 监控，"
            f"写入 {time.perf_counter() - start:.1f} 秒"
        )
        db = LakeDB(lake.root)
        server = time_server(db)
        table = Table(title="每页全部查询的服务器端耗时（毫秒，无缓存，15 组随机筛选）")
        for col in ("页面", "查询数", "中位数", "P90", "最大"):
            table.add_column(col, justify="right")
        queries = page_queries()
        for page_name, times in server.items():
            q = sorted(times)
            table.add_row(
                page_name,
                str(len(queries[page_name])),
                f"{statistics.median(q):.0f}",
                f"{q[int(len(q) * 0.9) - 1]:.0f}",
                f"{q[-1]:.0f}",
            )
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
            ratio.add_row(
                page_name,
                f"{pandas_ms[page_name]:.0f}",
                f"{duck_ms[page_name]:.0f}",
                f"{pandas_ms[page_name] / duck_ms[page_name]:.1f}×",
            )
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
            paint = first_paint(
                lake.root, csv_dir / "evaluations.csv", root, ranking_query="?year=2024&district=嘉定区"
            )
            pt = Table(
                title="首屏：请求页面到第一个图表或表格绘制完成（秒，Chromium；冷 = 新服务器与新浏览器，热 = 中位数）"
            )
            for col in ("页面", "冷", "热", "热（Playwright 看到）"):
                pt.add_column(col, justify="right")
            for name, t in paint.items():
                pt.add_row(name, f"{t['cold']:.2f}", f"{t['warm']:.2f}", f"{t['warm_seen']:.2f}")
            console.print(pt)
            console.print(f"测量时机器负载（uptime）：{Path('/proc/loadavg').read_text().split()[:3]}")
            result["first_paint"] = paint
        return result
