"""Parsing in a child process with an address-space limit and a wall-time limit.

A hostile upload (a 1 MB .docx that inflates to hundreds of MB of XML, a PDF that loops) must not
grow or stall the process that serves the app. Each ingest run owns one child (a pool of one,
reused across files, so ~200 documents/s stay possible): the child caps its own address space
with RLIMIT_AS, and the parent gives up on a file after a wall-time limit, kills the child and
starts a new one for the next file. Both failures quarantine the file with a reason a clerk can
act on; nothing the child does can take the parent's memory.

The child is `python -m oversight.ingest.worker`, not multiprocessing: spawn would re-import the
parent's `__main__` (Streamlit's, pytest's), and fork would copy a large parent. Requests and
replies are length-prefixed pickles over the child's stdin and a private copy of its stdout.
Pickle trusts the sender; the sender is our own code, the limits guard against the input's size
and time, not against code execution.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import resource
import select
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from oversight.paths import ROOT
from oversight.store.records import FileResult

log = logging.getLogger(__name__)

MEMORY_ENV = "OVERSIGHT_PARSE_MEMORY_MB"
SECONDS_ENV = "OVERSIGHT_PARSE_SECONDS"
MIN_MEMORY_MB = 512  # the child's own Python and libraries take ~400 MB of address space
START_SECONDS = 60.0  # importing the parsers on a loaded machine
_HEAD = struct.Struct("<Q")


class WorkerError(RuntimeError):
    """The parsing process could not be started (the message is for the person running the ingest)."""


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 1024  # the child's whole address space (RLIMIT_AS), not only its heap
    seconds: float = 120.0  # wall time per file; the readers' own 60 s deadline usually stops first

    @classmethod
    def from_env(cls) -> Limits:
        """$OVERSIGHT_PARSE_MEMORY_MB and $OVERSIGHT_PARSE_SECONDS, else the defaults."""
        memory = _number(MEMORY_ENV, cls.memory_mb)
        seconds = _number(SECONDS_ENV, cls.seconds)
        return cls(max(int(memory), MIN_MEMORY_MB), max(seconds, 0.1))


def _number(env: str, default: float) -> float:
    """A positive number from the environment; a typo keeps the default (and says so) instead of a traceback."""
    raw = (os.environ.get(env) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not math.isfinite(value) or value <= 0:
        log.warning("%s=%r is not a positive number; using %g", env, raw, default)
        return default
    return value


def memory_reason(limits: Limits) -> str:
    return (
        f"解析此文件所需内存超过 {limits.memory_mb} MB 上限，已停止（常见于解压后极大的 Word/Excel 文件）；"
        "请删去图片或拆分后另存，再重新导入"
    )


def time_reason(limits: Limits) -> str:
    return f"解析超过 {limits.seconds:g} 秒上限，已停止；请拆分文件或另存为 PDF/CSV 后重新导入"


def crash_reason(code: int | None) -> str:
    return f"解析进程意外退出（退出码 {code}），文件可能已损坏或超出内存上限；文件已保留，请报告此问题"


class Worker:
    """One parsing child per ingest run, started on the first file and after each failure."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits.from_env()
        self.starts = 0  # children started so far (one per run unless a file failed)
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def parse(self, path: Path, *, demo: bool, doc_id: str, trust_ids: bool = True) -> FileResult:
        """`document.ingest_file` in the child; a file over a limit comes back quarantined."""
        from oversight.ingest.document import unread  # the parent never needs the parsers otherwise

        proc = self._ensure()
        try:
            _send(proc.stdin, (str(path), demo, doc_id, trust_ids))
            kind, result = _recv(proc.stdout.fileno(), time.monotonic() + self.limits.seconds)
        except TimeoutError:
            self._stop()
            return unread(path, doc_id=doc_id, demo=demo, reason=time_reason(self.limits))
        except (EOFError, OSError, pickle.UnpicklingError):
            code = self._stop()
            log.error("parsing process died on %s (exit code %s)", path, code)
            return unread(path, doc_id=doc_id, demo=demo, reason=crash_reason(code))
        if kind == "memory":
            self._stop()  # it exits by itself after a MemoryError; make sure before the next file
            return unread(path, doc_id=doc_id, demo=demo, reason=memory_reason(self.limits))
        return result

    def close(self) -> None:
        """Let the child finish (end of input), and kill it if it does not."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.stdin.close()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()

    def _ensure(self) -> subprocess.Popen:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        self._stop()
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
            "MALLOC_ARENA_MAX": "2",  # glibc reserves 64 MB of address space per thread arena otherwise
        }
        cmd = [sys.executable, "-m", "oversight.ingest.worker", str(self.limits.memory_mb)]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, env=env)
        self._proc = proc
        self.starts += 1
        try:
            kind, message = _recv(proc.stdout.fileno(), time.monotonic() + START_SECONDS)
        except (TimeoutError, EOFError, OSError, pickle.UnpicklingError) as exc:
            self._stop()
            raise WorkerError(f"解析进程无法启动（{type(exc).__name__}）；请检查 {MEMORY_ENV} 等设置") from exc
        if kind != "ready":
            self._stop()
            raise WorkerError(f"解析进程无法启动：{message}")
        return proc

    def _stop(self) -> int | None:
        """Kill the child (if any) and return its exit code."""
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        if proc.poll() is None:
            proc.kill()
        code = proc.wait()
        proc.stdin.close()
        proc.stdout.close()
        return code


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEAD.pack(len(data)) + data)
    while view:  # an unbuffered pipe may take part of a write
        view = view[stream.write(view) :]


def _read_exact(fd: int, n: int, deadline: float) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise TimeoutError
        chunk = os.read(fd, min(n - len(buf), 1 << 20))
        if not chunk:
            raise EOFError
        buf += chunk
    return bytes(buf)


def _recv(fd: int, deadline: float) -> tuple[str, Any]:
    (n,) = _HEAD.unpack(_read_exact(fd, _HEAD.size, deadline))
    return pickle.loads(_read_exact(fd, n, deadline))


def _limit_address_space(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _serve(memory_mb: int) -> None:
    """The child: parse one requested file at a time until the parent closes our input."""
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)  # a library that prints must not corrupt the replies
    logging.basicConfig(level=logging.WARNING)
    from oversight.ingest.document import ingest_file  # imported before the limit: imports are not the input

    _limit_address_space(memory_mb)
    _send(out, ("ready", None))
    while head := sys.stdin.buffer.read(_HEAD.size):
        path, demo, doc_id, trust_ids = pickle.loads(sys.stdin.buffer.read(_HEAD.unpack(head)[0]))
        try:
            result = ingest_file(Path(path), demo=demo, doc_id=doc_id, trust_ids=trust_ids)
            _send(out, ("done", result))
        except MemoryError:
            _send(out, ("memory", None))
            return  # a heap that hit the limit may stay fragmented: the parent starts a fresh child


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
