"""整改 follow-up: an append-only table of status updates in a real DuckDB file (never the lake).

One `UpdateStore` per process owns the file (DuckDB allows one writing process); the lake's query
connection reads the updates as an Arrow table it re-registers when `version` moves. An item's
current state is its latest update, else what ingestion read.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from oversight.domain.clock import now
from oversight.paths import DATA_DIR

log = logging.getLogger("oversight.updates")

STATUSES = ("done", "in_progress", "planned", "not_started")
NOTE_MAX = 1000
EVIDENCE_MAX = 300
SCHEMA = pa.schema(
    [
        ("update_id", pa.string()),
        ("item_id", pa.string()),
        ("status", pa.string()),
        ("due_date", pa.date32()),
        ("note", pa.string()),
        ("evidence", pa.string()),
        ("user", pa.string()),
        ("at", pa.timestamp("us")),
        ("n", pa.int64()),
    ]
)
# `n` orders updates: two saves in the same instant still have a definite latest.
_DDL = """CREATE SEQUENCE IF NOT EXISTS rectification_updates_n;
CREATE TABLE IF NOT EXISTS rectification_updates (
    update_id VARCHAR PRIMARY KEY, item_id VARCHAR NOT NULL, status VARCHAR NOT NULL, due_date DATE,
    note VARCHAR, evidence VARCHAR, "user" VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL,
    n BIGINT NOT NULL DEFAULT nextval('rectification_updates_n'))"""


def default_db() -> Path:
    """`$OVERSIGHT_DB`, else data/oversight.duckdb."""
    return Path(os.environ.get("OVERSIGHT_DB") or DATA_DIR / "oversight.duckdb")


class StoreLocked(RuntimeError):
    """Another process holds the follow-up database; the message is for the page (no path, no PID)."""


@dataclass(frozen=True)
class Update:
    item_id: str
    status: str
    user: str
    due_date: date | None = None
    note: str = ""
    evidence: str = ""


class UpdateStore:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            # The path and the other PID are for the operator's log, not for every visitor's page.
            pid = re.search(r"PID (\d+)", str(exc))
            log.error("follow-up database %s is held by PID %s: %s", self.path, pid and pid.group(1), exc)
            raise StoreLocked(
                "整改跟踪数据库正被另一个应用使用（同一数据库文件只能由一个应用打开）。请关闭另一个应用，"
                "或为本应用设置另一个 OVERSIGHT_DB。详情见服务器日志。"
            ) from None
        self.con.execute(_DDL)
        self._lock = threading.Lock()
        self._version = 0

    @property
    def version(self) -> int:
        """Moves on every write in this process (readers re-register the table when it does)."""
        return self._version

    def append(self, updates: list[Update]) -> list[str]:
        """Append updates in one transaction; returns their ids. Validation is the caller's (followup.py)."""
        at = now()
        rows = [
            (uuid.uuid4().hex, u.item_id, u.status, u.due_date, u.note or None, u.evidence or None, u.user, at)
            for u in updates
        ]
        with self._lock:
            cur = self.con.cursor()
            try:
                cur.execute("BEGIN")
                cur.executemany(
                    "INSERT INTO rectification_updates"
                    ' (update_id, item_id, status, due_date, note, evidence, "user", "at")'
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                cur.execute("COMMIT")
            except Exception:
                cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()
            self._version += 1
        return [r[0] for r in rows]

    def table(self) -> pa.Table:
        cur = self.con.cursor()
        try:
            return cur.sql("SELECT * FROM rectification_updates ORDER BY n").to_arrow_table().cast(SCHEMA)
        finally:
            cur.close()


_STORES: dict[Path, UpdateStore] = {}
_STORES_LOCK = threading.Lock()


def store(path: Path | str | None = None) -> UpdateStore:
    """The process's store for a file (one owner per file: DuckDB's rule)."""
    key = Path(path or default_db()).resolve()
    with _STORES_LOCK:
        if key not in _STORES:
            _STORES[key] = UpdateStore(key)
        return _STORES[key]
