"""Every evaluation query over the hand-built lake (tests/fixture_lake.py), expectations worked out by hand.

The shown projects (one per district, unit, year, name): e1 e2 e3 e4 e6 e7 e8 e9 e10 — e5 (a self-
evaluation) hides behind e3 (finance), e11 (a department's, dated 2023-12-01) behind e8 (its document
undated, ingested 2025-01-04). Valid scores: e1 80, e2 72, e3 90, e4 95, e7 85, e8 58, e10 75; e6's 120
is out of range; e9 has none. Amounts: e1 100, e2 50, e3 120, e4 60, e6 30, e7 200, e8 80, e9 10, e10 150.
"""

from __future__ import annotations

import pytest
from fixture_lake import CHUANSHA, CITY, POLICE, FixedUpdates, build, column, records

from oversight.store.query import LakeDB


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> LakeDB:
    return LakeDB(build(tmp_path_factory.mktemp("hand_lake")), shared=FixedUpdates())


def run(db: LakeDB, name: str, **params) -> list[dict]:
    return records(db, name, **params)


# projects: one row per project, lowest score first, NULL scores last.
def test_projects_lists_each_project_once(db: LakeDB) -> None:
    assert column(run(db, "projects"), "project_id") == ["e8", "e2", "e10", "e1", "e7", "e3", "e4", "e6", "e9"]


def test_projects_highest_first(db: LakeDB) -> None:
    assert column(run(db, "projects", order="desc"), "project_id") == [
        "e6",
        "e4",
        "e3",
        "e7",
        "e1",
        "e10",
        "e2",
        "e8",
        "e9",
    ]


def test_projects_rank_counts_from_the_best_valid_score(db: LakeDB) -> None:
    ranks = {r["project_id"]: r["rank"] for r in run(db, "projects")}
    assert ranks == {"e4": 1, "e3": 2, "e7": 3, "e1": 4, "e10": 5, "e2": 6, "e8": 7, "e6": None, "e9": None}


def test_projects_rank_is_the_same_in_either_order(db: LakeDB) -> None:
    assert column(run(db, "projects", order="desc", limit=3), "rank") == [None, 1, 2]  # e6's 120 is out of range


def test_projects_rank_follows_the_filters(db: LakeDB) -> None:
    assert column(run(db, "projects", category="video"), "rank") == [4, 3, 2, 1]  # e10 75, e1 80, e7 85, e3 90


def test_projects_page(db: LakeDB) -> None:
    assert column(run(db, "projects", limit=2, offset=1), "project_id") == ["e2", "e10"]


def test_projects_grid_layer_includes_cityops(db: LakeDB) -> None:
    assert column(run(db, "projects", theme="grid"), "project_id") == ["e8", "e2", "e10", "e7", "e4"]


def test_projects_category_matches_any_theme(db: LakeDB) -> None:
    assert column(run(db, "projects", category="video"), "project_id") == ["e10", "e1", "e7", "e3"]


def test_grade_filter_finds_a_project_graded_only_by_its_score(db: LakeDB) -> None:
    assert column(run(db, "projects", grade="优"), "project_id") == ["e3", "e4"]


def test_derived_grade_is_labelled(db: LakeDB) -> None:
    e4 = run(db, "projects", grade="优")[1]
    assert e4["grade"] is None
    assert e4["effective_grade"] == "优"
    assert e4["grade_derived"] is True


def test_self_evaluation_is_beside_the_finance_evaluation(db: LakeDB) -> None:
    e3 = next(r for r in run(db, "projects") if r["project_id"] == "e3")
    assert e3["score"] == 90.0
    assert e3["eval_type"] == "finance"
    assert e3["self_project_id"] == "e5"
    assert e3["self_score"] == 100.0
    assert e3["self_grade"] == "优"
    assert e3["statements"] == 2


def test_an_independent_evaluation_by_its_document_date(db: LakeDB) -> None:
    e8 = next(r for r in run(db, "projects") if r["project_id"] == "e8")
    assert e8["statements"] == 2
    assert e8["self_project_id"] is None


def test_projects_scope_holds(db: LakeDB) -> None:
    assert column(run(db, "projects", scope_district="浦东新区"), "project_id") == ["e8", "e9"]


