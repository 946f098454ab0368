"""The lake's tables as Arrow schemas: docs/LAKE.md's columns (a public interface) plus our own.

Columns after the `# ours` marker in each table are additions; LAKE.md's are never renamed,
dropped or re-typed (tests/unit/test_schema.py reads LAKE.md and checks).
"""

from __future__ import annotations

import pyarrow as pa

S, D, INT, B = pa.string(), pa.float64(), pa.int32(), pa.bool_()
LIST = pa.list_(pa.string())
DATE = pa.date32()
TS = pa.timestamp("us")

_PLACE = [("year", INT), ("unit", S), ("district", S), ("town", S)]
_SOURCE = [
    ("line_no", INT),
    ("line_end", INT),
    ("page", INT),
    ("source_ref", S),
    ("field_lines", S),
]

DOCUMENTS = pa.schema(
    [
        ("doc_id", S),
        ("source_name", S),
        ("doc_kind", S),
        ("demo", B),
        ("unit", S),
        ("district", S),
        ("town", S),
        ("year", INT),
        ("status", S),
        ("records", INT),
        ("messages", LIST),
        ("ingested_at", TS),
        # ours
        ("source_path", S),
        ("format", S),
        ("encoding", S),
        ("bytes", pa.int64()),
        ("notes", LIST),
        ("reason", S),
        ("eval_type", S),
        ("doc_date", DATE),  # the document's own date (发布日期, 成文日期, a form's 填报日期), NULL if none
    ]
)

EVALUATIONS = pa.schema(
    [
        ("project_id", S),
        ("doc_id", S),
        *_PLACE,
        ("name", S),
        ("category", S),
        ("themes", LIST),
        ("amount_wan", D),
        ("budget_wan", D),
        ("executed_wan", D),
        ("execution_rate", D),
        ("department", S),
        ("evaluator", S),
        ("eval_type", S),
        ("score", D),
        ("grade", S),
        ("grade_by_score", S),
        ("achievements", S),
        ("problems", S),
        ("suggestions", S),
        ("rectification", S),
        ("rectification_status", S),
        # ours
        ("budget_initial_wan", D),
        ("field_confidence", S),
        ("conclusion", S),
        ("demo", B),
        *_SOURCE,
    ]
)

RECTIFICATIONS = pa.schema(
    [
        ("item_id", S),
        ("project_id", S),
        ("seq", INT),
        ("problem", S),
        ("action", S),
        ("status", S),
        ("evidence", S),
        ("due_date", DATE),
        # ours
        ("doc_id", S),
        *_PLACE,
        ("line_no", INT),
        ("demo", B),
    ]
)

MONITORING = pa.schema(
    [
        ("project_id", S),
        ("doc_id", S),
        *_PLACE,
        ("name", S),
        ("category", S),
        ("themes", LIST),
        ("period_start", DATE),
        ("period_end", DATE),
        ("recurring", B),
        ("budget_initial_wan", D),
        ("field_confidence", S),
        ("budget_wan", D),
        ("executed_wan", D),
        ("execution_rate", D),
        ("adjust_down_wan", D),
        ("adjust_up_wan", D),
        ("pre_assessment_wan", D),
        ("needs_adjustment", B),
        ("focus_reason", S),
        ("conclusion", S),
        ("budget_outlook", S),
        ("goal_outlook", S),
        ("light", S),
        # ours
        ("light_rule", S),
        ("time_elapsed", D),
        ("conclusion_text", S),
        ("implementer", S),
        ("narrative", S),
        ("demo", B),
        *_SOURCE,
    ]
)

# The source text, line by line, so a page can show where each value came from.
LINES = pa.schema([("doc_id", S), ("line_no", INT), ("ref", S), ("page", INT), ("text", S)])

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "evaluations": EVALUATIONS,
    "rectifications": RECTIFICATIONS,
    "monitoring": MONITORING,
    "lines": LINES,
}
# What makes a row the same row again (a later one replaces it).
KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "evaluations": ("project_id",),
    "rectifications": ("item_id",),
    "monitoring": ("project_id", "period_end"),
    "lines": ("doc_id", "line_no"),
}
