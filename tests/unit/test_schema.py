"""docs/LAKE.md is a public interface: every column it names exists, with its type, in every lake."""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.parquet as pq

from oversight.paths import ROOT
from oversight.store.schema import TABLES

TYPES = {
    "VARCHAR": pa.string(),
    "VARCHAR[]": pa.list_(pa.string()),
    "DOUBLE": pa.float64(),
    "INTEGER": pa.int32(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}


def contract() -> dict[str, dict[str, str | None]]:
    """{table: {column: LAKE.md type or None where the row says 'as above'}} parsed from LAKE.md."""
    tables: dict[str, dict[str, str | None]] = {}
    current = None
    for line in (ROOT / "docs" / "LAKE.md").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^## (\w+) —", line):
            current = tables.setdefault(m.group(1), {})
        elif current is not None and line.startswith("| ") and not line.startswith(("| column", "|---")):
            cells = [c.strip() for c in line.strip("|").split("|")]
            for col in cells[0].split(","):
                current[col.strip()] = cells[1] or None
    return tables


def test_lake_md_is_parsed() -> None:
    c = contract()
    assert set(c) == {"documents", "evaluations", "rectifications", "monitoring"}
    assert {t: len(cols) for t, cols in c.items()} == {
        "documents": 12,
        "evaluations": 24,
        "rectifications": 8,
        "monitoring": 25,
    }
    assert c["monitoring"]["light"] == "VARCHAR"


def test_every_contract_column_exists_with_its_type() -> None:
    for table, columns in contract().items():
        schema = TABLES[table]
        for column, typ in columns.items():
            assert column in schema.names, f"{table}.{column} missing"
            if typ:
                assert schema.field(column).type == TYPES[typ], f"{table}.{column}"
        for column in ("year", "unit", "district", "town"):  # the 'as above' rows
            if column in columns:
                assert schema.field(column).type == (pa.int32() if column == "year" else pa.string())


def test_written_files_carry_the_schema(seed_lake) -> None:
    for table, schema in TABLES.items():
        written = pq.read_schema(seed_lake / f"{table}.parquet")
        assert written.remove_metadata() == schema, table