# grade_distribution: by effective grade, 未写明 for e6 (120) and e9 (no score).
def test_grade_distribution(db: LakeDB) -> None:
    rows = run(db, "grade_distribution")
    assert [(r["grade"], r["projects"], r["amount_wan"], r["derived"]) for r in rows] == [
        ("优", 2, 180.0, 1),
        ("良", 2, 300.0, 0),
        ("中", 2, 200.0, 0),
        ("差", 1, 80.0, 0),
        ("未写明", 2, 40.0, 0),
    ]


def test_grade_distribution_in_one_year(db: LakeDB) -> None:
    rows = run(db, "grade_distribution", years=[2022])
    assert [(r["grade"], r["projects"]) for r in rows] == [("良", 1), ("中", 2)]


# lake_summary: 9 projects, 800 万元; mean of 7 valid scores 555/7; weighted 60990/760.
@pytest.fixture(scope="module")
def summary(db: LakeDB) -> dict:
    return run(db, "lake_summary", today="2025-06-01")[0]


@pytest.mark.parametrize(
    ("field", "want"),
    [
        ("projects", 9),
        ("amount_wan", 800.0),
        ("mean_score", 79.29),
        ("weighted_score", 80.25),
        ("share_excellent", 0.2857),  # 2 优 (e3, e4 by score) of 7 with a grade
        ("derived_grades", 1),
        ("scores_out_of_range", 1),
        ("rates_out_of_range", 2),  # e6 350 %, m3 400 %
        ("open_items", 2),  # r2, r5 (r4 is the hidden self-evaluation's)
        ("overdue_items", 1),  # r2: updated without a date, due 2024-06-30
        ("tracked", 3),  # m1 (two periods) counts once
        ("red_lights", 0),  # m1 was red in June, green in August
        ("documents", 8),
        ("quarantined", 1),
        ("with_findings", 1),
        ("has_demo", False),
    ],
)
def test_lake_summary(summary: dict, field: str, want: object) -> None:
    assert summary[field] == want


def test_lake_summary_last_ingest(summary: dict) -> None:
    assert summary["last_ingest"].isoformat() == "2025-01-08T10:00:00"


def test_lake_summary_scoped_documents(db: LakeDB) -> None:
    assert run(db, "lake_summary", scope_district="浦东新区")[0]["documents"] == 3


def test_lake_summary_scoped_projects(db: LakeDB) -> None:
    assert run(db, "lake_summary", scope_district="浦东新区")[0]["projects"] == 2


# category_ranking: grid 83.5, video 82.5, cityops 58; data and security have no valid score.
def test_category_ranking_order(db: LakeDB) -> None:
    assert column(run(db, "category_ranking"), "category")[:3] == ["grid", "video", "cityops"]


def test_category_ranking_grid(db: LakeDB) -> None:
    grid = run(db, "category_ranking")[0]
    assert (grid["projects"], grid["amount_wan"], grid["mean_score"]) == (2, 110.0, 83.5)
    assert grid["weighted_score"] == 84.55  # (72×50 + 95×60) / 110
    assert grid["lowest_score"] == 72.0


def test_category_ranking_out_of_range_score_is_no_mean(db: LakeDB) -> None:
    data = next(r for r in run(db, "category_ranking") if r["category"] == "data")
    assert (data["projects"], data["mean_score"], data["lowest_score"]) == (1, None, None)


# score_by_year.
def test_score_by_year(db: LakeDB) -> None:
    rows = run(db, "score_by_year")
    assert [(r["year"], r["projects"], r["mean_score"], r["weighted_score"]) for r in rows] == [
        (2022, 3, 75.67, 76.17),  # (80+72+75)/3; 22850/300
        (2023, 6, 82.0, 82.91),  # (90+95+85+58)/4; 38140/460
    ]


# unit_ranking: the change compares the latest year with the one before, under the same filters.
def test_unit_ranking_order(db: LakeDB) -> None:
    assert column(run(db, "unit_ranking"), "unit") == [CITY, POLICE, CHUANSHA]


