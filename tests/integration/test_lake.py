"""The lake: incremental, revised publications replace, versions move, readers are never broken."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pytest
from helpers import SEED_000, SEED_001, rows

from oversight.ingest.pipeline import run
from oversight.store.lake import Lake
from oversight.store.query import LakeDB


def test_reingest_is_incremental(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    first = run([SEED_000], lake)
    assert first.version == 1
    again = run([SEED_000], lake)
    assert [d.path for d in again.duplicates] == [SEED_000]
    assert not again.results
    assert again.version == 1
    assert lake.version() == 1
    added = run([SEED_000, SEED_001], lake)
    assert len(added.results) == 1
    assert len(added.duplicates) == 1
    assert added.version == 2
    assert len(rows(lake.root, "documents")) == 2
    assert len(rows(lake.root, "evaluations")) == 8
    assert len(rows(lake.root, "monitoring")) == 1


def test_a_quarantined_file_is_read_again_not_reported_as_a_duplicate(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    odd = tmp_path / "notes.txt"
    odd.write_text("会议通知：请各单位于周五前报送材料。\n", encoding="utf-8")
    first = run([odd], lake)
    assert first.results[0].doc["status"] == "quarantined"
    again = run([odd], lake)
    assert again.duplicates == []
    assert [r.doc["status"] for r in again.results] == ["quarantined"]
    assert len(rows(lake.root, "documents")) == 1  # the same row, replaced


def test_a_revised_publication_replaces_its_projects(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    run([SEED_000], lake)
    revised = tmp_path / "seed000_revised.txt"
    text = SEED_000.read_text(encoding="utf-8")
    revised.write_text(
        text.replace("评价分值\t94 分", "评价分值\t84 分").replace("等次为“优”", "等次为“良”", 2), encoding="utf-8"
    )
    report = run([revised], lake)
    assert report.replaced == 8
    ev = {e["name"]: e for e in rows(lake.root, "evaluations")}
    assert len(ev) == 8
    soft = ev["2017-2018 年联勤网格化软件运维"]
    assert (soft["score"], soft["grade"], soft["grade_by_score"]) == (84.0, "良", "良")
    hard = ev["2017-2018 年度嘉定区联勤网格化中心硬件运维项目"]
    assert (hard["grade"], hard["grade_by_score"]) == ("良", "优")
    docs = {d["source_name"]: d for d in rows(lake.root, "documents")}
    assert set(docs) == {SEED_000.name, revised.name}  # the earlier document stays listed
    assert {e["doc_id"] for e in ev.values()} == {docs[revised.name]["doc_id"]}
    assert any("写明为“良”，按分值 95.96 应为“优”" in m for m in docs[revised.name]["messages"])
    assert len(rows(lake.root, "rectifications")) == 11  # replaced, not doubled


def test_readers_see_whole_tables_while_an_ingest_writes(tmp_path: Path, seed_lake: Path) -> None:
    lake = Lake(tmp_path / "lake")
    run([SEED_000], lake)
    db = LakeDB(lake.root)
    counts: list[int] = []
    errors: list[Exception] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                db.refresh()
                counts.append(int(db.run("lake_summary")["projects"][0]))
            except Exception as exc:  # noqa: BLE001 - any reader failure fails the test
                errors.append(exc)

    t = threading.Thread(target=read)
    t.start()
    for i in range(12):  # more versions than KEEP_VERSIONS: pruning happens while reading
        copy = tmp_path / f"copy{i}.txt"
        copy.write_text(SEED_000.read_text(encoding="utf-8").replace("2018年度", f"{2030 + i}年度"), encoding="utf-8")
        run([copy], lake)
    stop.set()
    t.join()
    assert not errors
    assert counts
    assert set(counts) <= {8 * k for k in range(1, 14)}
    assert counts == sorted(counts)
    assert db.refresh() == 13
    assert int(db.run("lake_summary")["projects"][0]) == 104
    assert len(list((lake.root / "_versions").glob("evaluations-*"))) <= 8


def test_manifest_and_files_are_a_plain_parquet_lake(seed_lake: Path) -> None:
    manifest = Lake(seed_lake).manifest()
    assert manifest["version"] == 1
    assert manifest["tables"]["evaluations"] == {
        "file": "evaluations.parquet",
        "snapshot": "_versions/evaluations-000001.parquet",
        "rows": 8,
    }
    assert not list(seed_lake.glob("*.tmp-*"))
    snap = seed_lake / manifest["tables"]["evaluations"]["snapshot"]
    assert snap.stat().st_ino == (seed_lake / "evaluations.parquet").stat().st_ino  # a link, not a copy
    con = duckdb.connect()  # any engine reads it: no custom format
    assert con.execute(
        "select sum(amount_wan) from read_parquet(?)", [str(seed_lake / "evaluations.parquet")]
    ).fetchone()[0] == pytest.approx(1633.38)
