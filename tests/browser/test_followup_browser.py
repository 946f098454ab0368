"""In Chromium: an editor signs in and changes a status; a viewer sees it after a reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SEED_000, SEED_001, ready, serve, wait_text
from playwright.sync_api import expect

from oversight.access import auth
from oversight.ingest.pipeline import run
from oversight.store.lake import Lake

pytestmark = pytest.mark.browser


def sign_in(page, url: str, name: str) -> None:
    page.goto(url)
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill("correct-horse")
    page.get_by_role("button", name="登录").click()
    wait_text(page, '[data-testid="stSidebar"]', f"已登录：{name}")


def test_an_editor_changes_a_status_and_a_viewer_sees_it(browser, tmp_path: Path, monkeypatch) -> None:
    run([SEED_000, SEED_001], Lake(tmp_path / "lake"))
    users = tmp_path / "users.json"
    auth.add("zhang", "correct-horse", "editor", "嘉定区", path=users)
    auth.add("li", "correct-horse", "viewer", "嘉定区", path=users)
    monkeypatch.setenv("OVERSIGHT_USERS", str(users))
    url, proc = serve(tmp_path / "lake", db=tmp_path / "followup.duckdb")
    try:
        editor = browser.new_page(viewport={"width": 1500, "height": 1400})
        sign_in(editor, url + "/rectification", "zhang")
        ready(editor)
        wait_text(editor, '[data-testid="stMain"]', "未完成")
        assert editor.locator('[data-testid="stMetricValue"]').first.inner_text().strip() == "5 项"
        form = editor.locator('[data-testid="stForm"]')
        form.locator('[data-testid="stMultiSelect"]').click()
        editor.keyboard.type("嘉定区公共安全视频监控")
        editor.keyboard.press("Enter")
        form.locator('[data-testid="stSelectbox"]').click()
        editor.get_by_role("option", name="已整改").click()
        form.get_by_label("说明").fill("已于竣工验收时解决")
        form.get_by_role("button", name="保存").click()
        wait_text(editor, '[data-testid="stMain"]', "已保存 1 条更新（zhang）")
        editor.close()

        viewer = browser.new_page(viewport={"width": 1500, "height": 1000})
        sign_in(viewer, url + "/rectification", "li")
        viewer.reload()  # a reload is a new session: the viewer signs in again and sees the saved state
        sign_in(viewer, url + "/rectification", "li")
        ready(viewer)
        # 5 open before the editor's change; the whole value, so "14 项" would not pass.
        expect(viewer.locator('[data-testid="stMetricValue"]').first).to_have_text("4 项", timeout=30_000)
        assert viewer.locator('[data-testid="stForm"]').count() == 0  # a viewer has no edit form
        viewer.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
