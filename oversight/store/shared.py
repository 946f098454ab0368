"""The process's handle on everything written at run time: 整改 updates, the sign-in limit, the
audit log and (PostgreSQL deployments) users. One per store per process, opened on first use.

Embedded (the default): data/oversight.duckdb, upgraded on open. PostgreSQL (`OVERSIGHT_DB_URL`):
shared by every replica and upgraded by `python -m oversight db upgrade`, a deploy step; a replica
refuses to start on a database that is behind rather than migrate it under the others' feet.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pyarrow as pa

from oversight.store import migrate
from oversight.store.accounts import AuditLog, DbLimiter, DbUsers
from oversight.store.backend import Backend, StoreUnavailable, configured_url, default_db, open_backend
from oversight.store.corrections import SCHEMA as CORRECTIONS_SCHEMA
from oversight.store.corrections import ReviewStore
from oversight.store.follow import FollowedTable
from oversight.store.updates import SCHEMA as UPDATES_SCHEMA
from oversight.store.updates import UpdateStore

AUDIT_SCHEMA = pa.schema(
    [
        ("n", pa.int64()),
        ("at", pa.timestamp("us")),
        ("user", pa.string()),
        ("action", pa.string()),
        ("detail", pa.string()),
    ]
)
# Shared tables the lake's queries read (as views of the same name).
FOLLOWED = {
    "rectification_updates": UPDATES_SCHEMA,
    "audit_log": AUDIT_SCHEMA,
    "review_corrections": CORRECTIONS_SCHEMA,
}


class Shared:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.updates = UpdateStore(backend)
        self.limiter = DbLimiter(backend)
        self.audit = AuditLog(backend)
        self.corrections = ReviewStore(backend)  # 人工核对 (store/review.py)
        self.users = DbUsers(backend) if backend.dialect == "postgres" else None  # else data/users.json
        self.followed = {
            "rectification_updates": self.updates.followed,
            "audit_log": FollowedTable(backend, "audit_log", AUDIT_SCHEMA),
            "review_corrections": self.corrections.followed,
        }

    def record(self, user: str, action: str, detail: str | None = None) -> None:
        self.audit.record(user, action, detail)
        self.followed["audit_log"].touch()


_OPEN: dict[str, Shared] = {}
_LOCK = threading.Lock()


def shared(path: Path | str | None = None, url: str | None = None) -> Shared:
    """PostgreSQL for a URL (or `$OVERSIGHT_DB_URL` when no path is given), else the embedded file
    (one owner per file: DuckDB's rule)."""
    url = url if url is not None else (None if path else configured_url())
    key = url or str(Path(path or default_db()).resolve())
    with _LOCK:
        if key not in _OPEN:
            backend = open_backend(url, None if url else key)
            if backend.dialect == "duckdb":
                migrate.upgrade(backend)
            elif missing := migrate.pending(backend):
                backend.close()
                raise StoreUnavailable(
                    f"共享数据库尚未升级（缺少 {len(missing)} 个迁移）。请运行 `python -m oversight db upgrade`。"
                )
            _OPEN[key] = Shared(backend)
        return _OPEN[key]
