"""What the cluster tests share: a block of free loopback ports, users with cheap hashes, a lake."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import bcrypt

PASSWORD = "cluster-pass-1"


def free_ports(n: int) -> int:
    """The first of `n` consecutive free loopback ports, in $OVERSIGHT_TEST_PORTS (e.g. 8800-8849) when set."""
    low, _, high = (os.environ.get("OVERSIGHT_TEST_PORTS") or "18800-18999").partition("-")
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
