"""Pages facing a broken users file, no users, a weak password, a held follow-up database, odd wall URLs."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import app_env
from streamlit.testing.v1 import AppTest

from oversight.access import auth
from oversight.access.embed import sign
from oversight.paths import ROOT

PAGES = ["overview", "project", "audit", "data"]


@pytest.fixture
def env(seed_lake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed lake, a fresh follow-up database, and a users file path (not created) in tmp_path."""
    app_env(monkeypatch, seed_lake, tmp_path / "followup.duckdb", tmp_path / "users.json")
    return tmp_path / "users.json"


def page(name: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(f"dashboard/pages/{name}.py")
    return at.run()


@pytest.mark.parametrize("name", PAGES)
def test_a_truncated_users_file_is_one_message_on_every_page(env: Path, name: str) -> None:
    auth.add("zhang", "correct-horse", "editor", "嘉定区", path=env, rounds=4)
    env.write_bytes(env.read_bytes()[:40])
    at = page(name)
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value.startswith("用户文件 users\\.json 不是有效的 JSON（第 5 行第 3 列）")  # Markdown-escaped
    assert "无法登录" in at.error[0].value
    assert not at.metric
    assert not at.dataframe
    assert not at.text_input
    assert str(env.parent) not in at.error[0].value


@pytest.mark.parametrize("name", PAGES)
def test_an_empty_users_list_is_closed_not_demo(env: Path, name: str) -> None:
    env.write_text('{"users": []}', encoding="utf-8")
    at = page(name)
    assert not at.exception
    assert len(at.error) == 1
    assert "没有任何用户" in at.error[0].value
    assert not at.metric
    assert not any("演示模式" in c.value for c in at.sidebar.caption)


def test_no_users_file_is_the_open_demo(env: Path) -> None:
    at = page("overview")
    assert not at.exception
    assert not at.error
    assert any("演示模式" in c.value for c in at.sidebar.caption)
    assert at.metric


def test_the_sign_in_form_refuses_a_blank_password(env: Path) -> None:
    auth.add("zhang", "correct-horse", "editor", "嘉定区", path=env, rounds=4)
    at = page("overview")
    at.text_input[0].input("zhang")
    at.text_input[1].input(" " * 8)
    at.button[0].click().run()
    assert not at.exception
    assert "密码至少需要 8 个非空白字符" in at.error[0].value
    assert at.title[0].value == "绩效驾驶舱 · 登录"


def test_a_second_app_on_the_same_followup_database_gets_one_message(env: Path) -> None:
    held = env.parent / "followup.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(held)!r}); print(1, flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == b"1"
        for name in ("overview", "rectification"):
            at = page(name)
            assert not at.exception
            assert len(at.error) == 1
            assert "整改跟踪数据库正被另一个应用使用" in at.error[0].value
            assert str(held) not in at.error[0].value
            assert str(holder.pid) not in at.error[0].value
    finally:
        holder.kill()
        holder.wait(timeout=10)


@pytest.mark.parametrize(
    "token",
    ["²000000000.ab", "9" * 5000 + "." + "a" * 64, "令牌.令牌", "..", "1." + "é" * 64, ""],
    ids=["superscript", "5000-digits", "cjk", "dots", "non-ascii-mac", "empty"],
)
def test_a_wall_with_an_odd_token_says_no_access(env: Path, monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    monkeypatch.setenv("OVERSIGHT_EMBED_SECRET", "wall-secret")
    at = page("bigscreen", district="嘉定区", rotate="0", refresh="0", token=token)
    assert not at.exception
    assert [m.value for m in at.markdown if "无权访问" in m.value] == ["## 无权访问"]
    assert not at.metric


def test_a_wall_with_a_good_token_and_odd_numbers_draws(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERSIGHT_EMBED_SECRET", "wall-secret")
    token = sign({"district": "嘉定区"}, int(time.time()) + 600, "wall-secret")
    at = page("bigscreen", district="嘉定区", rotate="²", refresh="9" * 5000, token=token)
    assert not at.exception
    assert at.metric
    assert not any("无权访问" in m.value for m in at.markdown)


def test_a_superscript_year_in_any_page_url_is_dropped(env: Path) -> None:
    at = page("overview", year="²")
    assert not at.exception
    assert "year\\=²" in " ".join(c.value for c in at.sidebar.caption)  # shown as text
