"""人工核对 over the hand-built lake (tests/fixture_lake.py), every expectation worked out by hand.

What needs a person in the fixture (money at stake: the amount, a tracked project's budget):
  e7 (200, 嘉定区): amount read "单位矛盾" (单位存疑), score from a sentence (需确认读取方式)
  e5 (120, 嘉定区, the hidden self-evaluation): budget and score read by OCR (读取不确定)
  e8 (80, 浦东新区): budget and score by OCR (读取不确定)
  e2 (50, 嘉定区): score from a sentence
  e6 (30, 嘉定区): score 120 and rate 350 % (超出范围)
  m3 (budget 10 at the start of the year, 浦东新区): rate 400 % (超出范围)
  d6 (no place): quarantined, no values (未读出数值)
Eleven values. The corrections (fixture_lake.CORRECTIONS): e7's amount 200 → 2 → 20 (zhao, the later
wins), e8's score 58 → 85 (its stated 差 now contradicts 85: a new value to review), e2's score
confirmed, m3's rate 400 % → 40 %, and one whose row is gone (orphaned).
"""

from __future__ import annotations

import pytest
from fixture_lake import CORRECTIONS, TODAY, FixedUpdates, _correction, build, column, records

from oversight.store.corrections import review_id
from oversight.store.query import LakeDB

JD_SCOPE = {"scope_district": "嘉定区", "scope_town": None}
PD_SCOPE = {"scope_district": "浦东新区", "scope_town": None}


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory):
    return build(tmp_path_factory.mktemp("review_lake"))


@pytest.fixture(scope="module")
def read(lake) -> LakeDB:
    """The lake as read, before anybody reviewed it."""
    return LakeDB(lake, shared=FixedUpdates())


@pytest.fixture(scope="module")
def fixed(lake) -> LakeDB:
    """The same lake with the hand-written corrections."""
    return LakeDB(lake, shared=FixedUpdates(CORRECTIONS))


def keys(rows: list[dict]) -> list[tuple]:
    return [(r["project_id"] or r["doc_id"], r["field"]) for r in rows]


def test_the_queue_lists_every_doubt_most_money_first(read: LakeDB) -> None:
    assert keys(records(read, "review_queue")) == [
        ("e7", "amount_wan"),
        ("e7", "score"),
        ("e5", "budget_wan"),
        ("e5", "score"),
        ("e8", "budget_wan"),
        ("e8", "score"),
        ("e2", "score"),
        ("e6", "execution_rate"),
        ("e6", "score"),
        ("m3", "execution_rate"),
        ("d6", "document"),
    ]


def test_each_entry_says_why_in_words(read: LakeDB) -> None:
    reasons = {(r["project_id"] or r["doc_id"], r["field"]): r["reason"] for r in records(read, "review_queue")}
    assert reasons[("e7", "amount_wan")] == "标为万元的数额大得不合理，已按元换算成万元，请对照原文核对单位"
    assert reasons[("e7", "score")] == "从正文语句中读出，不是表格中的数值"
    assert reasons[("e5", "budget_wan")] == "扫描件经文字识别（OCR）读出，数字可能认错"
    assert reasons[("e6", "score")] == "得分 120 超出 0–100，未计入平均分"
    assert reasons[("e6", "execution_rate")] == "执行率 350% 超出 0–300%，未计入统计"
    assert reasons[("m3", "execution_rate")] == "执行率 400% 超出 0–300%，未计入统计"
    assert reasons[("d6", "document")] == "整份文档没有读出任何项目或数值：无法识别文档类型"


def test_each_entry_names_its_value_and_kind(read: LakeDB) -> None:
    rows = {(r["project_id"] or r["doc_id"], r["field"]): r for r in records(read, "review_queue")}
    assert rows[("e7", "amount_wan")]["value"] == "200.0"
    assert rows[("e6", "execution_rate")]["value"] == "350%"
    assert rows[("e8", "score")]["value"] == "58"
    assert rows[("e7", "amount_wan")]["reason_kind"] == "单位存疑"
    assert rows[("e5", "score")]["reason_kind"] == "读取不确定"
    assert rows[("d6", "document")]["reason_kind"] == "未读出数值"
    assert rows[("e7", "amount_wan")]["money_wan"] == 200.0


