"""The app: AppTest on a lake of the two seeds, and a real Chromium against a served app."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ARTIFACTS
from streamlit.testing.v1 import AppTest

from oversight.paths import ROOT


@pytest.fixture
def app(seed_lake: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_LAKE", str(seed_lake))
    import ui

    ui.db.clear()
    ui._cached.clear()
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_numbers_on_the_seed_lake(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert metrics(app) == {
        "评价项目": "8",
        "决算金额": "1,633.38 万元",
        "平均分": "95.12 分",
        "金额加权平均分": "94.92 分",
        "“优”占比": "100.0%",
    }
    assert not app.warning  # no demo banner: the seeds are real documents


def test_overview_filters(app: AppTest) -> None:
    app.run()
    app.selectbox(key="district").select("闵行区").run()
    assert metrics(app)["评价项目"] == "0"
    assert any("没有符合条件的项目" in c.value for c in app.caption)
    app.selectbox(key="district").select("嘉定区").run()
    app.selectbox(key="year").select(2018).run()
    assert metrics(app)["评价项目"] == "8" and not app.exception


def test_empty_lake_explains_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERSIGHT_LAKE", str(tmp_path / "none"))
    import ui

    ui.db.clear()
    ui._cached.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert "数据湖中还没有文档" in at.info[0].value


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """The real app on a free loopback port, over a lake of the two seeds."""
    from conftest import SEED_000, SEED_001

    from oversight.lake import Lake
    from oversight.pipeline import run

    lake = tmp_path_factory.mktemp("served") / "lake"
    run([SEED_000, SEED_001], Lake(lake))
    port = _free_port()
    env = {**os.environ, "OVERSIGHT_LAKE": str(lake)}
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
    for _ in range(100):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.browser
def test_overview_draws_in_chromium(browser, served: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(served)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=30_000)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "1,633.38 万元" in text and "95.12 分" in text and "文档 2 份" in text
    assert page.locator('[data-testid="stDataFrame"]').count() == 2  # drawn on canvas: AppTest checks cells
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
    page.close()
