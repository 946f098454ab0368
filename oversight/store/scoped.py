"""Lake tables as a user may download them: the whole table city-wide, else only their scope's rows.

The same rule as the query layer (`in_scope` in queries/_macros.sql): a row is in a district/town
scope when its district and town match; a row whose place is unknown is outside every scope.
Tables without a place of their own follow their parent: 整改 items their evaluated project,
source lines their document.
"""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from oversight.store.lake import Lake

TABLES = ("evaluations", "rectifications", "monitoring", "documents", "lines")


def _inside(table: pa.Table, district: str | None, town: str | None) -> pa.Table:
    mask = pa.array([True] * table.num_rows, pa.bool_())
    for column, wanted in (("district", district), ("town", town)):
        if wanted is not None:
            mask = pc.and_(mask, pc.fill_null(pc.equal(table.column(column), wanted), False))
    return table.filter(mask)


def _member(table: pa.Table, column: str, values: pa.ChunkedArray) -> pa.Table:
    return table.filter(pc.fill_null(pc.is_in(table.column(column), value_set=values.combine_chunks()), False))


def scoped(lake: Lake, table: str, district: str | None, town: str | None) -> pa.Table | None:
    """The table's rows inside the scope (None: the lake has no such table yet)."""
    path = lake.snapshot(table)
    if not path.exists():
        return None
    data = pq.read_table(path)
    if district is None and town is None:
        return data
    if table == "rectifications":
        projects = scoped(lake, "evaluations", district, town)
        return _member(data, "project_id", projects.column("project_id")) if projects else data.slice(0, 0)
    if table == "lines":
        docs = scoped(lake, "documents", district, town)
        return _member(data, "doc_id", docs.column("doc_id")) if docs else data.slice(0, 0)
    return _inside(data, district, town)


def parquet_bytes(lake: Lake, table: str, district: str | None, town: str | None) -> bytes | None:
    """What the download button hands out: the snapshot's own bytes when nothing is filtered."""
    if district is None and town is None:
        path = lake.snapshot(table)
        return path.read_bytes() if path.exists() else None
    data = scoped(lake, table, district, town)
    if data is None:
        return None
    out = io.BytesIO()
    pq.write_table(data, out, compression="zstd")
    return out.getvalue()
