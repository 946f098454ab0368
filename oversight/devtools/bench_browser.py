"""Page timings in Debian's Chromium: app start to the first drawn page, and filter changes."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console

from oversight.paths import ROOT


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
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
    ]
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
