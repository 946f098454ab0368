"""`python -m oversight cluster` (`make cluster`): PostgreSQL, N app replicas and nginx on this machine.

    with Cluster(root, lake, replicas=2, port=8800) as c:
        c.url                  # http://127.0.0.1:8800, nginx over the replicas
        c.replicas[0].kill()   # SIGKILL one replica (tests)

PostgreSQL comes from Debian's package through `pgtemp` (initialised under `root`, loopback, run as
an unprivileged user) and is upgraded with `python -m oversight db upgrade`. Every replica serves the
same lake with `OVERSIGHT_DB_URL` set. nginx runs unprivileged-style from `root` with the config in
deploy/nginx/oversight.conf, rewritten for these ports. Everything started is stopped on exit.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from oversight.paths import ROOT

NGINX_CONF = ROOT / "deploy" / "nginx" / "oversight.conf"
CLK_TCK = os.sysconf("SC_CLK_TCK")


class ClusterError(RuntimeError):
    """A part of the cluster did not start; the message says which and ends with its log."""


def _tail(path: Path, chars: int = 1500) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else "(no log)"


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its waited-for children, from /proc/<pid>/stat."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) ": field 3 onwards
    utime, stime, cutime, cstime = (int(fields[i]) for i in (11, 12, 13, 14))
    return (utime + stime + cutime + cstime) / CLK_TCK


@dataclass
class Process:
    name: str
    proc: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, what a crash test needs."""
        if self.alive():
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self, sig: int = signal.SIGTERM, wait: float = 10) -> None:
        if not self.alive():
            return
        self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            self.kill()


@dataclass
class Replica(Process):
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def nginx_config(replica_ports: list[int], listen: int, root: Path, debug_upstream: bool = False) -> str:
    """A whole nginx.conf for a process run from `root`: deploy/nginx/oversight.conf with these ports.

    `debug_upstream` adds an `X-Upstream` header naming the replica that answered (tests and the
    benchmark use it to place sessions); the deployed config does not expose replica addresses."""
    site = NGINX_CONF.read_text(encoding="utf-8")
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in replica_ports)
    site, n = re.subn(r"(?:    server 127\.0\.0\.1:\d+[^\n]*\n)+", servers, site, count=1)
    site, m = re.subn(r"listen 80;", f"listen 127.0.0.1:{listen};", site)
    site = site.replace("/var/log/nginx/oversight.access.log", str(root / "access.log"))
    if n != 1 or m != 1:
        raise ClusterError(f"{NGINX_CONF} no longer has one upstream server list and one `listen 80;`")
    if debug_upstream:
        site = site.replace(
            "    add_header Set-Cookie", "    add_header X-Upstream $upstream_addr always;\n    add_header Set-Cookie"
        )
    temp = "\n".join(
        f"    {k}_temp_path {root / 'tmp' / k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"worker_processes 1;\npid {root / 'nginx.pid'};\nerror_log {root / 'error.log'} warn;\n"
        "events { worker_connections 4096; }\n"
        f"http {{\n{temp}\n    include /etc/nginx/mime.types;\n{site}}}\n"
    )


