"""Shared fixtures: the seeds, and lakes built from them in temporary folders."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from oversight.lake import Lake
from oversight.paths import SEEDS_DIR
from oversight.pipeline import run

sys.path.insert(0, str(Path(__file__).parent))  # tests import demo_check

# Tests never touch a developer's real users or follow-up database (subprocesses inherit these).
_TMP = Path(tempfile.mkdtemp(prefix="oversight-tests-"))
os.environ["OVERSIGHT_DB"] = str(_TMP / "oversight.duckdb")
os.environ["OVERSIGHT_USERS"] = str(_TMP / "users.json")
os.environ.pop("OVERSIGHT_EMBED_SECRET", None)

SEED_000 = SEEDS_DIR / "000_18f8c4a5235f1759.txt"
SEED_001 = SEEDS_DIR / "001_e4d372a10ec87f57.txt"


def rows(lake_dir: Path, table: str) -> list[dict]:
    return pq.read_table(Path(lake_dir) / f"{table}.parquet").to_pylist()


@pytest.fixture(scope="session")
def seed_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lake holding exactly the two seeds."""
    lake_dir = tmp_path_factory.mktemp("seed_lake")
    run([SEED_000, SEED_001], Lake(lake_dir))
    return lake_dir


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


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser). `make test` installs it."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test` (it installs it)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(lake: Path, db: Path | None = None):
    """Start the real app on a free loopback port over `lake`; returns (url, process).

    Each server gets its own follow-up database: DuckDB lets one process hold a file."""
    import os
    import subprocess
    import time
    import urllib.request

    from oversight.paths import ROOT

    port = _free_port()
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


@pytest.fixture(scope="session")
def served(seed_lake: Path):
    url, proc = serve(seed_lake)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def ready(page, timeout: int = 30_000) -> None:
    """Wait until Streamlit has drawn the page and finished running it.

    A rerun's indicator can appear a moment after a click, so "not running" must hold twice,
    300 ms apart."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
    running = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
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