def test_review_id_is_the_hash_of_where_the_value_was_read(read: LakeDB) -> None:
    first = records(read, "review_queue")[0]
    assert first["review_id"] == "0e9fdb77af01d097"  # md5("evaluations|d2|e7||amount_wan")[:16]
    assert review_id("evaluations", "d2", "e7", None, "amount_wan") == "0e9fdb77af01d097"


def test_filters_by_reason_document_and_place(read: LakeDB) -> None:
    assert keys(records(read, "review_queue", reason="超出范围")) == [
        ("e6", "execution_rate"),
        ("e6", "score"),
        ("m3", "execution_rate"),
    ]
    assert keys(records(read, "review_queue", doc_id="d4")) == [("e8", "budget_wan"), ("e8", "score")]
    assert keys(records(read, "review_queue", unit="嘉定区公安分局")) == [("e7", "amount_wan"), ("e7", "score")]
    assert len(records(read, "review_queue", district="浦东新区")) == 3


def test_the_scope_bounds_the_queue(read: LakeDB) -> None:
    assert len(records(read, "review_queue", **JD_SCOPE)) == 7
    assert keys(records(read, "review_queue", **PD_SCOPE)) == [
        ("e8", "budget_wan"),
        ("e8", "score"),
        ("m3", "execution_rate"),
    ]
    assert records(read, "review_queue", district="浦东新区", **JD_SCOPE) == []


def test_counts_before_review(read: LakeDB) -> None:
    counts = records(read, "review_counts")[0]
    assert counts["open_values"] == 11
    assert counts["open_documents"] == 1
    assert counts["projects_unconfirmed"] == 5  # e7, e8, e2, e6 shown; m3 tracked (e5 is hidden)
    assert counts["money_unconfirmed_wan"] == 360.0  # 200 + 80 + 50 + 30; m3 states no current budget
    assert counts["money_wan"] == 800.0  # 710 in 嘉定区 + 90 in 浦东新区
    assert counts["share_unconfirmed"] == 0.45


def test_a_correction_is_read_everywhere(fixed: LakeDB) -> None:
    projects = {r["project_id"]: r for r in records(fixed, "projects")}
    assert projects["e7"]["amount_wan"] == 20.0  # the later correction wins
    assert list(projects["e7"]["corrected_fields"]) == ["amount_wan"]
    assert projects["e7"]["corrected_by"] == "zhao"
    assert projects["e8"]["score"] == 85.0
    assert projects["e8"]["grade_by_score"] == "良"  # the band follows the corrected score
    assert projects["e8"]["grade"] == "差"  # the stated grade stays until someone corrects it
    assert projects["e1"]["corrected_fields"] is None


def test_tables_mark_corrected_and_unconfirmed_projects(fixed: LakeDB) -> None:
    projects = {r["project_id"]: r for r in records(fixed, "projects")}
    assert projects["e7"]["review_mark"] == "人工更正（zhao 2025-05-06 09:00）"
    assert projects["e6"]["review_mark"] == "待核对 2 项"
    assert projects["e6"]["unconfirmed"] == 2
    assert projects["e1"]["review_mark"] is None
    units = {r["unit"]: r for r in records(fixed, "unit_ranking")}
    assert units["嘉定区公安分局"]["unconfirmed_projects"] == 1  # e7's score is still open; e10 has nothing
    assert units["嘉定区城运中心"]["unconfirmed_projects"] == 1  # e6 (e2 was confirmed; e5 is hidden)
    assert units["川沙新镇城运中心"]["unconfirmed_projects"] == 1  # e8