def _wait_healthy(url: str, proc: Process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not proc.alive():
            raise ClusterError(f"{proc.name} exited ({proc.proc.returncode}):\n{_tail(proc.log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise ClusterError(f"{proc.name} not healthy after {seconds:.0f} s:\n{_tail(proc.log)}")


@dataclass
class Cluster:
    root: Path
    lake: Path
    replicas_n: int = 2
    port: int = 8800  # nginx; replicas on the ports after it
    postgres: bool = True
    pg_port: int | None = None
    users: Path | None = None
    debug_upstream: bool = True
    replicas: list[Replica] = field(default_factory=list)
    nginx: Process | None = None
    db_url: str | None = None
    _pg: object | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        """What the replicas and the `db`/`user` commands run with."""
        env = {**os.environ, "OVERSIGHT_LAKE": str(self.lake), "PYTHONUNBUFFERED": "1"}
        if self.db_url:
            env["OVERSIGHT_DB_URL"] = self.db_url
        env["OVERSIGHT_USERS"] = str(self.users or self.root / "no-users.json")  # none: the open demo
        return env

    def oversight(self, *args: str, stdin: str | None = None) -> str:
        """Run `python -m oversight ARGS` against the cluster's database; its output, or ClusterError."""
        cmd = [sys.executable, "-m", "oversight", *args]
        done = subprocess.run(cmd, cwd=ROOT, env=self.env(), input=stdin, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ClusterError(f"`{' '.join(cmd[2:])}` failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        return done.stdout

    def _check_ports(self) -> None:
        import socket

        for port in range(self.port, self.port + 1 + self.replicas_n):
            with socket.socket() as s:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx and uvicorn do: TIME_WAIT is fine
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    raise ClusterError(f"port {port} is in use: choose another --port") from None

    def start(self) -> Cluster:
        self._check_ports()
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o755)  # PostgreSQL and nginx's workers run as unprivileged users when we are root
        try:
            if self.postgres:
                from oversight.devtools import pgtemp

                self._pg = pgtemp.start(self.root / "pg", self.pg_port)
                self.db_url = self._pg.url
                self.oversight("db", "upgrade")
            for i in range(self.replicas_n):
                self.start_replica(i)
            self.start_nginx()
        except BaseException:
            self.stop()
            raise
        return self

    def start_replica(self, i: int) -> Replica:
        """Start (or restart) replica `i` on port+1+i and wait until it answers."""
        port = self.port + 1 + i
        log = self.root / f"replica-{i}.log"
        env = self.env() | {"OVERSIGHT_DB": str(self.root / f"replica-{i}.duckdb")}  # used only without PostgreSQL
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
        cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
        # No full garbage collection after every run: it was 30 % of a replica's CPU per page view here
        # (py-spy); Python's own generational collection still runs. deploy/systemd sets the same.
        cmd += ["--browser.gatherUsageStats", "false", "--runner.postScriptGC", "false"]
        with log.open("ab") as out:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        replica = Replica(f"replica {i} (:{port})", proc, log, port)
        if i < len(self.replicas):
            self.replicas[i] = replica
        else:
            self.replicas.append(replica)
        _wait_healthy(replica.url, replica)
        return replica

    def start_nginx(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise ClusterError("nginx is not installed: `sudo apt-get install nginx` (or `make system-deps`)")
        (self.root / "tmp").mkdir(exist_ok=True)
        (self.root / "tmp").chmod(0o1777)  # nginx workers drop to an unprivileged user when started as root
        conf = self.root / "nginx.conf"
        ports = [self.port + 1 + i for i in range(self.replicas_n)]
        conf.write_text(nginx_config(ports, self.port, self.root, self.debug_upstream), encoding="utf-8")
        log = self.root / "error.log"
        cmd = [nginx, "-p", str(self.root), "-c", str(conf), "-e", str(log), "-g", "daemon off;"]
        self.nginx = Process("nginx", subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT), log)
        _wait_healthy(self.url, self.nginx, 20)

    def stop(self) -> None:
        """Stop nginx (graceful), the replicas (SIGTERM, then SIGKILL) and PostgreSQL; safe to call twice."""
        if self.nginx:
            self.nginx.stop(signal.SIGQUIT)
        for replica in self.replicas:
            replica.stop()
        if self._pg is not None:
            self._pg.stop()
            self._pg = None

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Start the cluster, print its address and a sign-in, wait for Ctrl-C, stop everything."""
    import argparse
    import secrets
    import tempfile

    from oversight.paths import default_lake

    p = argparse.ArgumentParser(prog="python -m oversight cluster", description=__doc__.split("\n")[0])
    p.add_argument("--replicas", type=int, default=2)
    p.add_argument("--port", type=int, default=8800, help="nginx; the replicas take the next ports")
    p.add_argument("--pg-port", type=int, default=55500)
    p.add_argument("--lake", type=Path, default=None)
    p.add_argument("--no-postgres", action="store_true", help="each replica keeps its own embedded store")
    args = p.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="oversight-cluster-"))
    lake = (args.lake or default_lake()).resolve()
    if not (lake / "manifest.json").exists():
        print(f"没有数据湖：{lake}（先运行 make demo）", file=sys.stderr)
        return 2
    cluster = Cluster(root, lake, args.replicas, args.port, not args.no_postgres, args.pg_port, root / "users.json")
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
    try:
        cluster.start()
        password = secrets.token_urlsafe(12)
        cluster.oversight("user", "add", "admin", "--role", "admin", "--password-stdin", stdin=password + "\n")
        print(f"绩效驾驶舱集群：{cluster.url}  （nginx → {args.replicas} 个副本，工作目录 {root}）")
        print(f"共享状态：{cluster.db_url or '各副本自己的嵌入式数据库'}")
        print(f"登录：admin / {password}（临时用户，仅本次集群）")
        print("按 Ctrl-C 停止全部进程。", flush=True)
        while all(r.alive() for r in cluster.replicas) and cluster.nginx and cluster.nginx.alive():
            time.sleep(1)
        print("有进程意外退出，正在停止集群。", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n正在停止……", flush=True)
        return 0
    except ClusterError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        cluster.stop()
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
