"""Shared fixtures: the seeds, and lakes built from them in temporary folders."""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from oversight.lake import Lake
from oversight.paths import SEEDS_DIR
from oversight.pipeline import run

sys.path.insert(0, str(Path(__file__).parent))  # tests import demo_check

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
