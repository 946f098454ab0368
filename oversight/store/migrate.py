"""Versioned schema migrations for the shared state: `store/migrations/NNNN_name.sql`, in order, once.

The same files run on DuckDB and PostgreSQL (one schema). `python -m oversight db upgrade` applies
what is pending; on PostgreSQL an advisory lock makes replicas that upgrade at once take turns, and
each file is applied in the transaction that records it, so a failed file leaves no half-schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from oversight.domain.clock import now
from oversight.store.backend import Backend, Tx

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_LOCK_KEY = 72_400_117  # any constant: the advisory lock that serialises upgrades on PostgreSQL
_LEDGER = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def available() -> list[Migration]:
    """Every migration file, by version; a misnamed or repeated version is an error, not skipped."""
    found: dict[int, Migration] = {}
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _FILE.match(path.name)
        if not match:
            raise ValueError(f"migration file {path.name} is not named NNNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise ValueError(f"two migrations have version {version}: {found[version].path.name}, {path.name}")
        found[version] = Migration(version, match.group(2), path)
    return [found[v] for v in sorted(found)]


def _applied(tx: Tx) -> set[int]:
    tx.script(_LEDGER)
    return {row[0] for row in tx.execute("SELECT version FROM schema_migrations")}


def applied(backend: Backend) -> set[int]:
    with backend.transaction() as tx:
        return _applied(tx)


def pending(backend: Backend) -> list[Migration]:
    done = applied(backend)
    return [m for m in available() if m.version not in done]


def upgrade(backend: Backend) -> list[Migration]:
    """Apply what is pending, each in its own transaction; returns what was applied."""
    done: list[Migration] = []
    for migration in available():
        with backend.transaction() as tx:
            if backend.dialect == "postgres":
                tx.execute("SELECT pg_advisory_xact_lock(?)", (_LOCK_KEY,))
            if migration.version in _applied(tx):
                continue
            tx.script(migration.sql)
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, now()),
            )
        done.append(migration)
    return done
