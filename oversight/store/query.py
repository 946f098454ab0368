"""The query layer: named SQL files in queries/, run with bound parameters over the lake.

`queries/NAME.sql` uses DuckDB named parameters (`$year`, `$district`); every parameter a file
names is bound (missing ones as NULL, so a query writes `($district IS NULL OR district = $district)`).
Nothing from a user is ever spliced into SQL text: names are checked against the files on disk.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from oversight.paths import QUERIES_DIR
from oversight.store.lake import Lake
from oversight.store.schema import TABLES
from oversight.store.shared import FOLLOWED, Shared

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_PARAM = re.compile(r"(?<![\w$])\$([a-z_][a-z0-9_]*)")


class QueryError(ValueError):
    pass


MACROS = "_macros.sql"  # the filter definitions every query uses; not a query itself


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql") if not p.name.startswith("_"))


@lru_cache(maxsize=256)
def _load(name: str, mtime: float) -> tuple[str, tuple[str, ...]]:
    sql = (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    without_comments = re.sub(r"--[^\n]*", "", sql)
    return sql, tuple(dict.fromkeys(_PARAM.findall(without_comments)))


def load_query(name: str) -> tuple[str, tuple[str, ...]]:
    """(sql, parameter names) of a named query."""
    if not _NAME.match(name or ""):
        raise QueryError(f"查询名不合法：{name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"没有名为 {name} 的查询；可用：{', '.join(query_names())}")
    return _load(name, path.stat().st_mtime)


_SQL_TYPES = {
    pa.string(): "VARCHAR",
    pa.float64(): "DOUBLE",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.bool_(): "BOOLEAN",
    pa.date32(): "DATE",
    pa.timestamp("us"): "TIMESTAMP",
    pa.list_(pa.string()): "VARCHAR[]",
}


def _with_columns(rel: duckdb.DuckDBPyRelation, schema: pa.Schema) -> duckdb.DuckDBPyRelation:
    """A lake written before a column was added (documents.doc_date) reads it as NULL: queries name it."""
    missing = [f for f in schema if f.name not in rel.columns]
    if not missing:
        return rel
    return rel.project(", ".join(["*", *(f'CAST(NULL AS {_SQL_TYPES[f.type]}) AS "{f.name}"' for f in missing)]))


@lru_cache(maxsize=256)
def _reads(name: str) -> frozenset[str]:
    """The shared tables a query names, in its own text or in the macros (every query may call them)."""
    sql, _ = load_query(name)
    macros = (QUERIES_DIR / MACROS).read_text(encoding="utf-8")
    return frozenset(t for t in FOLLOWED if re.search(rf"\b{t}\b", sql) or re.search(rf"\b{t}\b", macros))


class LakeDB:
    """One DuckDB connection over the lake's Parquet files and the shared tables (整改 updates, audit).

    Views are re-pointed when the lake's manifest version moves; each shared table (mirrored from
    the embedded store or PostgreSQL, see follow.py) is re-registered when its version moves.
    """

    def __init__(self, lake_dir: Path | str, shared: Shared | None = None) -> None:
        self.lake = Lake(lake_dir)
        self.shared = shared
        self.con = duckdb.connect()
        self._lock = threading.Lock()
        self._version = -1
        self._shared_versions: tuple[int, ...] = ()
        self._arrow: dict[str, pa.Table] = {}  # the views read these Arrow tables: keep them alive
        self.refresh()

    def refresh(self) -> int:
        """Re-point the views if the lake or the shared tables moved; returns the lake's version."""
        version = self.lake.version()
        followed = self.shared.followed if self.shared else {}
        shared_versions = tuple(followed[name].version if name in followed else 0 for name in FOLLOWED)
        with self._lock:
            if shared_versions != self._shared_versions:
                for name, schema in FOLLOWED.items():
                    self._arrow[name] = followed[name].table() if name in followed else schema.empty_table()
                    self.con.from_arrow(self._arrow[name]).create_view(name, replace=True)
                self._shared_versions = shared_versions
            if version != self._version:
                for table_name, schema in TABLES.items():
                    path = self.lake.snapshot(table_name)
                    if path.exists():
                        rel = _with_columns(self.con.read_parquet(str(path)), schema)
                    else:
                        rel = self.con.from_arrow(schema.empty_table())
                    rel.create_view(table_name, replace=True)
                self.con.execute((QUERIES_DIR / MACROS).read_text(encoding="utf-8"))
                self._version = version
        return version

    @property
    def version(self) -> int:
        return self._version

    @property
    def state(self) -> tuple[int, ...]:
        """What results depend on: the lake's version and each shared table's. Refresh first."""
        return (self._version, *self._shared_versions)

    def state_for(self, name: str) -> tuple[int, ...]:
        """What one query's result depends on: the lake, and only the shared tables it reads (itself or
        through the macros). A sign-in writes the audit log; that must not make every page's cached
        result stale on every replica. Refresh first."""
        reads = _reads(name)
        versions = (v for t, v in zip(FOLLOWED, self._shared_versions, strict=True) if t in reads)
        return (self._version, *versions)

    def run(self, name: str, params: dict[str, Any] | None = None, *, strict: bool = True) -> pd.DataFrame:
        """Run a named query. Strict (the CLI): a parameter the query does not name is an error;
        lenient (pages): the shared filter set is passed to every query and each binds what it names."""
        sql, names = load_query(name)
        params = params or {}
        unknown = set(params) - set(names)
        if unknown and strict:
            raise QueryError(f"查询 {name} 没有参数：{', '.join(sorted(unknown))}")
        bound = {n: params.get(n) for n in names}
        for attempt in (1, 2):
            cursor = self.con.cursor()  # one cursor per call: safe across Streamlit's threads
            try:
                return cursor.execute(sql, bound).df()
            except duckdb.IOException:
                if attempt == 2:
                    raise
                self._version = -1  # our snapshot was pruned under us: re-bind to the current one
                self.refresh()
            finally:
                cursor.close()
        raise AssertionError("unreachable")
