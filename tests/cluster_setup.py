"""What the cluster tests share: a block of free loopback ports, users with cheap hashes, a lake."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import socket
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import bcrypt

PASSWORD = "cluster-pass-1"


T = TypeVar("T")


def free_ports(n: int, env: str = "OVERSIGHT_TEST_PORTS", default: str = "18800-18999") -> int:
    """The first of `n` consecutive free loopback ports, in $env (e.g. 8800-8849) when set."""
    low, _, high = (os.environ.get(env) or default).partition("-")
    for first in range(int(low), int(high) - n + 2):
        try:
            for port in range(first, first + n):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
        except OSError:
            continue
        return first
    raise RuntimeError(f"no {n} consecutive free ports in {low}-{high}")


def user_entries(names: list[str], role: str = "editor") -> list[dict]:
    """Users entries for these names with one bcrypt hash at cost 4 (sign-in stays cheap in tests)."""
    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
    return [{"name": n, "role": role, "district": None, "town": None, "email": None, "hash": hashed} for n in names]


def write_users_file(path: Path, names: list[str], role: str = "editor") -> Path:
    path.write_text(json.dumps({"users": user_entries(names, role)}, ensure_ascii=False), encoding="utf-8")
    return path


async def sign_in(session, name: str, password: str = PASSWORD):
    """Fill and submit the sign-in form of the page the session shows; the run."""
    session.fill(session.find("用户名"), name)
    session.fill(session.find("密码"), password)
    return await session.click("登录")


async def save(session, item: int, status: str, note: str):
    """Submit the 整改 form on /rectification for the item-th option (0-based), with a status label and a note.

    The options' labels carry the current status, so they are read again from the last run each time."""
    pick = session.find(key="pick_rect")
    session.fill(pick, [session.options(pick)[item]])
    session.fill(session.find(key="status_rect"), status)
    session.fill(session.find(key="note_rect"), note)
    return await session.click("保存")


def saved(session, name: str) -> bool:
    """The page says the last save went through (st.success, with the user's name)."""
    return f"已保存 1 条更新（{name}）" in session.texts("alert")


def pinned_cookies(url: str, upstream_port: int, tries: int = 200) -> dict[str, str]:
    """An affinity cookie that nginx hashes onto the replica on `upstream_port` (read from X-Upstream)."""
    import urllib.request
    from http.cookies import SimpleCookie

    for _ in range(tries):
        with urllib.request.urlopen(url + "/_stcore/health", timeout=10) as resp:
            resp.read()
            if resp.headers.get("X-Upstream", "").endswith(f":{upstream_port}"):
                cookies = [SimpleCookie(raw) for raw in resp.headers.get_all("Set-Cookie") or []]
                return {name: m.value for cookie in cookies for name, m in cookie.items()}
    raise RuntimeError(f"no cookie reached port {upstream_port} in {tries} tries")


def cluster_root(tag: str) -> Path:
    """A fresh folder for a cluster, outside pytest's private (0700) tmp: PostgreSQL and nginx's workers
    run as unprivileged users and must reach it. Under $OVERSIGHT_TEST_TMP when set."""
    import tempfile

    base = os.environ.get("OVERSIGHT_TEST_TMP")
    if base:
        Path(base).mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix=f"oversight-{tag}-", dir=base))
    root.chmod(0o755)
    return root


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: the browser tests' session-wide Playwright (sync API) keeps
    an event loop running in the main thread, and asyncio.run refuses to start beside it."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
