"""The Parquet lake: one file per table, replaced atomically, with a manifest readers can poll.

Writes go beside the table (`x.parquet.tmp-PID`) and are renamed over it, so a reader holding
the old file keeps reading it and a new reader sees the whole new table. The manifest is written
last; its `version` counter tells a dashboard that data changed. One writer at a time (flock).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from oversight.ingest import FileResult, now
from oversight.schema import KEYS, TABLES

MANIFEST = "manifest.json"


class Lake:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def path(self, table: str) -> Path:
        return self.root / f"{table}.parquet"

    def manifest(self) -> dict:
        try:
            return json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return {"version": 0, "tables": {}}

    def version(self) -> int:
        return int(self.manifest().get("version", 0))

    def exists(self) -> bool:
        return (self.root / MANIFEST).exists()

    def read(self, table: str) -> pa.Table:
        path = self.path(table)
        if not path.exists():
            return TABLES[table].empty_table()
        return pq.read_table(path, schema=TABLES[table])

    def doc_ids(self) -> set[str]:
        path = self.path("documents")
        if not path.exists():
            return set()
        return set(pq.read_table(path, columns=["doc_id"]).column("doc_id").to_pylist())

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("w") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def _write(self, table: str, data: pa.Table) -> None:
        path = self.path(table)
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        pq.write_table(data, tmp, compression="zstd")
        os.replace(tmp, path)

    def _write_manifest(self, counts: dict[str, int]) -> dict:
        manifest = {
            "version": self.version() + 1,
            "updated_at": now().isoformat(),
            "tables": {t: {"file": self.path(t).name, "rows": n} for t, n in counts.items()},
        }
        tmp = self.root / f"{MANIFEST}.tmp-{os.getpid()}"
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.root / MANIFEST)
        return manifest

    def merge(self, results: list[FileResult]) -> dict:
        """Add the results to the lake: later rows replace earlier ones with the same key."""
        new: dict[str, list[dict]] = {t: [] for t in TABLES}
        for r in results:
            new["documents"].append(r.doc)
            new["evaluations"] += r.evaluations
            new["monitoring"] += r.monitoring
            new["rectifications"] += r.rectifications
            new["lines"] += r.lines
        # Within one run too, a project's items come only from the statement that wins.
        winner = {r["project_id"]: r["doc_id"] for r in new["evaluations"]}
        new["rectifications"] = [r for r in new["rectifications"] if winner.get(r["project_id"]) == r["doc_id"]]
        counts = {}
        for table, schema in TABLES.items():
            old = self.read(table)
            rows = _last_per_key(new[table], KEYS[table])
            if table == "rectifications":
                # A project stated again brings its whole list of items: drop all the old ones.
                old = _drop(old, "project_id", set(winner))
            else:
                old = _drop_keys(old, KEYS[table], rows)
            merged = pa.concat_tables([old, pa.Table.from_pylist(rows, schema=schema)]) if rows else old
            if rows or not self.path(table).exists():
                self._write(table, merged)
            counts[table] = merged.num_rows
        return self._write_manifest(counts)

    def replace_table(self, table: str, data: pa.Table) -> None:
        """Write a whole table (benchmarks and synthetic lakes)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._write(table, data.cast(TABLES[table]))


def _last_per_key(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    out: dict[tuple, dict] = {}
    for row in rows:
        out[tuple(row.get(k) for k in keys)] = row
    return list(out.values())


def _drop(table: pa.Table, column: str, values: set) -> pa.Table:
    if not values or table.num_rows == 0:
        return table
    mask = pc.is_in(
        table.column(column),
        value_set=pa.array(sorted(values), type=table.schema.field(column).type),
    )
    return table.filter(pc.invert(pc.fill_null(mask, False)))


def _drop_keys(table: pa.Table, keys: tuple[str, ...], rows: list[dict]) -> pa.Table:
    if not rows or table.num_rows == 0:
        return table
    if len(keys) == 1:
        return _drop(table, keys[0], {r.get(keys[0]) for r in rows})

    # Composite key: compare on a joined string form.
    def joined(values: list) -> list[str]:
        return ["\x1f".join("" if v is None else str(v) for v in vs) for vs in zip(*values, strict=False)]

    existing = joined([table.column(k).to_pylist() for k in keys])
    drop = set(joined([[r.get(k) for r in rows] for k in keys]))
    return table.filter(pa.array([e not in drop for e in existing]))
