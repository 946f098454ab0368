"""Completing a file's result: quarantined with a reason, or finished with its parsed rows."""

from __future__ import annotations

from oversight.ingest.identity import doc_date, rekey
from oversight.ingest.parsers.common import Parsed
from oversight.store.records import FileResult

KIND_ZH = {
    "evaluation_result": "绩效评价结果",
    "tracking_monitor": "绩效运行监控（跟踪评价）",
    "self_evaluation": "项目支出绩效自评表",
    "unknown": "未识别",
}


def quarantine(doc: dict, reason: str) -> FileResult:
    doc.update(status="quarantined", reason=reason, messages=[*doc.get("messages", []), reason])
    return FileResult(doc)


def finish(result: FileResult, parsed: Parsed) -> FileResult:
    doc = result.doc
    ctx = parsed.context
    doc.update(
        unit=ctx.unit,
        district=ctx.district,
        town=ctx.town,
        year=ctx.year,
        eval_type=ctx.eval_type,
    )
    # The document's own date decides which of two statements of a project is the latest.
    doc["doc_date"] = doc.get("doc_date") or doc_date([ln["text"] for ln in result.lines])
    rekey(parsed)
    doc["messages"] = [str(f) for f in parsed.findings]
    doc["records"] = parsed.records
    if parsed.records == 0 and parsed.kind != "unknown" and doc["messages"]:
        doc["status"] = "warning"  # a cover or summary: recognised, but it states no values
        return result
    if parsed.records == 0:
        quarantine(
            doc,
            f"识别为{KIND_ZH[parsed.kind]}，但没有读出任何项目（缺少“项目名称”等字段，或文件不完整）",
        )
        return result
    for row in (*parsed.evaluations, *parsed.monitoring, *parsed.rectifications):
        row["doc_id"] = doc["doc_id"]
        row["demo"] = doc["demo"]
    first = (parsed.evaluations or parsed.monitoring)[0]
    for f in ("unit", "district", "town", "year"):
        doc[f] = doc.get(f) or first.get(f)
    doc["status"] = "warning" if doc["messages"] else "ok"
    result.evaluations, result.monitoring = parsed.evaluations, parsed.monitoring
    result.rectifications = parsed.rectifications
    return result
