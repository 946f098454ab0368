"""What tests share besides fixtures: the seeds, reading a lake table, serving the app, waiting in Chromium."""

from __future__ import annotations

import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.parquet as pq

from oversight.ingest.document import ingest_file
from oversight.paths import SEEDS_DIR
from oversight.store.records import FileResult

SEED_000 = SEEDS_DIR / "000_18f8c4a5235f1759.txt"
SEED_001 = SEEDS_DIR / "001_e4d372a10ec87f57.txt"


def ingest_text(tmp_path: Path, text: str, name: str = "page.txt") -> FileResult:
    """One hand-written page, ingested as the pipeline reads a file."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ingest_file(path)


def rows(lake_dir: Path, table: str) -> list[dict]:
    return pq.read_table(Path(lake_dir) / f"{table}.parquet").to_pylist()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _free_port() -> int:
    """A free loopback port; within $OVERSIGHT_TEST_PORTS (e.g. 8700-8749) when a shared machine asks for it."""
    import os
    import socket

    low, _, high = os.environ.get("OVERSIGHT_TEST_PORTS", "").partition("-")
    for port in range(int(low), int(high) + 1) if low and high else [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in {low}-{high}")


def serve(lake: Path, db: Path | None = None, port: int | None = None):
    """Start the real app on a free loopback port over `lake`; returns (url, process).

    Each server gets its own follow-up database: DuckDB lets one process hold a file. A `port` restarts
    a server where its pages expect it (they reconnect by themselves)."""
    import os
    import subprocess
    import time
    import urllib.request

    from oversight.paths import ROOT

    port = port or _free_port()
    db = db or Path(tempfile.mkdtemp(prefix="served-")) / "oversight.duckdb"
    env = {**os.environ, "OVERSIGHT_LAKE": str(lake), "OVERSIGHT_DB": str(db)}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return url, proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the app did not start")


def ready(page, timeout: int = 30_000) -> None:
    """Wait until Streamlit has drawn the page and finished running it.

    A rerun's indicator can appear a moment after a click, so "not running" must hold twice,
    300 ms apart."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
    # Not running, and no element still a loading skeleton (its code arrives lazily, slowly under load).
    running = (
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        ' && !document.querySelector(\'[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]\')'
    )
    for _ in range(50):
        page.wait_for_function(running, timeout=timeout)
        page.wait_for_timeout(300)
        if page.evaluate(running):
            return
    raise AssertionError("the page kept rerunning")


def wait_text(page, selector: str, text: str, timeout: int = 30_000) -> None:
    """Wait until the element's text contains `text` (Streamlit draws a rerun's elements in turn)."""
    try:
        page.wait_for_function(
            "([s, t]) => { const e = document.querySelector(s); return !!e && e.innerText.includes(t); }",
            arg=[selector, text],
            timeout=timeout,
        )
    except Exception as exc:  # re-raised with what the page showed
        shown = page.locator(selector).first.inner_text() if page.locator(selector).count() else "(no element)"
        raise AssertionError(f"{text!r} never appeared in {selector}; it shows: {shown[:300]!r}") from exc


def app_env(monkeypatch, lake: Path, db: Path, users: Path) -> None:
    """Point the app at `lake`, a shared database and a users file, and forget the cached ones."""
    monkeypatch.setenv("OVERSIGHT_LAKE", str(lake))
    monkeypatch.setenv("OVERSIGHT_DB", str(db))
    monkeypatch.setenv("OVERSIGHT_USERS", str(users))
    from dashboard import ui

    ui.db.clear()
    ui.shared.clear()
    ui._cached.clear()


class _RowTableParser(HTMLParser):
    """The row tables (dashboard.rowtable) in some HTML: column keys, and per row its key and cells' text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and "row-table" in (a.get("class") or ""):
            self.tables.append({"key": a.get("data-table"), "columns": [], "rows": []})
        elif self.tables and tag == "th":
            self.tables[-1]["columns"].append(a.get("data-col"))
        elif self.tables and tag == "tr" and "data-row" in a:
            self.tables[-1]["rows"].append({"_row": a["data-row"], "cells": []})
        elif self.tables and tag == "td":
            self._cell = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.tables[-1]["rows"][-1]["cells"].append("".join(self._cell))
            self._cell = None


def parse_row_tables(*htmls: str) -> list[dict]:
    """The row tables in some HTML: per table its key, column keys, and rows (key and cells' text)."""
    parser = _RowTableParser()
    for text in htmls:
        parser.feed(text)
    return parser.tables


def row_tables(at) -> list:
    """The row tables an AppTest run drew, as a reader sees them: a DataFrame per table with one column
    per column key (the cells' text, "—" for a gap) and the key a click sends back as `_row`."""
    import pandas as pd

    return [
        pd.DataFrame(
            [[r["_row"], *r["cells"]] for r in t["rows"]], columns=["_row", *t["columns"]], dtype=object
        ).assign(_table=t["key"])
        for t in parse_row_tables(*(element.proto.body for element in at.get("html")))
    ]
