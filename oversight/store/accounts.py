"""Accounts in the shared store: the sign-in attempt limit every replica shares, users (PostgreSQL
deployments; the embedded default keeps data/users.json) and an audit log of sign-ins and changes."""

from __future__ import annotations

import threading
import time
from typing import Any

from oversight.access.auth import MAX_FAILURES, WINDOW_SECONDS
from oversight.domain.clock import now as clock_now
from oversight.store.backend import Backend

KEY_CHARS = 128  # names longer than this share a counter: a made-up name cannot grow a row without bound


class DbLimiter:
    """At most `failures` attempts per name in `window` seconds, across every process on the store.

    An attempt takes its place before the password is checked (so attempts fired at once count)
    and is given back only when it succeeds. On PostgreSQL an advisory lock per name makes the
    count-then-insert atomic across replicas; the embedded store has one process and one lock."""

    def __init__(self, backend: Backend, failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS) -> None:
        self.backend, self.failures, self.window = backend, failures, window

    def take(self, name: str, now: float | None = None) -> float | None:
        """Reserve an attempt; its stamp, or None when the name is blocked."""
        now = time.time() if now is None else now
        key = name[:KEY_CHARS]
        with self.backend.transaction() as tx:
            if self.backend.dialect == "postgres":
                tx.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (key,))
            tx.execute("DELETE FROM signin_attempts WHERE stamp <= ?", (now - self.window,))
            (count,) = tx.execute("SELECT count(*) FROM signin_attempts WHERE name = ?", (key,))[0]
            if count >= self.failures:
                return None
            tx.execute("INSERT INTO signin_attempts (name, stamp) VALUES (?, ?)", (key, now))
        return now

    def give_back(self, name: str, stamp: float) -> None:
        with self.backend.transaction() as tx:
            tx.execute(
                "DELETE FROM signin_attempts WHERE n = (SELECT min(n) FROM signin_attempts WHERE name = ? AND stamp = ?)",
                (name[:KEY_CHARS], stamp),
            )

    def blocked(self, name: str, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        rows = self.backend.fetch(
            "SELECT count(*) FROM signin_attempts WHERE name = ? AND stamp > ?", (name[:KEY_CHARS], now - self.window)
        )
        return rows[0][0] >= self.failures

    def size(self) -> int:
        """Rows kept (old attempts are swept on every take)."""
        return self.backend.fetch("SELECT count(*) FROM signin_attempts")[0][0]


_USER_COLUMNS = ("name", "role", "district", "town", "email", "hash")


class DbUsers:
    """Users in the shared database, in the shape of the users file's entries; re-read every `ttl` s."""

    def __init__(self, backend: Backend, ttl: float = 5.0) -> None:
        self.backend, self.ttl = backend, ttl
        self._cache: tuple[float, dict[str, dict]] | None = None
        self._lock = threading.Lock()

    def load(self) -> dict[str, dict]:
        with self._lock:
            if self._cache is None or time.monotonic() - self._cache[0] > self.ttl:
                rows = self.backend.fetch(f"SELECT {', '.join(_USER_COLUMNS)} FROM users ORDER BY name")
                self._cache = (time.monotonic(), {r[0]: dict(zip(_USER_COLUMNS, r, strict=True)) for r in rows})
            return dict(self._cache[1])

    def add(self, entry: dict[str, Any]) -> None:
        """Add or replace a user (an entry made by `auth.new_entry`: the hash, never the password)."""
        values = [entry.get(c) for c in _USER_COLUMNS]
        with self.backend.transaction() as tx:
            tx.execute("DELETE FROM users WHERE name = ?", (entry["name"],))
            tx.execute(
                f"INSERT INTO users ({', '.join(_USER_COLUMNS)}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*values, clock_now()),
            )
        self._cache = None


class AuditLog:
    """Append-only: who did what, when (sign-ins, blocks, account changes)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def record(self, user: str, action: str, detail: str | None = None) -> None:
        with self.backend.transaction() as tx:
            tx.execute(
                'INSERT INTO audit_log ("at", "user", action, detail) VALUES (?, ?, ?, ?)',
                (clock_now(), user[:KEY_CHARS], action, detail),
            )

    def recent(self, limit: int = 200) -> list[tuple]:
        return self.backend.fetch(
            'SELECT "at", "user", action, detail FROM audit_log ORDER BY n DESC LIMIT ?', (limit,)
        )
