"""Benchmarks (not tests): `python -m oversight bench ingest`.

Writes the demo corpus to a temporary folder, then times, on one core and in one process:
parsing per format (documents per second, best of a few runs), the text documents again through the
parsing worker process, and a whole ingest run into a fresh lake (parse in the worker + Parquet
write). Peak memory is this process's maximum resident set size (the worker's is its own).
"""

from __future__ import annotations

import resource
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from oversight.devtools.demo import generate, write_corpus
from oversight.ingest.document import ingest_file
from oversight.ingest.pipeline import run
from oversight.ingest.worker import Worker
from oversight.store.lake import Lake


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def bench_ingest(seed: int = 2024, console: Console | None = None, repeats: int = 3) -> dict:
    console = console or Console()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(generate(seed), Path(tmp) / "docs")
        by_format: dict[str, list[Path]] = defaultdict(list)
        for p in paths:
            by_format[p.suffix.lstrip(".")].append(p)
        results: dict[str, dict] = {}
        for fmt, files in sorted(by_format.items()):
            best = float("inf")
            for _ in range(repeats):
                start = time.perf_counter()
                for f in files:
                    ingest_file(f)
                best = min(best, time.perf_counter() - start)
            results[fmt] = {"documents": len(files), "seconds": best, "per_second": len(files) / best}
        # The same text documents through the parsing worker (a child process), as every run parses them.
        with Worker() as worker:
            worker.parse(by_format["txt"][0], demo=False, doc_id="warm-up")  # start the child outside the timing
            best = float("inf")
            for _ in range(repeats):
                start = time.perf_counter()
                for f in by_format["txt"]:
                    worker.parse(f, demo=False, doc_id=f.name)
                best = min(best, time.perf_counter() - start)
        n = len(by_format["txt"])
        results["txt (worker process)"] = {"documents": n, "seconds": best, "per_second": n / best}
        start = time.perf_counter()
        report = run(paths, Lake(Path(tmp) / "lake"))
        whole = time.perf_counter() - start
        records = sum(r.doc["records"] for r in report.results)
    results["all (parse + lake write)"] = {"documents": len(paths), "seconds": whole, "per_second": len(paths) / whole}
    table = Table(title=f"bench ingest: demo corpus seed {seed}, {records} projects, one core")
    for col in ("格式", "文档数", "秒", "文档/秒"):
        table.add_column(col, justify="right")
    for fmt, r in results.items():
        table.add_row(fmt, str(r["documents"]), f"{r['seconds']:.2f}", f"{r['per_second']:.0f}")
    console.print(table)
    peak = _peak_mb()
    console.print(f"峰值内存（最大常驻集）: {peak:.0f} MB")
    return {"formats": results, "peak_mb": peak, "records": records}
