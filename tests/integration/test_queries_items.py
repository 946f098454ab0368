"""The 整改, monitoring, document and lookup queries over the hand-built lake (tests/fixture_lake.py).

Items in their current state on 2025-06-01: r1 done (e1); r2 in_progress by wang's update, due 2024-06-30
kept (overdue); r3 done by li's update; r4 not_started, of the hidden self-evaluation e5; r5 planned, due
2026-01-31 (e8). Tracked: m1 red in June and green in August, m2 yellow (cut 30 of 40), m3 at 400 %.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from fixture_lake import CHUANSHA, CITY, MALU, POLICE, TODAY, FixedUpdates, build, column, records

from oversight.store.query import LakeDB, query_names


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> LakeDB:
    return LakeDB(build(tmp_path_factory.mktemp("hand_lake")), shared=FixedUpdates())


def run(db: LakeDB, name: str, **params) -> list[dict]:
    return records(db, name, **params)


# rectification_items: overdue first, then by due date (none last), project, seq.
def test_rectification_items_order(db: LakeDB) -> None:
    assert column(run(db, "rectification_items", today=TODAY), "item_id") == ["r2", "r5", "r1", "r3"]


def test_rectification_items_carry_the_score_and_stated_grade(db: LakeDB) -> None:
    rows = run(db, "rectification_items", today=TODAY)
    assert [(r["item_id"], r["score"], r["grade"]) for r in rows] == [
        ("r2", 90.0, "优"),
        ("r5", 58.0, "差"),
        ("r1", 80.0, "良"),
        ("r3", 90.0, "优"),
    ]


def test_rectification_items_total(db: LakeDB) -> None:
    assert column(run(db, "rectification_items", today=TODAY, limit=1, offset=1), "total") == [4]


def test_rectification_items_page(db: LakeDB) -> None:
    assert column(run(db, "rectification_items", today=TODAY, limit=1, offset=1), "item_id") == ["r5"]


def test_rectification_items_overdue(db: LakeDB) -> None:
    assert column(run(db, "rectification_items", today=TODAY, status="overdue"), "item_id") == ["r2"]


def test_rectification_items_done(db: LakeDB) -> None:
    assert column(run(db, "rectification_items", today=TODAY, status="done"), "item_id") == ["r1", "r3"]


def test_an_update_without_a_date_keeps_the_due_date(db: LakeDB) -> None:
    r2 = run(db, "rectification_items", today=TODAY)[0]
    assert (r2["status"], r2["read_status"], r2["due_date"].date().isoformat()) == (
        "in_progress",
        "planned",
        "2024-06-30",
    )


def test_rectification_items_grade_filter_is_the_effective_grade(db: LakeDB) -> None:
    assert column(run(db, "rectification_items", today=TODAY, grade="差"), "item_id") == ["r5"]


def test_rectification_status(db: LakeDB) -> None:
    rows = run(db, "rectification_status", today=TODAY)
    assert [(r["status"], r["items"], r["overdue"]) for r in rows] == [
        ("planned", 1, 0),
        ("in_progress", 1, 1),
        ("done", 2, 0),
    ]


def test_rectification_by_unit(db: LakeDB) -> None:
    rows = run(db, "rectification_by_unit", today=TODAY)
    assert [(r["unit"], r["status"], r["items"], r["overdue"], r["open_in_unit"]) for r in rows] == [
        (CITY, "done", 2, 0, 1),
        (CITY, "in_progress", 1, 1, 1),
        (CHUANSHA, "planned", 1, 0, 1),
    ]


def test_project_items_after_updates(db: LakeDB) -> None:
    rows = run(db, "project_items", id="e3", today=TODAY)
    assert [(r["seq"], r["status"], r["overdue"], r["state_source"], r["updated_by"]) for r in rows] == [
        (1, "in_progress", True, "update", "wang"),
        (2, "done", False, "update", "li"),
    ]


def test_project_items_of_a_hidden_self_evaluation(db: LakeDB) -> None:
    rows = run(db, "project_items", id="e5", today=TODAY)
    assert [(r["item_id"], r["status"], r["overdue"]) for r in rows] == [("r4", "not_started", False)]


def test_items_by_id_any_evaluation_in_scope(db: LakeDB) -> None:
    assert sorted(column(run(db, "items_by_id", ids=["r1", "r4", "gone"]), "item_id")) == ["r1", "r4"]


def test_items_by_id_scope(db: LakeDB) -> None:
    assert column(run(db, "items_by_id", ids=["r1", "r5"], scope_district="浦东新区"), "item_id") == ["r5"]


def test_item_history(db: LakeDB) -> None:
    assert [(r["user"], r["status"]) for r in run(db, "item_history", item_id="r2")] == [("wang", "in_progress")]


def test_item_history_scope(db: LakeDB) -> None:
    assert run(db, "item_history", item_id="r2", scope_district="浦东新区") == []


def test_audit_newest_first(db: LakeDB) -> None:
    assert column(run(db, "audit"), "update_id") == ["u3", "u2", "u1"]


def test_audit_orphan(db: LakeDB) -> None:
    assert column(run(db, "audit"), "orphaned") == [True, False, False]


def test_audit_by_user(db: LakeDB) -> None:
    assert column(run(db, "audit", user="li"), "update_id") == ["u3", "u1"]


def test_audit_by_unit(db: LakeDB) -> None:
    assert column(run(db, "audit", unit=CITY), "update_id") == ["u2", "u1"]


def test_audit_since(db: LakeDB) -> None:
    assert column(run(db, "audit", since="2025-03-01"), "update_id") == ["u3", "u2"]


def test_audit_until_includes_the_day(db: LakeDB) -> None:
    assert column(run(db, "audit", until="2025-02-01"), "update_id") == ["u1"]


def test_audit_scope_hides_orphans(db: LakeDB) -> None:
    assert column(run(db, "audit", scope_district="嘉定区"), "update_id") == ["u2", "u1"]


def test_account_events_newest_first(db: LakeDB) -> None:
    assert column(run(db, "account_events"), "n") == [3, 2, 1]


def test_account_events_by_user(db: LakeDB) -> None:
    assert column(run(db, "account_events", user="li"), "action") == ["sign_in_refused", "sign_in"]


def test_account_events_by_action(db: LakeDB) -> None:
    assert column(run(db, "account_events", action="user_add"), "detail") == ["wang (editor)"]


def test_account_events_since(db: LakeDB) -> None:
    assert column(run(db, "account_events", since="2025-03-02"), "n") == [3]


def test_account_events_until_includes_the_day(db: LakeDB) -> None:
    assert column(run(db, "account_events", until="2025-03-01"), "n") == [2, 1]


def test_account_events_not_for_a_scoped_admin(db: LakeDB) -> None:
    assert run(db, "account_events", scope_district="嘉定区") == []


def test_orphaned_updates(db: LakeDB) -> None:
    assert column(run(db, "orphaned_updates"), "item_id") == ["gone"]


def test_orphaned_updates_not_for_a_scoped_user(db: LakeDB) -> None:
    assert run(db, "orphaned_updates", scope_district="嘉定区") == []


# Monitoring: each project once, at its latest period.
def test_light_counts(db: LakeDB) -> None:
    rows = run(db, "light_counts")
    assert [(r["light"], r["projects"], r["cut_over_half"]) for r in rows] == [("yellow", 1, 1), ("green", 1, 0)]


def test_light_counts_in_one_district(db: LakeDB) -> None:
    assert [(r["light"], r["projects"]) for r in run(db, "light_counts", district="嘉定区")] == [("green", 1)]


def test_monitoring_lights(db: LakeDB) -> None:
    rows = run(db, "monitoring_lights")
    assert [(r["project_id"], r["light"], r["periods"]) for r in rows] == [
        ("m2", "yellow", 1),
        ("m1", "green", 2),
        ("m3", None, 1),
    ]


def test_monitoring_lights_gap_and_cut(db: LakeDB) -> None:
    m2 = run(db, "monitoring_lights")[0]
    assert (round(m2["gap"], 4), m2["cut_share"], m2["cut_over_half"]) == (-0.05, 0.75, True)


def test_monitoring_lights_red_is_not_an_old_period(db: LakeDB) -> None:
    assert run(db, "monitoring_lights", light="red") == []


def test_monitoring_detail_lists_every_period(db: LakeDB) -> None:
    rows = run(db, "monitoring_detail", id="m1")
    assert [(r["period_end"].date().isoformat(), r["light"]) for r in rows] == [
        ("2024-06-30", "red"),
        ("2024-08-31", "green"),
    ]


def test_monitoring_detail_scope(db: LakeDB) -> None:
    assert run(db, "monitoring_detail", id="m1", scope_district="浦东新区") == []


# Documents, their lines, and the values filters may take.
def test_documents_newest_first(db: LakeDB) -> None:
    assert column(run(db, "documents"), "doc_id") == ["d8", "d7", "d6", "d5", "d4", "d3", "d2", "d1"]


def test_documents_by_status(db: LakeDB) -> None:
    assert column(run(db, "documents", status="quarantined"), "source_name") == ["bad.pdf"]


def test_documents_scope_leaves_out_unknown_places(db: LakeDB) -> None:
    assert column(run(db, "documents", scope_district="浦东新区"), "doc_id") == ["d8", "d7", "d4"]


def test_documents_findings_and_date(db: LakeDB) -> None:
    d2 = run(db, "documents", status="warning")[0]
    assert (d2["findings"], d2["doc_date"]) == (1, datetime(2024, 3, 1))


def test_source_lines(db: LakeDB) -> None:
    assert column(run(db, "source_lines", doc_id="d1"), "line_no") == [1, 2, 3]


def test_source_lines_scope(db: LakeDB) -> None:
    assert run(db, "source_lines", doc_id="d1", scope_district="浦东新区") == []


def test_filter_values(db: LakeDB) -> None:
    rows = run(db, "filter_values")
    assert [(r["kind"], r["value"], r["parent"]) for r in rows] == [
        ("town", "川沙新镇", "浦东新区"),
        ("town", "马陆镇", "嘉定区"),
        ("unit", POLICE, "嘉定区"),  # 公 (U+516C) sorts before 城 (U+57CE)
        ("unit", CITY, "嘉定区"),
        ("unit", CHUANSHA, "浦东新区"),
        ("unit", MALU, "嘉定区"),
        ("year", "2022", None),
        ("year", "2023", None),
        ("year", "2024", None),
    ]


def test_filter_values_scope(db: LakeDB) -> None:
    rows = run(db, "filter_values", scope_district="浦东新区")
    assert [(r["kind"], r["value"]) for r in rows] == [
        ("town", "川沙新镇"),
        ("unit", CHUANSHA),
        ("year", "2023"),
        ("year", "2024"),
    ]


def test_every_query_has_hand_written_expectations() -> None:
    """A new query in queries/ needs its expectations in one of the test_queries_*.py files."""
    from pathlib import Path

    text = "".join(f.read_text(encoding="utf-8") for f in Path(__file__).parent.glob("test_queries_*.py"))
    assert [n for n in query_names() if f'"{n}"' not in text] == []
