"""Where run-time writes live: an embedded DuckDB file (the default) or PostgreSQL (`OVERSIGHT_DB_URL`).

Both speak the same SQL (the migrations in store/migrations/ run on both) with `?` placeholders;
the PostgreSQL side turns them into psycopg's `%s`. Every statement takes bound parameters.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import duckdb

from oversight.paths import DATA_DIR

log = logging.getLogger("oversight.backend")


class StoreLocked(RuntimeError):
    """Another process holds the embedded database; the message is for the page (no path, no PID)."""


class StoreUnavailable(RuntimeError):
    """The shared database cannot be reached or is not upgraded; the message is for the page."""


class Tx(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...
    def script(self, sql: str) -> None: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...


class Backend(Protocol):
    dialect: str

    def transaction(self) -> Any: ...  # a context manager yielding a Tx
    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...
    def close(self) -> None: ...


def configured_url() -> str | None:
    """`$OVERSIGHT_DB_URL` when it names PostgreSQL, else None (the embedded file)."""
    url = (os.environ.get("OVERSIGHT_DB_URL") or "").strip()
    return url or None


def default_db() -> Path:
    """The embedded file: `$OVERSIGHT_DB`, else data/oversight.duckdb."""
    return Path(os.environ.get("OVERSIGHT_DB") or DATA_DIR / "oversight.duckdb")


def describe(url: str | None, path: Path | None) -> str:
    """Where shared state lives, for logs and the CLI, without a password."""
    if url:
        return "PostgreSQL " + re.sub(r"//([^:@/]+):[^@/]*@", r"//\1:***@", url)
    return f"DuckDB {path}"


class _DuckTx:
    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self.cur = cur

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        self.cur.execute(sql, list(params))
        return self.cur.fetchall() if self.cur.description else []

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.cur.executemany(sql, [list(r) for r in rows])

    def script(self, sql: str) -> None:
        self.cur.execute(sql)


class DuckDBBackend:
    """One connection per file per process (DuckDB's rule: one writing process per file)."""

    dialect = "duckdb"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            pid = re.search(r"PID (\d+)", str(exc))  # for the operator's log, not every visitor's page
            log.error("database %s is held by PID %s: %s", self.path, pid and pid.group(1), exc)
            raise StoreLocked(
                "整改跟踪数据库正被另一个应用使用（同一数据库文件只能由一个应用打开）。请关闭另一个应用，"
                "或为本应用设置另一个 OVERSIGHT_DB，或配置 OVERSIGHT_DB_URL 使用共享的 PostgreSQL。详情见服务器日志。"
            ) from None
        self._lock = threading.Lock()

    @contextmanager
    def transaction(self) -> Iterator[_DuckTx]:
        with self._lock:
            cur = self.con.cursor()
            try:
                cur.execute("BEGIN")
                yield _DuckTx(cur)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cur = self.con.cursor()
        try:
            return cur.execute(sql, list(params)).fetchall()
        finally:
            cur.close()

    def close(self) -> None:
        self.con.close()


def _pg(sql: str) -> str:
    """`?` placeholders to psycopg's `%s` (our statements have no literal `?` or `%`)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _PgTx:
    def __init__(self, cur: Any) -> None:
        self.cur = cur

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        self.cur.execute(_pg(sql), tuple(params))
        return self.cur.fetchall() if self.cur.description else []

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.cur.executemany(_pg(sql), [tuple(r) for r in rows])

    def script(self, sql: str) -> None:
        self.cur.execute(sql)  # no parameters: several statements in one simple query


class PostgresBackend:
    """A small connection pool per process; every replica shares the one database."""

    dialect = "postgres"

    def __init__(self, url: str, max_size: int = 8, timeout: float = 10.0) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool, PoolTimeout

        self.url = url
        try:
            self.pool = ConnectionPool(url, min_size=1, max_size=max_size, timeout=timeout, open=True, name="oversight")
            self.pool.wait(timeout=timeout)
        except (psycopg.Error, PoolTimeout) as exc:
            log.error("cannot reach %s: %s", describe(url, None), exc)
            raise StoreUnavailable(
                "无法连接共享数据库（OVERSIGHT_DB_URL）。整改、核对与登录暂不可用，请联系管理员（详情见服务器日志）。"
            ) from None

    @contextmanager
    def transaction(self) -> Iterator[_PgTx]:
        with self.pool.connection() as con, con.transaction(), con.cursor() as cur:
            yield _PgTx(cur)

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self.pool.connection() as con, con.cursor() as cur:
            cur.execute(_pg(sql), tuple(params))
            return cur.fetchall()

    def close(self) -> None:
        self.pool.close()


def open_backend(url: str | None = None, path: Path | str | None = None) -> Backend:
    """PostgreSQL when a URL is given (or configured), else the embedded DuckDB file."""
    url = url if url is not None else configured_url()
    if url:
        if not url.startswith(("postgresql://", "postgres://")):
            raise StoreUnavailable("OVERSIGHT_DB_URL 必须是 postgresql:// 开头的地址")
        return PostgresBackend(url)
    return DuckDBBackend(path or default_db())
