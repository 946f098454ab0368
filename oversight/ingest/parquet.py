"""`.parquet` input already in lake shape (evaluations or monitoring columns), checked and cleaned."""

from __future__ import annotations

import io

import pyarrow.parquet as pq

from oversight.domain import standards
from oversight.domain.taxonomy import classify
from oversight.domain.textnorm import one_line, plain
from oversight.ingest.parsers.common import Context, Finding, Parsed, stable_id
from oversight.ingest.result import finish, quarantine
from oversight.store.records import FileResult
from oversight.store.schema import EVALUATIONS, MONITORING

TEXT = (
    "achievements",
    "problems",
    "suggestions",
    "rectification",
    "focus_reason",
    "conclusion",
    "narrative",
)


def read_lake_shaped(doc: dict, data: bytes, *, trust_ids: bool = True) -> FileResult:
    """`trust_ids=False` (anyone but an admin): a project_id in the file is ignored and the id is
    computed from the row's place, unit, year and name, so an upload cannot name the project it
    overwrites."""
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any failure to read is a quarantine reason
        return quarantine(doc, f"Parquet 文件无法读取（{type(exc).__name__}）")
    cols = set(table.column_names)
    if "name" not in cols:
        return quarantine(
            doc,
            "Parquet 文件缺少 name（项目名称）列，不是湖表格式（evaluations 或 monitoring）",
        )
    is_monitoring = "period_end" in cols
    schema = MONITORING if is_monitoring else EVALUATIONS
    findings: list[Finding] = []
    rows = []
    ignored_ids = 0
    for i, rec in enumerate(table.to_pylist(), 1):
        row = {k: v for k, v in rec.items() if k in schema.names}
        row["name"] = one_line(row.get("name"))
        if not row["name"]:
            findings.append(Finding(f"第{i}行", "项目名称", "为空，未入库"))
            continue
        for f in TEXT:
            if f in row and row[f] is not None:
                row[f] = plain(row[f])
        for f in ("unit", "district", "town"):
            if row.get(f) is not None:
                row[f] = one_line(row[f])
        if not row.get("category"):
            row["category"], row["themes"] = classify(row["name"], "", row.get("unit") or "")
        if not trust_ids and row.get("project_id"):
            ignored_ids += 1
            row["project_id"] = None
        row["project_id"] = row.get("project_id") or stable_id(
            row.get("district"), row.get("unit"), row.get("year"), row["name"]
        )
        row.update(line_no=i, line_end=i, source_ref=f"第{i}行")
        if not is_monitoring:
            score = row.get("score")
            row["grade_by_score"] = standards.grade_by_score(score)
            if score is not None and not 0 <= score <= 100:
                findings.append(Finding(f"第{i}行", "评价分值", f"分值 {score:g} 超出 0–100"))
        rows.append(row)
    if ignored_ids:
        findings.append(
            Finding(
                "全文",
                "project_id",
                f"{ignored_ids} 行自带的项目编号未采用（只有管理员导入时采用），已按区、单位、年度和名称编号",
            )
        )
    first = rows[0] if rows else {}
    ctx = Context(
        unit=first.get("unit"), district=first.get("district"), town=first.get("town"), year=first.get("year")
    )
    parsed = Parsed(
        "tracking_monitor" if is_monitoring else "evaluation_result",
        ctx,
        findings=findings,
    )
    (parsed.monitoring if is_monitoring else parsed.evaluations).extend(rows)
    doc["doc_kind"] = parsed.kind
    return finish(FileResult(doc), parsed)
