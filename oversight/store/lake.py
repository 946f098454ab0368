"""The Parquet lake: one file per table, replaced atomically, with a manifest readers can poll.

Writes go beside the table (`x.parquet.tmp-PID`) and are renamed over it, so a reader holding
the old file keeps reading it and a new reader sees the whole new table. The manifest is written
last; its `version` counter tells a dashboard that data changed. One writer at a time (flock).

DuckDB opens a file by path more than once in one query, so a rename between two opens would mix
two files. Each write is therefore also hard-linked (same inode, no copy) to an immutable snapshot
`_versions/<table>-<version>.parquet` that the manifest names; the dashboard reads snapshots, other
engines may read `<table>.parquet`. Snapshots older than KEEP_VERSIONS versions are removed.
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

from oversight.domain.clock import now
from oversight.store.records import FileResult
from oversight.store.schema import KEYS, TABLES

MANIFEST = "manifest.json"
VERSIONS = "_versions"
KEEP_VERSIONS = 8


class Lake:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._manifest: tuple[tuple[int, int], dict] | None = None

    def path(self, table: str) -> Path:
        return self.root / f"{table}.parquet"

    def manifest(self) -> dict:
        """The manifest, parsed again only when the file changed (readers poll it on every query)."""
        path = self.root / MANIFEST
        try:
            st = path.stat()
            stamp = (st.st_ino, st.st_mtime_ns)  # written by rename: a new inode every version
            if self._manifest and self._manifest[0] == stamp:
                return self._manifest[1]
            data = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return {"version": 0, "tables": {}}
        self._manifest = (stamp, data)
        return data

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

    def snapshot(self, table: str) -> Path:
        """The immutable file of the table's current version (the table file for older lakes)."""
        entry = self.manifest().get("tables", {}).get(table, {})
        snap = entry.get("snapshot")
        return self.root / snap if snap else self.path(table)

    def _write(self, table: str, data: pa.Table, version: int) -> str:
        path = self.path(table)
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        pq.write_table(data, tmp, compression="zstd")
        snap = Path(VERSIONS) / f"{table}-{version:06d}.parquet"
        (self.root / VERSIONS).mkdir(exist_ok=True)
        os.link(tmp, self.root / snap)
        os.replace(tmp, path)
        return str(snap)

    def _write_manifest(self, version: int, tables: dict[str, dict]) -> dict:
        manifest = {"version": version, "updated_at": now().isoformat(), "tables": tables}
        tmp = self.root / f"{MANIFEST}.tmp-{os.getpid()}"
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.root / MANIFEST)
        self._prune(manifest)
        return manifest

    def _prune(self, manifest: dict) -> None:
        keep = {t["snapshot"] for t in manifest["tables"].values() if t.get("snapshot")}
        for f in (self.root / VERSIONS).glob("*.parquet"):
            version = int(f.stem.rsplit("-", 1)[1])
            if str(Path(VERSIONS) / f.name) not in keep and version <= manifest["version"] - KEEP_VERSIONS:
                f.unlink(missing_ok=True)

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
        version = self.version() + 1
        entries = dict(self.manifest().get("tables", {}))
        for table, schema in TABLES.items():
            old = self.read(table)
            rows = _last_per_key(new[table], KEYS[table])
            if table == "rectifications":
                # A project stated again brings its whole list of items: drop all the old ones.
                old = _drop(old, "project_id", set(winner))
            else:
                old = _drop_keys(old, KEYS[table], rows)
            merged = pa.concat_tables([old, pa.Table.from_pylist(rows, schema=schema)]) if rows else old
            if rows or table not in entries:
                snap = self._write(table, merged, version)
                entries[table] = {"file": self.path(table).name, "snapshot": snap, "rows": merged.num_rows}
        return self._write_manifest(version, entries)

    def replace_tables(self, tables: dict[str, pa.Table]) -> dict:
        """Write whole tables at once (benchmarks and synthetic lakes) as one new version."""
        self.root.mkdir(parents=True, exist_ok=True)
        with self.lock():
            version = self.version() + 1
            entries = dict(self.manifest().get("tables", {}))
            for table, data in tables.items():
                snap = self._write(table, data.cast(TABLES[table]), version)
                entries[table] = {"file": self.path(table).name, "snapshot": snap, "rows": data.num_rows}
            return self._write_manifest(version, entries)


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
