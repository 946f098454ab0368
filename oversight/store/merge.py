"""What a run adds to each table: the latest statement (latest.py) replaces earlier ones with the same key."""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from oversight.store.latest import keep_latest
from oversight.store.records import FileResult
from oversight.store.schema import KEYS, TABLES


def merged_tables(results: list[FileResult], read: Callable[[str], pa.Table]) -> dict[str, pa.Table]:
    """The new content of every table the results change (`read` gives the committed table)."""
    new: dict[str, list[dict]] = {t: [] for t in TABLES}
    for r in results:
        new["documents"].append(r.doc)
        new["evaluations"] += r.evaluations
        new["monitoring"] += r.monitoring
        new["rectifications"] += r.rectifications
        new["lines"] += r.lines
    # The latest statement of a project wins by its document's date, not by file order (latest.py).
    keep_latest(new, read)
    # Within one run too, a project's items come only from the statement that wins.
    winner = {r["project_id"]: r["doc_id"] for r in new["evaluations"]}
    new["rectifications"] = [r for r in new["rectifications"] if winner.get(r["project_id"]) == r["doc_id"]]
    out: dict[str, pa.Table] = {}
    for table, schema in TABLES.items():
        rows = _last_per_key(new[table], KEYS[table])
        if not rows:
            continue
        old = read(table)
        if table == "rectifications":
            # A project stated again brings its whole list of items: drop all the old ones.
            old = _drop(old, "project_id", set(winner))
        else:
            old = _drop_keys(old, KEYS[table], rows)
        out[table] = pa.concat_tables([old, pa.Table.from_pylist(rows, schema=schema)])
    return out


def _last_per_key(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    out: dict[tuple, dict] = {}
    for row in rows:
        out[tuple(row.get(k) for k in keys)] = row
    return list(out.values())


def _drop(table: pa.Table, column: str, values: set) -> pa.Table:
    if not values or table.num_rows == 0:
        return table
    mask = pc.is_in(
        table.column(column),
        value_set=pa.array(sorted(values), type=table.schema.field(column).type),
    )
    return table.filter(pc.invert(pc.fill_null(mask, False)))


def _drop_keys(table: pa.Table, keys: tuple[str, ...], rows: list[dict]) -> pa.Table:
    if not rows or table.num_rows == 0:
        return table
    if len(keys) == 1:
        return _drop(table, keys[0], {r.get(keys[0]) for r in rows})

    # Composite key: compare on a joined string form.
    def joined(values: list) -> list[str]:
        return ["\x1f".join("" if v is None else str(v) for v in vs) for vs in zip(*values, strict=False)]

    existing = joined([table.column(k).to_pylist() for k in keys])
    drop = set(joined([[r.get(k) for r in rows] for k in keys]))
    return table.filter(pa.array([e not in drop for e in existing]))
