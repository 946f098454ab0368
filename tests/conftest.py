"""Shared fixtures: a lake of the two seeds, Chromium, a served app. Helpers live in helpers.py.

pytest puts this folder on sys.path (for this conftest), so tests in unit/, integration/ and browser/
import `helpers` and `demo_check` by name.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS, SEED_000, SEED_001, serve

from oversight.ingest.pipeline import run
from oversight.store.lake import Lake

# Tests never touch a developer's real users or follow-up database (subprocesses inherit these).
_TMP = Path(tempfile.mkdtemp(prefix="oversight-tests-"))
os.environ["OVERSIGHT_DB"] = str(_TMP / "oversight.duckdb")
os.environ["OVERSIGHT_USERS"] = str(_TMP / "users.json")
os.environ.pop("OVERSIGHT_EMBED_SECRET", None)


@pytest.fixture(scope="session")
def seed_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lake holding exactly the two seeds."""
    lake_dir = tmp_path_factory.mktemp("seed_lake")
    run([SEED_000, SEED_001], Lake(lake_dir))
    return lake_dir


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser). `make test` installs it."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test` (it installs it)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def served(seed_lake: Path):
    url, proc = serve(seed_lake)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
