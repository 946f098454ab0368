"""整改 follow-up: an append-only table of status updates in the shared store (never the lake).

The store is the embedded DuckDB file (one writing process) or PostgreSQL shared by every replica
(`OVERSIGHT_DB_URL`, see backend.py). The lake's query connection reads the updates as an Arrow
table it re-registers when `version` moves. An item's current state is its latest update, else
what ingestion read.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from oversight.domain.clock import now
from oversight.store.backend import Backend
from oversight.store.follow import FollowedTable

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


@dataclass(frozen=True)
class Update:
    item_id: str
    status: str
    user: str
    due_date: date | None = None
    note: str = ""
    evidence: str = ""


class UpdateStore:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.followed = FollowedTable(backend, "rectification_updates", SCHEMA)

    @property
    def version(self) -> int:
        """Moves on every write, in this process or (PostgreSQL) in another replica."""
        return self.followed.version

    def append(self, updates: list[Update]) -> list[str]:
        """Append updates in one transaction; returns their ids. Validation is the caller's (followup.py)."""
        at = now()
        rows = [
            (uuid.uuid4().hex, u.item_id, u.status, u.due_date, u.note or None, u.evidence or None, u.user, at)
            for u in updates
        ]
        with self.backend.transaction() as tx:
            tx.executemany(
                "INSERT INTO rectification_updates"
                ' (update_id, item_id, status, due_date, note, evidence, "user", "at")'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        self.followed.touch()
        return [r[0] for r in rows]

    def table(self) -> pa.Table:
        return self.followed.table()
