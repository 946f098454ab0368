"""Compare a lake built from the demo corpus with the corpus's own truth (shared by tests and bench)."""

from __future__ import annotations

import math

import pyarrow.parquet as pq

from oversight.devtools.demo import DemoDoc

EVAL_FIELDS = (
    "unit",
    "year",
    "district",
    "town",
    "amount_wan",
    "budget_wan",
    "executed_wan",
    "execution_rate",
    "score",
    "grade",
    "category",
    "problems",
)
MON_FIELDS = (
    "unit",
    "year",
    "district",
    "town",
    "category",
    "period_start",
    "period_end",
    "budget_initial_wan",
    "budget_wan",
    "executed_wan",
    "execution_rate",
    "adjust_down_wan",
    "adjust_up_wan",
    "pre_assessment_wan",
    "recurring",
    "needs_adjustment",
    "conclusion",
    "budget_outlook",
    "goal_outlook",
    "light",
)


def band(score: float | None) -> str | None:
    """财预〔2020〕10号, written out by hand (not oversight.domain's): ≥90 优, ≥80 良, ≥60 中, else 差."""
    if score is None or not 0 <= score <= 100:
        return None
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def mismatches(docs: list[DemoDoc], lake_dir) -> list[str]:
    """Every generated field that did not read back exactly, as 'file project field: want != got'."""
    ev = {(r["name"], r["unit"], r["year"]): r for r in pq.read_table(f"{lake_dir}/evaluations.parquet").to_pylist()}
    mon = {(r["name"], r["unit"], r["year"]): r for r in pq.read_table(f"{lake_dir}/monitoring.parquet").to_pylist()}
    rect: dict[str, list[dict]] = {}
    for r in pq.read_table(f"{lake_dir}/rectifications.parquet").to_pylist():
        rect.setdefault(r["project_id"], []).append(r)
    docs_rows = {r["source_name"]: r for r in pq.read_table(f"{lake_dir}/documents.parquet").to_pylist()}
    out = []
    for doc in docs:
        d = docs_rows.get(doc.filename)
        if d is None or d["status"] == "quarantined" or not d["demo"] or d["doc_kind"] != doc.kind:
            out.append(f"{doc.filename}: document {d and (d['status'], d['doc_kind'], d['messages'][:2])}")
            continue
        table, fields = (mon, MON_FIELDS) if doc.kind == "tracking_monitor" else (ev, EVAL_FIELDS)
        for want in doc.truth:
            got = table.get((want["name"], want["unit"], want["year"]))
            if got is None:
                out.append(f"{doc.filename} {want['name']}: missing")
                continue
            for f in fields:
                if f in want and not _same(want[f], got[f]):
                    out.append(f"{doc.filename} {want['name']} {f}: {want[f]!r} != {got[f]!r}")
            if doc.kind == "tracking_monitor":
                continue
            if got["grade_by_score"] != band(want["score"]):
                out.append(
                    f"{doc.filename} {want['name']} grade_by_score: {band(want['score'])!r} != {got['grade_by_score']!r}"
                )
            items = sorted(rect.get(got["project_id"], []), key=lambda r: r["seq"])
            if len(items) != len(want["items"]):
                out.append(f"{doc.filename} {want['name']} items: {len(want['items'])} != {len(items)}")
                continue
            for w, g in zip(want["items"], items, strict=True):
                for f in ("action", "status", "due_date", "problem"):
                    if w[f] != g[f]:
                        out.append(f"{doc.filename} {want['name']} item {g['seq']} {f}: {w[f]!r} != {g[f]!r}")
    return out
