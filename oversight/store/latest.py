"""Which statement of a project is the latest: by the document's own date, then by ingest time.

Two documents can state the same project (same project_id; for monitoring the same period too):
a revised publication, the same table as PDF and as Word, or an old file ingested late. The one
whose document is dated later wins, whatever order the files came in. A document without a date
of its own counts as dated the day it was ingested (a clerk's correction uploaded today beats a
publication from last year). Equal dates: the later ingest wins.

The dashboard's queries pick between evaluations of different types by the same order
(queries/_macros.sql, `shown_evaluations`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pyarrow as pa

from oversight.store.schema import KEYS

Order = tuple[date, datetime]
STATED = ("evaluations", "monitoring")  # the tables whose rows are statements of a project


def order(doc: dict) -> Order:
    ingested = doc.get("ingested_at") or datetime.min
    return doc.get("doc_date") or ingested.date(), ingested


def keep_latest(new: dict[str, list[dict]], read: Callable[[str], pa.Table]) -> None:
    """Put each table's new rows in statement order (the latest last) and drop the rows that a
    committed row from a later document beats. The losing document gets a note saying so."""
    docs = {d["doc_id"]: d for d in new["documents"]}
    committed: dict[str, Order] | None = None
    for table in STATED:
        rows = new[table]
        if not rows:
            continue
        rows.sort(key=lambda r: order(docs.get(r["doc_id"], {})))  # stable: file order on ties
        if committed is None:
            committed = _committed_order(read)
        kept, lost = _against_committed(rows, read(table), KEYS[table], committed, docs)
        new[table] = kept
        for doc_id, n in lost.items():
            docs[doc_id].setdefault("notes", []).append(
                f"{n} 个项目已由日期更晚的文档写明，本文档的这些记录未替换它们（按文档日期，其次导入时间）"
            )


def _committed_order(read: Callable[[str], pa.Table]) -> dict[str, Order]:
    docs = read("documents").select(["doc_id", "doc_date", "ingested_at"]).to_pylist()
    return {d["doc_id"]: order(d) for d in docs}


def _against_committed(
    rows: list[dict], old: pa.Table, keys: tuple[str, ...], committed: dict[str, Order], docs: dict[str, dict]
) -> tuple[list[dict], dict[str, int]]:
    if old.num_rows == 0:
        return rows, {}
    held: dict[tuple, Order] = {}
    for r in old.select([*keys, "doc_id"]).to_pylist():
        if r["doc_id"] in committed:
            held[tuple(r[k] for k in keys)] = committed[r["doc_id"]]
    kept: list[dict] = []
    lost: dict[str, int] = {}
    for r in rows:
        mine, theirs = order(docs.get(r["doc_id"], {})), held.get(tuple(r.get(k) for k in keys))
        if theirs is not None and theirs > mine:
            lost[r["doc_id"]] = lost.get(r["doc_id"], 0) + 1
        else:
            kept.append(r)
    return kept, lost
