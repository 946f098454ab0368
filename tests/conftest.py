"""Shared fixtures: a lake of the two seeds, Chromium, a served app. Helpers live in helpers.py.

pytest puts this folder on sys.path (for this conftest), so tests in unit/, integration/ and browser/
import `helpers` and `demo_check` by name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS, SEED_000, SEED_001, serve

from oversight.devtools import pgtemp
from oversight.ingest.pipeline import run
from oversight.store import migrate
from oversight.store.backend import Backend, DuckDBBackend, PostgresBackend
from oversight.store.lake import Lake
from oversight.store.shared import Shared

# Tests never touch a developer's real users or follow-up database (subprocesses inherit these).
_TMP = Path(tempfile.mkdtemp(prefix="oversight-tests-"))
os.environ["OVERSIGHT_DB"] = str(_TMP / "oversight.duckdb")
os.environ["OVERSIGHT_USERS"] = str(_TMP / "users.json")
os.environ.pop("OVERSIGHT_EMBED_SECRET", None)
os.environ.pop("OVERSIGHT_DB_URL", None)  # the embedded store unless a test asks for PostgreSQL


@pytest.fixture(scope="session")
def postgres() -> Iterator[pgtemp.Server]:
    """A real PostgreSQL (Debian's package) on loopback for the whole run; `make test` installs it.

    Its folder is made with mkdtemp, not pytest's tmp_path: the server runs as an unprivileged user,
    who cannot enter pytest's root-only base folder."""
    root = Path(tempfile.mkdtemp(prefix="oversight-pg-"))
    with pgtemp.running(root) as server:
        yield server
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["duckdb", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Each shared-state test runs on both backends: the embedded file and a fresh PostgreSQL database."""
    if request.param == "duckdb":
        b: Backend = DuckDBBackend(tmp_path / "shared.duckdb")
    else:
        server = request.getfixturevalue("postgres")
        b = PostgresBackend(server.create_database(f"t_{uuid.uuid4().hex[:16]}"))
    migrate.upgrade(b)
    yield b
    b.close()


@pytest.fixture
def shared_store(backend: Backend) -> Shared:
    return Shared(backend)


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


@pytest.fixture
def page(browser, request):
    """A new tab at the test module's VIEWPORT (default 1440×900) that accepts downloads; closed after."""
    size = getattr(request.module, "VIEWPORT", {"width": 1440, "height": 900})
    p = browser.new_page(viewport=size, accept_downloads=True)
    yield p
    p.close()


@pytest.fixture(scope="session")
def served(seed_lake: Path):
    url, proc = serve(seed_lake)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
