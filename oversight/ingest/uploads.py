"""Uploaded files on disk: names the file system accepts, and how long unused uploads are kept.

The app saves each upload under `uploads/<time>/NNN_<name>` beside the lake (or `$OVERSIGHT_UPLOADS`)
and ingests it from there. A document that was ingested keeps its file: the detail pages point to
it. A file that holds nothing for the lake — a quarantined document, a duplicate of bytes already
ingested, or what an interrupted upload left — is deleted once it is older than the retention
period (`$OVERSIGHT_QUARANTINE_DAYS`, default 30 days), checked on every upload.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from oversight.domain.clock import now
from oversight.store.lake import Lake

UPLOADS_ENV = "OVERSIGHT_UPLOADS"
RETENTION_ENV = "OVERSIGHT_QUARANTINE_DAYS"
RETENTION_DAYS = 30.0
MAX_NAME_BYTES = 200  # file systems allow 255 bytes per name; the NNN_ prefix and some slack fit beside it
MAX_EXTENSION = 16
FOLDER_TIME = "%Y%m%d-%H%M%S-%f"  # one folder per upload, named by its local time


@dataclass
class Saved:
    path: Path  # where the bytes are
    name: str  # the name the clerk uploaded, as given


def uploads_dir(lake_dir: Path) -> Path:
    """`$OVERSIGHT_UPLOADS`, else `uploads/` beside the lake (data/uploads for data/lake)."""
    return Path(os.environ.get(UPLOADS_ENV) or Path(lake_dir).resolve().parent / "uploads").resolve()


def retention_days() -> float:
    return max(float(os.environ.get(RETENTION_ENV) or RETENTION_DAYS), 0.0)


def safe_name(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """The uploaded name as far as the file system allows: no folders, no control characters, and a
    name too long for it cut short, keeping its extension, with a hash of the whole name so that two
    long names that start alike stay apart."""
    base = Path(name.replace("\\", "/")).name  # some browsers send the client's path
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    if base in ("", ".", ".."):
        base = "未命名"
    if len(base.encode("utf-8")) <= limit:
        return base
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem or len(extension) > MAX_EXTENSION:
        stem, extension = base, ""
    suffix = "~" + hashlib.sha256(base.encode("utf-8")).hexdigest()[:10] + (f".{extension}" if extension else "")
    kept = stem.encode("utf-8")[: limit - len(suffix.encode("utf-8"))].decode("utf-8", "ignore")
    return kept + suffix


def _created(folder: Path) -> float:
    """When save() made the folder (its name; deleting files inside moves its mtime)."""
    try:
        return datetime.strptime(folder.name, FOLDER_TIME).timestamp()
    except ValueError:
        return folder.stat().st_mtime


def save(files: Iterable[tuple[str, bytes]], root: Path) -> tuple[list[Saved], list[tuple[str, str]]]:
    """Write (name, bytes) pairs into a new folder under `root`. A file that cannot be written is
    reported as (name, reason) and the others are still saved."""
    folder = root / datetime.now().strftime(FOLDER_TIME)
    folder.mkdir(parents=True)
    saved: list[Saved] = []
    failed: list[tuple[str, str]] = []
    for i, (name, data) in enumerate(files):
        path = folder / f"{i:03d}_{safe_name(name)}"  # the prefix keeps two uploads of one name apart
        try:
            path.write_bytes(data)
        except OSError as exc:
            failed.append((name, f"文件未能保存（{exc.strerror or type(exc).__name__}），未导入"))
            continue
        saved.append(Saved(path, name))
    return saved, failed


def expire(lake: Lake, root: Path, days: float | None = None) -> list[Path]:
    """Delete uploads that hold nothing for the lake and are older than `days`; returns what went."""
    if not root.is_dir():
        return []
    days = retention_days() if days is None else days
    cutoff = now() - timedelta(days=days)
    # Files the lake does not know yet may belong to an upload in another session, saved but not yet
    # ingested: they wait at least a day whatever the setting.
    unknown_cutoff = time.time() - max(days, 1.0) * 86400
    docs = lake.read("documents").select(["source_path", "status", "ingested_at"]).to_pylist()
    status = {str(Path(d["source_path"]).resolve()): d for d in docs if d["source_path"]}
    gone: list[Path] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        doc = status.get(str(path.resolve()))
        if doc is None:  # a duplicate, or left by an interrupted upload: its own age decides
            old = path.stat().st_mtime <= unknown_cutoff
        else:
            old = doc["status"] == "quarantined" and (doc["ingested_at"] or cutoff) <= cutoff
        if old:
            path.unlink(missing_ok=True)
            gone.append(path)
    for folder in (p for p in root.iterdir() if p.is_dir()):
        if _created(folder) <= unknown_cutoff and not any(folder.iterdir()):
            folder.rmdir()
    return gone
