"""人工核对's storage: an append-only table of confirmations and corrections in the shared store (never
the lake), mirrored into each process like 整改 updates. Validation and scope are review.py's.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from oversight.domain.clock import now
from oversight.store.backend import Backend
from oversight.store.follow import FollowedTable

SCHEMA = pa.schema(
    [
        ("correction_id", pa.string()),
        ("review_id", pa.string()),
        ("tbl", pa.string()),
        ("doc_id", pa.string()),
        ("project_id", pa.string()),
        ("period_end", pa.date32()),
        ("field", pa.string()),
        ("action", pa.string()),
        ("old_value", pa.string()),
        ("new_value", pa.string()),
        ("note", pa.string()),
        ("user", pa.string()),
        ("at", pa.timestamp("us")),
        ("n", pa.int64()),
    ]
)


def review_id(tbl: str, doc_id: str, project_id: str | None, period_end: date | None, field: str) -> str:
    """The stable name of one value (the same hash as review_items() in queries/_macros.sql)."""
    key = "|".join((tbl, doc_id, project_id or "", period_end.isoformat() if period_end else "", field))
    return hashlib.md5(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Correction:
    review_id: str
    tbl: str
    doc_id: str
    project_id: str | None
    period_end: date | None
    field: str
    action: str
    old_value: str | None
    new_value: str | None
    note: str
    user: str


class ReviewStore:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.followed = FollowedTable(backend, "review_corrections", SCHEMA)

    @property
    def version(self) -> int:
        return self.followed.version

    def append(self, rows: list[Correction]) -> list[str]:
        """Append in one transaction; returns the ids. Validation is `save`'s."""
        at = now()
        values = [
            (
                uuid.uuid4().hex,
                c.review_id,
                c.tbl,
                c.doc_id,
                c.project_id,
                c.period_end,
                c.field,
                c.action,
                c.old_value,
                c.new_value,
                c.note or None,
                c.user,
                at,
            )
            for c in rows
        ]
        with self.backend.transaction() as tx:
            tx.executemany(
                "INSERT INTO review_corrections (correction_id, review_id, tbl, doc_id, project_id, period_end,"
                ' field, action, old_value, new_value, note, "user", "at") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                values,
            )
        self.followed.touch()
        return [v[0] for v in values]

    def table(self) -> pa.Table:
        return self.followed.table()