def test_unit_ranking_city(db: LakeDB) -> None:
    city = run(db, "unit_ranking")[0]
    assert (city["projects"], city["amount_wan"], city["mean_score"]) == (5, 360.0, 84.25)
    assert city["weighted_score"] == 85.15  # 28100 / 330
    assert (city["lowest_score"], city["latest_year"]) == (72.0, 2023)
    assert city["change_from_last_year"] == 16.5  # (90+95)/2 − (80+72)/2


def test_unit_ranking_change_under_the_category_filter(db: LakeDB) -> None:
    city = run(db, "unit_ranking", years=[2023], category="video")[0]
    assert city["mean_score"] == 90.0  # e3; the self-evaluation's 100 is not the shown one
    assert city["change_from_last_year"] == 10.0  # video 80 → 90


def test_unit_ranking_change_with_one_year_and_grid(db: LakeDB) -> None:
    rows = {r["unit"]: r for r in run(db, "unit_ranking", years=[2023], category="grid")}
    assert rows[CITY]["change_from_last_year"] == 23.0  # 网格平台 72 → 95
    assert rows[POLICE]["change_from_last_year"] == 10.0


def test_unit_ranking_without_a_year_before(db: LakeDB) -> None:
    assert run(db, "unit_ranking")[2]["change_from_last_year"] is None


# district_map and town_points.
def test_district_map(db: LakeDB) -> None:
    rows = run(db, "district_map", today="2025-06-01")
    assert [(r["district"], r["projects"], r["amount_wan"], r["mean_score"], r["open_items"]) for r in rows] == [
        ("嘉定区", 7, 710.0, 82.83, 1),  # 497/6; r2 open
        ("浦东新区", 2, 90.0, 58.0, 1),  # r5 open
    ]


def test_district_map_grid_layer(db: LakeDB) -> None:
    rows = run(db, "district_map", theme="grid", today="2025-06-01")
    assert [(r["district"], r["projects"], r["mean_score"], r["open_items"]) for r in rows] == [
        ("嘉定区", 4, 81.75, 0),
        ("浦东新区", 1, 58.0, 1),
    ]


def test_town_points(db: LakeDB) -> None:
    rows = run(db, "town_points")
    assert [(r["district"], r["town"], r["projects"], r["amount_wan"], r["mean_score"]) for r in rows] == [
        ("浦东新区", "川沙新镇", 2, 90.0, 58.0)
    ]


def test_town_points_video_layer_is_empty(db: LakeDB) -> None:
    assert run(db, "town_points", theme="video") == []


# One project: its row, its other evaluations, its other years.
def test_project_detail_of_a_hidden_self_evaluation(db: LakeDB) -> None:
    (e5,) = run(db, "project_detail", id="e5")
    assert (e5["eval_type"], e5["score"]) == ("self", 100.0)


def test_project_detail_out_of_range(db: LakeDB) -> None:
    (e6,) = run(db, "project_detail", id="e6")
    assert (e6["score"], e6["valid_score"], e6["valid_rate"], e6["effective_grade"]) == (120.0, None, None, None)


def test_project_detail_scope(db: LakeDB) -> None:
    assert run(db, "project_detail", id="e1", scope_district="浦东新区") == []


def test_project_evaluations_from_the_self_evaluation(db: LakeDB) -> None:
    rows = run(db, "project_evaluations", id="e5")
    assert [(r["project_id"], r["eval_type"], r["shown"]) for r in rows] == [
        ("e3", "finance", True),
        ("e5", "self", False),
    ]


def test_project_evaluations_latest_document(db: LakeDB) -> None:
    rows = run(db, "project_evaluations", id="e11")
    assert [(r["project_id"], r["shown"], str(r["stated_on"].date())) for r in rows] == [
        ("e8", True, "2025-01-04"),  # undated: its ingest day
        ("e11", False, "2023-12-01"),
    ]


def test_project_history(db: LakeDB) -> None:
    rows = run(db, "project_history", id="e5")
    assert [(r["project_id"], r["year"], r["score"]) for r in rows] == [("e1", 2022, 80.0), ("e3", 2023, 90.0)]


def test_project_history_scope(db: LakeDB) -> None:
    assert run(db, "project_history", id="e7", scope_district="浦东新区") == []
