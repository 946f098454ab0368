"""The wall's 最新动态 query (queries/wall_changes.sql) over the hand-built lake (tests/fixture_lake.py).

Worked out on paper: documents d1–d8 were ingested on 2025-01-01 … 01-08 at 10:00; li's update (u1)
set r3 done on 2025-02-01 and wang's (u2) set r2 in progress on 2025-03-01, both items of e3 (视频运维,
嘉定区城运中心); u3's item is gone from the lake, so it is no change anyone can place.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from fixture_lake import CHUANSHA, CITY, TODAY, FixedUpdates, build, column, records

from oversight.store.query import LakeDB


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> LakeDB:
    return LakeDB(build(tmp_path_factory.mktemp("wall_lake")), shared=FixedUpdates())


def changes(db: LakeDB, **params) -> list[dict]:
    return records(db, "wall_changes", today=TODAY, **params)


def test_newest_first_updates_and_documents_together(db: LakeDB) -> None:
    rows = changes(db)
    assert [(r["kind"], r["subject"]) for r in rows] == [
        ("update", "视频运维"),
        ("update", "视频运维"),
        ("document", "dept2023.txt"),
        ("document", "chuansha2024.txt"),
        ("document", "bad.pdf"),
        ("document", "malu2024.txt"),
        ("document", "pudong2023.txt"),
        ("document", "self2023.docx"),
        ("document", "fin2023.txt"),
        ("document", "fin2022.txt"),
    ]


def test_an_update_says_when_who_which_unit_and_the_new_status(db: LakeDB) -> None:
    first = changes(db)[0]
    assert (first["at"], first["unit"], first["detail"], first["user"]) == (
        datetime(2025, 3, 1, 9, 0),
        CITY,
        "in_progress",
        "wang",
    )


def test_a_document_says_when_which_unit_and_its_outcome(db: LakeDB) -> None:
    rows = {r["subject"]: r for r in changes(db)}
    assert (rows["dept2023.txt"]["at"], rows["dept2023.txt"]["unit"]) == (datetime(2025, 1, 8, 10, 0), CHUANSHA)
    assert (rows["fin2023.txt"]["detail"], rows["fin2023.txt"]["doc_kind"]) == ("warning", "evaluation_result")
    assert (rows["bad.pdf"]["detail"], rows["bad.pdf"]["unit"]) == ("quarantined", None)


def test_the_limit(db: LakeDB) -> None:
    assert column(changes(db, limit=3), "subject") == ["视频运维", "视频运维", "dept2023.txt"]


def test_the_district_filter(db: LakeDB) -> None:
    assert column(changes(db, district="浦东新区"), "subject") == ["dept2023.txt", "chuansha2024.txt", "pudong2023.txt"]


def test_the_town_filter(db: LakeDB) -> None:
    assert column(changes(db, town="马陆镇"), "subject") == ["malu2024.txt"]


def test_a_scoped_user_sees_only_their_district(db: LakeDB) -> None:
    assert column(changes(db, scope_district="浦东新区"), "subject") == [
        "dept2023.txt",
        "chuansha2024.txt",
        "pudong2023.txt",
    ]


def test_a_town_scope_hides_district_level_updates(db: LakeDB) -> None:
    assert column(changes(db, scope_district="嘉定区", scope_town="马陆镇"), "subject") == ["malu2024.txt"]


def test_a_filter_cannot_widen_the_scope(db: LakeDB) -> None:
    assert changes(db, district="嘉定区", scope_district="浦东新区") == []
