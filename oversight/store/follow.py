"""Append-only shared tables, mirrored into each process as Arrow tables the lake's queries read.

Several replicas write to PostgreSQL at once, so a row with a lower `n` can commit after one with a
higher `n`: fetching only `n > last seen` could miss it for ever. Each refresh therefore reads the
row count and the new rows in one snapshot, and fetches the whole table again when they disagree.
Checks are made at most every `poll` seconds; a write in this process is seen at once.
"""

from __future__ import annotations

import re
import threading
import time

import pyarrow as pa

from oversight.store.backend import Backend

TABLES = frozenset({"rectification_updates", "audit_log", "review_corrections"})  # the append-only shared tables


class FollowedTable:
    def __init__(self, backend: Backend, name: str, schema: pa.Schema, poll: float = 1.0) -> None:
        self.backend, self.name, self.schema = backend, name, schema
        # The embedded file has one writing process (this one): nothing changes behind its back.
        self.poll = poll if backend.dialect == "postgres" else float("inf")
        if name not in TABLES or not all(re.fullmatch(r"[a-z_]+", c) for c in schema.names):
            raise ValueError(f"not a shared table: {name!r}")  # identifiers come from this fixed list only
        columns = ", ".join(f'"{c}"' for c in schema.names)
        # Built once from the checked identifiers; the one value (the last n seen) is a bound parameter.
        self._count = "SELECT count(*) FROM " + name
        self._since = "SELECT " + columns + " FROM " + name + " WHERE n > ? ORDER BY n"
        self._all = "SELECT " + columns + " FROM " + name + " ORDER BY n"
        self._n = schema.names.index("n")  # every followed table is ordered by its `n`
        self._rows: list[tuple] = []
        self._table = schema.empty_table()
        self._max_n = 0
        self._version = 0
        self._checked = float("-inf")
        self._dirty = True
        self._lock = threading.Lock()

    def touch(self) -> None:
        """This process wrote: the next `version` looks at once."""
        self._dirty = True

    @property
    def version(self) -> int:
        """Moves whenever the table's rows change (here or in another replica)."""
        with self._lock:
            if self._dirty or time.monotonic() - self._checked >= self.poll:
                self._sync()
            return self._version

    def table(self) -> pa.Table:
        with self._lock:
            if self._dirty:
                self._sync()
            return self._table

    def _sync(self) -> None:
        with self.backend.transaction() as tx:
            if self.backend.dialect == "postgres":
                tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")  # count and rows: one snapshot
            total = tx.execute(self._count)[0][0]
            if total != len(self._rows):
                new = tx.execute(self._since, (self._max_n,))
                if len(self._rows) + len(new) == total:
                    self._rows += new
                else:  # a lower n committed late: start again from the whole table
                    self._rows = tx.execute(self._all)
                self._rows.sort(key=lambda r: r[self._n])
                self._max_n = self._rows[-1][self._n] if self._rows else 0
                columns = list(zip(*self._rows, strict=True)) or [()] * len(self.schema)
                self._table = pa.Table.from_arrays(
                    [pa.array(c, type=f.type) for c, f in zip(columns, self.schema, strict=True)], schema=self.schema
                )
                self._version += 1
        self._checked = time.monotonic()
        self._dirty = False
