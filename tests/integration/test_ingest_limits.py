"""Parsing in a worker process: a zip bomb and a hung read are quarantined, the parent stays small."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from helpers import SEED_000, SEED_001

from oversight.ingest import worker
from oversight.ingest.pipeline import run
from oversight.ingest.worker import Limits, Worker
from oversight.paths import ROOT
from oversight.store.lake import Lake

INFLATED_MB = 330


def zip_bomb(path: Path, megabytes: int = INFLATED_MB) -> Path:
    """A valid .docx of about 1 MB whose document.xml inflates to `megabytes` of tiny paragraphs."""
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    source = zipfile.ZipFile(base)
    head = source.read("word/document.xml").decode("utf-8").split("<w:body>")[0]
    paragraphs = ("<w:p><w:r><w:t>项目</w:t></w:r></w:p>" * 10_000).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, source.read(item))
        with out.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(f"{head}<w:body>".encode())
            for _ in range(megabytes * 1024 * 1024 // len(paragraphs)):
                xml.write(paragraphs)
            xml.write(b"<w:sectPr/></w:body></w:document>")
    return path


# The run happens in a fresh interpreter so that its peak memory is the ingest's alone. The peak is
# VmHWM, not getrusage's ru_maxrss: that one survives exec and would report the forking test process.
MEASURE = """
import json, sys
from pathlib import Path
from oversight.ingest.pipeline import run
from oversight.store.lake import Lake
report = run([Path(p) for p in sys.argv[2:]], Lake(sys.argv[1]))
status = dict(line.split(":", 1) for line in open("/proc/self/status", encoding="ascii"))
print(json.dumps({
    "results": [[r.status, r.doc.get("reason")] for r in report.results],
    "peak_mb": int(status["VmHWM"].split()[0]) / 1024,
}))
"""


def test_a_zip_bomb_is_quarantined_and_the_parent_stays_small(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    assert sum(i.file_size for i in zipfile.ZipFile(bomb).infolist()) > 300 * 1024 * 1024
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OVERSIGHT_PARSE_MEMORY_MB": "1024"}
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(tmp_path / "lake"), str(bomb), str(SEED_000)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    measured = json.loads(out.stdout.strip().splitlines()[-1])
    (bomb_status, reason), (seed_status, _) = measured["results"]
    assert bomb_status == "quarantined"
    assert reason.startswith("解析此文件所需内存超过 1024 MB 上限")
    assert seed_status == "warning"  # the next file, in a fresh child, reads as always
    assert measured["peak_mb"] < 300, measured  # parsing in this process took it from ~70 MB to ~3 GB


def test_a_hung_read_is_stopped_at_the_wall_time_limit(tmp_path: Path) -> None:
    hung = tmp_path / "hung.txt"
    os.mkfifo(hung)  # opening a FIFO nobody writes blocks forever: a parse that never returns
    with Worker(Limits(memory_mb=1024, seconds=1.0)) as w:
        started = time.monotonic()
        stopped = w.parse(hung, demo=False, doc_id="hung")
        assert time.monotonic() - started < 20
        assert stopped.status == "quarantined"
        assert stopped.doc["reason"] == "解析超过 1 秒上限，已停止；请拆分文件或另存为 PDF/CSV 后重新导入"
        assert stopped.doc["doc_id"] == "hung"
        after = w.parse(SEED_000, demo=False, doc_id="seed")
        assert after.doc["records"] == 8
        assert w.starts == 2  # a new child after the one that was killed


def test_one_worker_serves_a_whole_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    popen = subprocess.Popen

    def counting(cmd, *args, **kwargs):
        started.append(cmd)
        return popen(cmd, *args, **kwargs)

    monkeypatch.setattr(worker.subprocess, "Popen", counting)
    copies = []
    for i in range(6):
        copies.append(tmp_path / f"seed{i}.txt")
        copies[-1].write_text(SEED_000.read_text(encoding="utf-8") + "\n" * (i + 1), encoding="utf-8")
    report = run([*copies, SEED_001], Lake(tmp_path / "lake"))
    assert len(report.results) == 7
    assert len(started) == 1
    again = run([SEED_001], Lake(tmp_path / "lake"))  # only a duplicate: no child at all
    assert len(again.duplicates) == 1
    assert len(started) == 1


def test_the_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERSIGHT_PARSE_MEMORY_MB", "2048")
    monkeypatch.setenv("OVERSIGHT_PARSE_SECONDS", "30")
    assert Limits.from_env() == Limits(memory_mb=2048, seconds=30.0)
    monkeypatch.setenv("OVERSIGHT_PARSE_MEMORY_MB", "64")  # below what Python itself needs
    assert Limits.from_env().memory_mb == worker.MIN_MEMORY_MB


@pytest.mark.parametrize("raw", ["2GB", "abc", "-5", "0", "nan", "inf"])
def test_a_mistyped_limit_keeps_the_default_instead_of_a_traceback(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("OVERSIGHT_PARSE_MEMORY_MB", raw)
    monkeypatch.setenv("OVERSIGHT_PARSE_SECONDS", raw)
    assert Limits.from_env() == Limits(memory_mb=1024, seconds=120.0)
