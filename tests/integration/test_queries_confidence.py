"""reading_confidence over the hand-built lake (tests/fixture_lake.py). Shown projects with marks:
e2 (score likely), e7 (amount unsure, score likely; 200 万元), e8 (two unsure; 80 万元, 浦东新区);
e5 has two unsure marks but hides behind e3 (a self-evaluation beside a finance evaluation)."""

from __future__ import annotations

import pytest
from fixture_lake import build, records

from oversight.store.query import LakeDB


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> LakeDB:
    return LakeDB(build(tmp_path_factory.mktemp("hand_lake")))


def one(db: LakeDB, **params) -> dict:
    return records(db, "reading_confidence", **params)[0]


def test_unsure_values_on_shown_projects(db: LakeDB) -> None:
    assert one(db)["unsure_values"] == 3


def test_likely_values_on_shown_projects(db: LakeDB) -> None:
    assert one(db)["likely_values"] == 2


def test_projects_with_an_unsure_value(db: LakeDB) -> None:
    assert one(db)["projects_unsure"] == 2


def test_money_in_projects_with_an_unsure_value(db: LakeDB) -> None:
    assert one(db)["money_unsure_wan"] == 280.0


def test_district_filter_narrows_the_count(db: LakeDB) -> None:
    assert one(db, district="浦东新区")["unsure_values"] == 2


def test_a_scoped_user_counts_only_their_district(db: LakeDB) -> None:
    assert one(db, scope_district="嘉定区")["money_unsure_wan"] == 200.0
