"""One file → one `documents` row (ok / warning / quarantined) and its lake rows. Never raises."""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from pathlib import Path

from oversight.domain.clock import now
from oversight.domain.textnorm import key, plain
from oversight.ingest.parquet import read_lake_shaped
from oversight.ingest.parsers import evaluation, monitoring, selfeval
from oversight.ingest.parsers.common import Parsed
from oversight.ingest.reader.rows import best_reading
from oversight.ingest.readers import Deadline, Source, Unreadable, office, pdf, text
from oversight.ingest.result import finish, quarantine
from oversight.store.records import FileResult

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024  # larger files are quarantined unread (published tables are far smaller)
TIME_LIMIT = 60.0  # seconds of parsing per file
MAX_LINES_KEPT = 20_000  # source lines kept per document for the detail page

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sniff(data: bytes) -> str | None:
    """What the bytes really are, for the formats whose bytes say so."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PAR1"):
        return "parquet"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "zip"
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    if data.startswith((b"\xd0\xcf\x11\xe0",)):
        return "ole"  # legacy .doc/.xls
    return None


FORMAT_ZH = {
    "pdf": "PDF",
    "parquet": "Parquet",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "zip": "ZIP 压缩包",
    "ole": "旧版 Office (.doc/.xls)",
}


def detect_kind(lines: list) -> str:
    k = key(" ".join(ln.text for ln in lines[:400]))
    if "项目名称" not in k:
        return "unknown"
    if "自评表" in k or ("全年执行数" in k and "年初预算数" in k):
        return "self_evaluation"
    if any(w in k for w in ("跟踪时段", "绩效运行监控", "预算执行进度", "跟踪评价")):
        return "tracking_monitor"
    if "项目名称" in k and any(
        w in k
        for w in (
            "评价分值",
            "得分",
            "评价等次",
            "等次",
            "评价结论",
            "评价结果",
            "总分",
        )
    ):
        return "evaluation_result"
    return "unknown"


PARSERS = {
    "evaluation_result": evaluation.parse,
    "tracking_monitor": monitoring.parse,
    "self_evaluation": selfeval.parse,
}


def read_source(fmt: str, data: bytes, deadline: Deadline) -> Source:
    if fmt == "txt":
        return text.read_txt(data)
    if fmt == "md":
        return text.read_md(data)
    if fmt == "html":
        return text.read_html(data)
    if fmt == "csv":
        return text.read_csv(data)
    if fmt == "pdf":
        return pdf.read_pdf(data, deadline)
    if fmt == "docx":
        return office.read_docx(data, deadline)
    if fmt == "xlsx":
        return office.read_xlsx(data, deadline)
    raise Unreadable(f"不支持的格式 {fmt}")


def _doc(doc_id: str, path: Path, fmt: str | None, size: int, demo: bool) -> dict:
    return {
        "doc_id": doc_id,
        "source_name": path.name,
        "source_path": str(path),
        "format": fmt,
        "bytes": size,
        "demo": demo,
        "doc_kind": "unknown",
        "status": "quarantined",
        "records": 0,
        "messages": [],
        "notes": [],
        "ingested_at": now(),
    }


def unread(path: Path, *, doc_id: str, demo: bool, reason: str) -> FileResult:
    """A file quarantined without being read (the parsing worker's limits use this)."""
    size = path.stat().st_size if path.exists() else 0
    return quarantine(_doc(doc_id, path, FORMATS.get(path.suffix.lower()), size, demo), reason)


def _out_of_memory(exc: BaseException) -> bool:
    """A MemoryError, or one a reader wrapped (readers turn any failure into a clerk's message)."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def ingest_file(
    path: Path,
    *,
    demo: bool = False,
    max_bytes: int = MAX_BYTES,
    doc_id: str | None = None,
    trust_ids: bool = True,
) -> FileResult:
    """Read and parse one file. Every failure becomes a quarantined row with a clerk-readable reason,
    except running out of memory: that is raised, for the parsing worker to report and restart.

    `doc_id` is the file's sha256 when the caller already computed it (the pipeline does, for duplicates).
    `trust_ids`: lake-shaped Parquet may name its own project_id (only an admin's or an operator's import)."""
    size = path.stat().st_size
    fmt = FORMATS.get(path.suffix.lower())
    if size > max_bytes:
        doc = _doc(doc_id or sha256_file(path), path, fmt, size, demo)
        return quarantine(
            doc,
            f"文件 {size / 1048576:.1f} MB，超过 {max_bytes / 1048576:.0f} MB 上限，未读取；请拆分后重新导入",
        )
    data = path.read_bytes()
    doc = _doc(doc_id or hashlib.sha256(data).hexdigest(), path, fmt, size, demo)
    try:
        return _ingest_bytes(doc, path, fmt, data, trust_ids)
    except Exception as exc:  # a bug must not lose the file: quarantine it and log the trace
        if _out_of_memory(exc):
            raise MemoryError from exc
        log.exception("ingest failed for %s", path)
        return quarantine(
            doc,
            f"导入程序出错（{type(exc).__name__}: {exc}）；文件已保留，请报告此问题",
        )


def _ingest_bytes(doc: dict, path: Path, fmt: str | None, data: bytes, trust_ids: bool) -> FileResult:
    if fmt is None:
        return quarantine(
            doc,
            f"不支持的文件类型“{path.suffix or '无扩展名'}”；可导入 PDF、Word(.docx)、Excel(.xlsx)、CSV、TXT、HTML、Markdown、Parquet",
        )
    if not data.strip():
        return quarantine(doc, "文件为空（0 字节或只有空白）")
    actual = sniff(data)
    if actual != fmt and (actual is not None or fmt in ("pdf", "docx", "xlsx", "parquet")):
        if actual:
            what = f"但内容是{FORMAT_ZH.get(actual, actual)}"
        else:
            what = f"但文件内容不是有效的 {FORMAT_ZH.get(fmt, fmt)}（文件头不符，可能已损坏）"
        return quarantine(doc, f"扩展名为 {path.suffix}，{what}；请确认文件后以正确的扩展名重新导入")
    if fmt == "parquet":
        return read_lake_shaped(doc, data, trust_ids=trust_ids)
    try:
        source = read_source(fmt, data, Deadline(TIME_LIMIT))
    except Unreadable as exc:
        if _out_of_memory(exc):
            raise
        return quarantine(doc, str(exc))
    doc["encoding"] = source.encoding
    doc["notes"] = list(source.notes)
    result = FileResult(doc)
    result.lines = [
        {
            "doc_id": doc["doc_id"],
            "line_no": ln.no,
            "ref": ln.ref,
            "page": ln.page,
            "text": "\t".join(plain(c) for c in ln.cells),
        }
        for ln in source.lines[:MAX_LINES_KEPT]
    ]
    if len(source.lines) > MAX_LINES_KEPT:
        doc["notes"].append(f"原文超过 {MAX_LINES_KEPT} 行，只保存前 {MAX_LINES_KEPT} 行供查看")
    parsed = _read(source.lines, path)
    doc["doc_kind"] = parsed.kind
    if parsed.kind == "unknown":
        said = parsed.findings[0].message if parsed.findings else None  # e.g. a procurement notice
        ctx = parsed.context  # who published it and where, so a clerk can find it in the list
        doc.update(unit=ctx.unit, district=ctx.district, town=ctx.town, year=ctx.year)
        quarantine(
            doc,
            said
            or "无法识别文档类型：文中没有绩效评价结果、运行监控或自评的用语（如评价得分、评价等级、跟踪时段、自评表）；"
            "请确认这是预算绩效文档",
        )
        return result
    return finish(result, parsed)


def _read(lines: list, path: Path) -> Parsed:
    """The template parser (exact on the forms it knows) and, unless its reading is complete, the
    general reader; see `best_reading`."""
    kind = detect_kind(lines)
    strict = None
    try:
        strict = PARSERS[kind](lines) if kind != "unknown" else None
    except Exception:  # a layout the template was not written for: the general reader decides
        log.warning("template parser failed on %s", path, exc_info=True)
    return best_reading(strict, lines)