def test_maps_rankings_and_sums_read_the_corrections(fixed: LakeDB) -> None:
    districts = {r["district"]: r for r in records(fixed, "district_map", today=TODAY)}
    assert districts["嘉定区"]["amount_wan"] == 530.0  # 710 − 200 + 20
    assert districts["浦东新区"]["mean_score"] == 85.0  # e8 alone has a score there
    units = {r["unit"]: r for r in records(fixed, "unit_ranking")}
    assert units["嘉定区公安分局"]["amount_wan"] == 170.0  # e7 20 + e10 150
    towns = {r["town"]: r for r in records(fixed, "town_points")}
    assert towns["川沙新镇"]["mean_score"] == 85.0
    summary = records(fixed, "lake_summary", today=TODAY)[0]
    assert summary["rates_out_of_range"] == 1  # e6's 350 %; m3's 400 % was corrected to 40 %
    lights = {r["project_id"]: r for r in records(fixed, "monitoring_lights")}
    assert lights["m3"]["execution_rate"] == 0.4


def test_corrections_close_entries_and_can_open_new_ones(fixed: LakeDB) -> None:
    assert keys(records(fixed, "review_queue")) == [
        ("e7", "score"),
        ("e5", "budget_wan"),
        ("e5", "score"),
        ("e8", "budget_wan"),
        ("e8", "grade"),  # 差 against a corrected 85
        ("e6", "execution_rate"),
        ("e6", "score"),
        ("d6", "document"),
    ]
    grade = next(r for r in records(fixed, "review_queue") if r["field"] == "grade")
    assert grade["reason"] == "写明等次“差”，按得分 85 应为“良”"


def test_reviewed_entries_keep_what_was_read(fixed: LakeDB) -> None:
    done = {(r["project_id"], r["field"]): r for r in records(fixed, "review_queue", state="done")}
    assert sorted(done) == [("e2", "score"), ("e7", "amount_wan"), ("e8", "score"), ("m3", "execution_rate")]
    assert done[("e7", "amount_wan")]["read_value"] == "200.0"
    assert done[("e7", "amount_wan")]["value"] == "20.0"
    assert done[("e7", "amount_wan")]["action"] == "correct"
    assert done[("e2", "score")]["action"] == "confirm"
    assert done[("e2", "score")]["reviewed_by"] == "li"
    assert done[("m3", "execution_rate")]["value"] == "40%"


def test_counts_after_review(fixed: LakeDB) -> None:
    counts = records(fixed, "review_counts")[0]
    assert counts["open_values"] == 8
    assert counts["projects_unconfirmed"] == 3  # e7, e8, e6
    assert counts["money_unconfirmed_wan"] == 130.0  # 20 + 80 + 30
    assert counts["money_wan"] == 620.0  # 530 + 90
    assert counts["share_unconfirmed"] == 0.2097  # 130 / 620


def test_history_lists_every_correction_and_the_orphan(fixed: LakeDB) -> None:
    history = records(fixed, "review_history")
    assert column(history, "n") == [6, 5, 4, 3, 2, 1]
    assert column(history, "orphaned") == [False, True, False, False, False, False]
    assert history[0]["old_value"] == "2.0"
    assert history[0]["new_value"] == "20.0"
    assert column(records(fixed, "review_history", orphaned=True), "project_id") == ["gone"]
    assert column(records(fixed, "review_history", **JD_SCOPE), "n") == [6, 3, 1]  # no orphan for a scope


def test_a_document_marked_not_a_performance_document_leaves_every_page(lake) -> None:
    marked = [
        *CORRECTIONS,
        _correction(7, "documents", "d2", None, "document", "not_a_document", None, None, "root"),
    ]
    db = LakeDB(lake, shared=FixedUpdates(marked))
    assert sorted(column(records(db, "projects", **JD_SCOPE), "project_id")) == ["e1", "e10", "e2", "e5"]
    assert "d2" not in column(records(db, "review_queue"), "doc_id")
