"""The Parquet lake: a manifest names one immutable snapshot per table, and replacing it is the commit.

A write (one ingest run) holds an exclusive lock on `.lock` and goes in three steps:
1. every changed table is written to `_versions/<table>-<version>.parquet` (via a tmp file, fsynced);
2. `manifest.json` is replaced by a rename: the single commit point. Before it, readers and the next
   writer see the previous version whole; after it, the new one;
3. each `<table>.parquet` (the layout outside engines read) is re-linked to its new snapshot (a hard
   link: same inode, no copy), and snapshots older than KEEP_VERSIONS versions are removed.

Everything a writer reads (known documents, rows to merge into) comes from the committed manifest's
snapshots, never from `<table>.parquet`. A writer killed at any point leaves at most tmp files,
snapshots of a version never committed, or `<table>.parquet` files one version behind; the next
writer, on taking the lock, removes the first two and re-links the third (`recover`).

DuckDB opens a file by path more than once in one query, so a rename between two opens would mix
two files: the dashboard reads the immutable snapshots the manifest names.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from oversight.domain.clock import now
from oversight.store.merge import merged_tables
from oversight.store.records import FileResult
from oversight.store.schema import TABLES

MANIFEST = "manifest.json"
VERSIONS = "_versions"
LOCK = ".lock"
KEEP_VERSIONS = 8
LOCK_WAIT = "OVERSIGHT_LAKE_WAIT"  # seconds a writer waits for another one before giving up
DEFAULT_WAIT = 600.0
KILL_AT = "OVERSIGHT_LAKE_KILL_AT"  # tests: the writer SIGKILLs itself at its Nth step (see _step)


class LakeError(RuntimeError):
    """The lake cannot be written; the message is for the person who asked (Chinese)."""


class LakeBusy(LakeError):
    """Another process held the write lock for longer than the wait."""


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

    def snapshot(self, table: str) -> Path:
        """The immutable file of the table's committed version (the table file for older lakes)."""
        return self._file(self.manifest(), table) or self.path(table)

    def read(self, table: str) -> pa.Table:
        return self._read(self.manifest(), table)

    def doc_ids(self, ingested_only: bool = False) -> set[str]:
        """The documents the committed manifest holds. `ingested_only`: without the quarantined ones,
        which a run reads again rather than report as duplicates (a limit or a rule may have changed)."""
        path = self._file(self.manifest(), "documents")
        if not path or not path.exists():
            return set()
        docs = pq.read_table(path, columns=["doc_id", "status"]).to_pylist()
        return {d["doc_id"] for d in docs if not (ingested_only and d["status"] == "quarantined")}

    def _file(self, manifest: dict, table: str) -> Path | None:
        entry = manifest.get("tables", {}).get(table)
        if entry and entry.get("snapshot"):
            return self.root / entry["snapshot"]
        if entry or not manifest.get("version"):
            return self.path(table)  # a lake from before snapshots, or one written without a manifest
        return None  # the manifest does not name it: empty, whatever file may lie there

    def _read(self, manifest: dict, table: str) -> pa.Table:
        path = self._file(manifest, table)
        if not path or not path.exists():
            return TABLES[table].empty_table()
        return pq.read_table(path, schema=TABLES[table])

    @contextlib.contextmanager
    def lock(self, wait: float | None = None) -> Iterator[None]:
        """Hold the lake for writing: one process (and one thread) at a time, then `recover`.

        Waits up to `wait` seconds (default $OVERSIGHT_LAKE_WAIT, else 600) and then raises LakeBusy.
        A killed holder's lock is released by the kernel, so a crash never leaves the lake locked."""
        self.root.mkdir(parents=True, exist_ok=True)
        wait = float(os.environ.get(LOCK_WAIT) or DEFAULT_WAIT) if wait is None else wait
        deadline = time.monotonic() + wait
        with (self.root / LOCK).open("a") as f:
            while True:
                try:
                    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LakeBusy(
                            f"另一个导入正在写入数据湖，已等待 {wait:g} 秒仍未结束；本次没有写入任何内容，请稍后再试。"
                        ) from None
                    time.sleep(0.05)
            try:
                self.recover()
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def recover(self) -> None:
        """Tidy what a killed writer left (call under the lock): tmp files and snapshots of a version
        the manifest never committed are removed, `<table>.parquet` re-linked to the committed ones."""
        manifest = self._committed()
        versions = self.root / VERSIONS
        for f in sorted([*self.root.glob("*.tmp-*"), *versions.glob("*.tmp-*")]):
            f.unlink(missing_ok=True)
            _step(f"recover: removed {_tmp_label(f)}")
        for f in sorted(versions.glob("*.parquet")):
            if _version_of(f) > manifest["version"]:
                f.unlink()
                _step(f"recover: removed uncommitted {f.name}")
        if self.exists():
            for table in TABLES:
                if table not in manifest["tables"] and self.path(table).exists():
                    self.path(table).unlink()  # a table file no commit ever named
                    _step(f"recover: removed unnamed {table}.parquet")
        self._publish(manifest)

    def merge(self, results: list[FileResult]) -> dict:
        """Add the results to the lake as one new version (call under the lock)."""
        committed = self._committed()
        tables = merged_tables(results, lambda t: self._read(committed, t))
        for table in TABLES:
            if table not in committed["tables"] and table not in tables:
                tables[table] = self._read(committed, table)  # every table is named from version 1 on
        return self._commit(committed, tables)

    def replace_tables(self, tables: dict[str, pa.Table]) -> dict:
        """Write whole tables at once (benchmarks and synthetic lakes) as one new version."""
        with self.lock():
            return self._commit(self._committed(), {t: d.cast(TABLES[t]) for t, d in tables.items()})

    def _committed(self) -> dict:
        """The manifest as it is on disk now, checked: a writer never guesses over a damaged one."""
        path = self.root / MANIFEST
        if not path.exists():
            return {"version": 0, "tables": {}}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            version, tables = int(data["version"]), dict(data["tables"])
            snapshots = {table: entry.get("snapshot") for table, entry in tables.items()}
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise LakeError(
                f"数据湖的 manifest.json 无法读取（{exc}）；没有写入任何内容，请从备份恢复该文件。"
            ) from exc
        for table, snap in snapshots.items():
            if snap and not (self.root / snap).exists():
                raise LakeError(f"数据湖不完整：manifest.json 指向的 {snap}（{table}）不存在；没有写入任何内容。")
        return {**data, "version": version, "tables": tables}

    def _commit(self, committed: dict, tables: dict[str, pa.Table]) -> dict:
        version = committed["version"] + 1
        entries = dict(committed["tables"])
        (self.root / VERSIONS).mkdir(parents=True, exist_ok=True)
        for table, data in tables.items():
            snap = Path(VERSIONS) / f"{table}-{version:06d}.parquet"
            _write_file(self.root / snap, lambda tmp, data=data: pq.write_table(data, tmp, compression="zstd"))
            entries[table] = {"file": self.path(table).name, "snapshot": str(snap), "rows": data.num_rows}
        _fsync_dir(self.root / VERSIONS)
        manifest = {"version": version, "updated_at": now().isoformat(), "tables": entries}
        text = json.dumps(manifest, ensure_ascii=False, indent=2)
        _write_file(self.root / MANIFEST, lambda tmp: tmp.write_text(text, encoding="utf-8"))  # the commit
        _fsync_dir(self.root)
        self._publish(manifest)
        self._prune(manifest)
        return manifest

    def _publish(self, manifest: dict) -> None:
        """Point each `<table>.parquet` at its committed snapshot (atomically, for outside readers)."""
        for table, entry in manifest["tables"].items():
            snap, public = entry.get("snapshot"), self.path(table)
            if not snap or (public.exists() and os.path.samefile(self.root / snap, public)):
                continue
            tmp = public.with_name(f"{public.name}.tmp-{os.getpid()}")
            os.link(self.root / snap, tmp)
            _step(f"publish: linked {public.name} (tmp)")
            os.replace(tmp, public)
            _step(f"publish: {public.name}")

    def _prune(self, manifest: dict) -> None:
        keep = {t["snapshot"] for t in manifest["tables"].values() if t.get("snapshot")}
        for f in sorted((self.root / VERSIONS).glob("*.parquet")):
            if str(Path(VERSIONS) / f.name) not in keep and _version_of(f) <= manifest["version"] - KEEP_VERSIONS:
                f.unlink(missing_ok=True)
                _step(f"prune: removed {f.name}")


def _write_file(path: Path, write: Callable[[Path], object]) -> None:
    """Write beside the target, fsync, rename: the target is either absent, old or whole."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    write(tmp)
    _step(f"wrote {path.name} (tmp)")
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _step(f"renamed to {path.name}")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _tmp_label(f: Path) -> str:
    return f.name.split(".tmp-")[0] + " (tmp)"  # without the PID: the same step in every run


def _version_of(f: Path) -> int:
    """`evaluations-000012.parquet` → 12; a name not written by us → -1 (left alone)."""
    try:
        return int(f.stem.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return -1


_steps = itertools.count(1)


def _step(label: str) -> None:
    """A point between two file operations. With $OVERSIGHT_LAKE_KILL_AT=N the process names each
    step on stderr and kills itself (SIGKILL) at step N: tests crash the writer at every point."""
    at = os.environ.get(KILL_AT)
    if not at:
        return
    n = next(_steps)
    print(f"lake step {n}: {label}", file=sys.stderr, flush=True)
    if n == int(at):
        os.kill(os.getpid(), signal.SIGKILL)
