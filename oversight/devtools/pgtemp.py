"""A throwaway PostgreSQL server for tests and `make cluster`: Debian's binaries, a temporary data
folder, loopback only, run as an unprivileged user (PostgreSQL refuses to run as root).

    with pgtemp.running(Path("/tmp/pg")) as server:
        server.url   # postgresql://oversight@127.0.0.1:PORT/oversight
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DB_USER = DB_NAME = "oversight"


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries on this machine; the message says how to install them."""


def bin_dir() -> Path:
    """The newest Debian PostgreSQL's bin folder (initdb and pg_ctl are not on PATH there)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    if on_path := shutil.which("pg_ctl"):
        return Path(on_path).parent
    raise PostgresMissing("PostgreSQL is not installed: `sudo apt-get install postgresql` (or `make system-deps`)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _runner() -> list[str]:
    """As root, run the server as Debian's `postgres` user (or nobody); otherwise as ourselves."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return ["runuser", "-u", name, "--"]
    raise PostgresMissing("running as root and no unprivileged user (postgres or nobody) to run PostgreSQL")


def _owner() -> tuple[int, int] | None:
    runner = _runner()
    if not runner:
        return None
    entry = pwd.getpwnam(runner[2])
    return entry.pw_uid, entry.pw_gid


@dataclass
class Server:
    root: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://{DB_USER}@127.0.0.1:{self.port}/{DB_NAME}"

    def database_url(self, name: str) -> str:
        return f"postgresql://{DB_USER}@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        """A fresh, empty database on this server (tests take one each); its URL."""
        if not name.isidentifier():
            raise ValueError(f"database name {name!r}")
        _psql(self.database_url("postgres"), f"CREATE DATABASE {name}")
        return self.database_url(name)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [*_runner(), str(bin_dir() / "pg_ctl"), "-D", str(self.data), *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("stop", "-m", "fast", "-w")

    def kill(self) -> None:
        """Stop without a clean shutdown (a crash): what a test of durability needs."""
        self._pg_ctl("stop", "-m", "immediate", "-w")

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root / 'run'}"
        result = self._pg_ctl("start", "-w", "-t", "60", "-l", str(self.root / "server.log"), "-o", options)
        if result.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"PostgreSQL did not start: {result.stderr.strip()}\n{log}")


def start(root: Path, port: int | None = None) -> Server:
    """Initialise (once) and start a server whose files all live under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "run").mkdir(exist_ok=True)
    owner = _owner()
    if owner:
        for path in (root, root / "run"):
            os.chown(path, *owner)
    server = Server(root, port or free_port())
    if not (server.data / "PG_VERSION").exists():
        cmd = [*_runner(), str(bin_dir() / "initdb"), "-D", str(server.data), "-U", DB_USER]
        # trust on loopback only: a throwaway server for tests; production uses scram (docs/deploy.md)
        cmd += ["--auth-local=trust", "--auth-host=trust", "-E", "UTF8", "--locale=C.UTF-8"]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed: {result.stderr.strip()}")
        server.start()
        server.create_database(DB_NAME)
        return server
    server.start()
    return server


def _psql(url: str, sql: str) -> None:
    import psycopg  # the runtime dependency; imported here so the rest of devtools loads without it

    with psycopg.connect(url, autocommit=True) as con:
        con.execute(sql)


@contextlib.contextmanager
def running(root: Path, port: int | None = None) -> Iterator[Server]:
    server = start(root, port)
    try:
        yield server
    finally:
        server.stop()
