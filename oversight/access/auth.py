"""Users (a JSON file of salted bcrypt hashes), sign-in checks, and a limit on failed attempts.

File: `$OVERSIGHT_USERS`, else data/users.json (not committed):
    {"users": [{"name": "zhang", "role": "editor", "district": "嘉定区", "town": null,
                "hash": "$2b$12$…", "email": "zhang@example.gov.cn"}]}
No file (or no users) means the app is an open, read-only demo.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import defaultdict, deque
from functools import lru_cache
from pathlib import Path

import bcrypt

from oversight.access.roles import ROLES, User
from oversight.domain.places import DISTRICTS, towns
from oversight.paths import DATA_DIR

log = logging.getLogger("oversight.auth")
MAX_FAILURES, WINDOW_SECONDS = 5, 300  # 5 failed sign-ins per 5 minutes per name


def users_file() -> Path:
    return Path(os.environ.get("OVERSIGHT_USERS") or DATA_DIR / "users.json")


def load(path: Path | None = None) -> dict[str, dict]:
    """Users by name; the file is parsed again only when it changed (pages check it on every run)."""
    path = path or users_file()
    try:
        st = path.stat()
    except FileNotFoundError:
        return {}
    return dict(_parse(str(path), st.st_ino, st.st_mtime_ns))


@lru_cache(maxsize=8)
def _parse(path: str, inode: int, mtime_ns: int) -> dict[str, dict]:
    return {u["name"]: u for u in json.loads(Path(path).read_text(encoding="utf-8")).get("users", [])}


def add(
    name: str,
    password: str,
    role: str,
    district: str | None = None,
    town: str | None = None,
    email: str | None = None,
    path: Path | None = None,
) -> None:
    """Add or replace a user (salted bcrypt hash; the password itself is never stored)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if district is not None and district not in DISTRICTS:
        raise ValueError(f"unknown district {district!r}")
    if town is not None and (town not in towns() or (district and towns()[town].district != district)):
        raise ValueError(f"unknown town {town!r} (or not in {district})")
    if town and not district:
        district = towns()[town].district
    if len(password) < 8:
        raise ValueError("password must have at least 8 characters")
    path = path or users_file()
    users = load(path)
    users[name] = {
        "name": name,
        "role": role,
        "district": district,
        "town": town,
        "email": email,
        "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"users": list(users.values())}, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def as_user(entry: dict) -> User:
    return User(entry["name"], entry.get("role", "viewer"), entry.get("district"), entry.get("town"))


class Limiter:
    """At most MAX_FAILURES failed attempts per name in WINDOW_SECONDS (shared by all sessions)."""

    def __init__(self, failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS) -> None:
        self.failures, self.window = failures, window
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, name: str, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        with self._lock:
            q = self._seen[name]
            while q and q[0] <= now - self.window:
                q.popleft()
            return len(q) >= self.failures

    def failed(self, name: str, now: float | None = None) -> None:
        with self._lock:
            self._seen[name].append(time.time() if now is None else now)


LIMITER = Limiter()


def sign_in(
    name: str, password: str, users: dict[str, dict] | None = None, limiter: Limiter = LIMITER, now: float | None = None
) -> tuple[User | None, str]:
    """(user, message). Failures and blocks are logged; the message never says which part was wrong."""
    users = load() if users is None else users
    if limiter.blocked(name, now):
        log.warning("sign-in blocked for %r: too many failures", name)
        return None, f"失败次数过多，请 {WINDOW_SECONDS // 60} 分钟后再试"
    entry = users.get(name)
    ok = entry is not None and bcrypt.checkpw(password.encode(), entry["hash"].encode())
    if not ok:
        limiter.failed(name, now)
        log.warning("failed sign-in for %r", name)
        return None, "用户名或密码错误"
    log.info("signed in: %s (%s)", name, entry.get("role"))
    return as_user(entry), "ok"
