"""人工核对 end to end on both shared-state backends: an editor corrects a 元-as-万元 amount and a grade
read from a sentence, every query reads them, refusals save nothing, re-ingest keeps them, a revised
document orphans them, and 20 correctors × 20 corrections at once lose nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import review_docs

from oversight.access.roles import User
from oversight.ingest.pipeline import run
from oversight.store.lake import Lake
from oversight.store.query import LakeDB
from oversight.store.review import Refused, save
from oversight.store.shared import Shared

EDITOR = User("zhang", "editor", "嘉定区")
ADMIN = User("root", "admin")


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    run([review_docs.write(tmp_path / "docs")], Lake(tmp_path / "lake"))
    return tmp_path / "lake"


@pytest.fixture
def db(lake: Path, shared_store: Shared) -> LakeDB:
    return LakeDB(lake, shared_store)


def queue(db: LakeDB, **params) -> dict[tuple[str, str], dict]:
    db.refresh()
    rows = db.run("review_queue", params, strict=False).to_dict("records")
    return {(r["name"], r["field"]): r for r in rows}


def project(db: LakeDB, name: str) -> dict:
    db.refresh()
    return next(r for r in db.run("projects", {}, strict=False).to_dict("records") if r["name"] == name)


def test_the_reading_needs_review(db: LakeDB) -> None:
    assert sorted(queue(db)) == [  # 网 (U+7F51) sorts before 视 (U+89C6)
        (review_docs.GRID, "amount_wan"),
        (review_docs.GRID, "grade"),
        (review_docs.VIDEO, "amount_wan"),
        (review_docs.VIDEO, "grade"),
    ]
    assert project(db, review_docs.GRID)["amount_wan"] == 0.00865


def test_an_editor_corrects_an_amount_and_a_grade(db: LakeDB) -> None:
    items = queue(db)
    amount, grade = items[(review_docs.GRID, "amount_wan")], items[(review_docs.GRID, "grade")]
    save(db, db.shared.corrections, EDITOR, amount["review_id"], "correct", "86.5", "表头单位应为万元")
    save(db, db.shared.corrections, EDITOR, grade["review_id"], "correct", "优")
    grid = project(db, review_docs.GRID)
    assert grid["amount_wan"] == 86.5
    assert grid["grade"] == "优"
    assert grid["effective_grade"] == "优"
    assert list(grid["corrected_fields"]) == ["amount_wan", "grade"]
    assert grid["corrected_by"] == "zhang"
    assert grid["unconfirmed"] == 0
    assert sorted(queue(db)) == [(review_docs.VIDEO, "amount_wan"), (review_docs.VIDEO, "grade")]
    summary = db.run("lake_summary", {"today": "2025-01-01"}, strict=False).iloc[0]
    assert summary["amount_wan"] == 86.51  # 86.5 + 0.01204, rounded to 2 places


def test_confirming_closes_the_entry_and_keeps_the_value(db: LakeDB) -> None:
    grade = queue(db)[(review_docs.VIDEO, "grade")]
    save(db, db.shared.corrections, EDITOR, grade["review_id"], "confirm")
    assert (review_docs.VIDEO, "grade") not in queue(db)
    assert project(db, review_docs.VIDEO)["grade"] == "良"
    done = queue(db, state="done")[(review_docs.VIDEO, "grade")]
    assert (done["action"], done["reviewed_by"]) == ("confirm", "zhang")


@pytest.mark.parametrize(
    ("user", "field", "value", "reason"),
    [
        (User("li", "viewer"), "amount_wan", "86.5", "只有编辑或管理员"),
        (User("wang", "editor", "闵行区"), "amount_wan", "86.5", "不在您的权限范围（闵行区）"),
        (EDITOR, "amount_wan", "八十六", "金额必须是数字"),
        (EDITOR, "amount_wan", "-1", "不能为负数"),
        (EDITOR, "amount_wan", "2000000", "超过 100 亿元"),
        (EDITOR, "amount_wan", "865000元", "请以万元填写"),
        (EDITOR, "grade", "良好", "等次只能是 优、良、中、差"),
        (EDITOR, "grade", "", "请填写更正后的等次"),
    ],
)
def test_refusals_save_nothing(db: LakeDB, user: User, field: str, value: str, reason: str) -> None:
    rid = queue(db)[(review_docs.GRID, field)]["review_id"]
    with pytest.raises(Refused, match=reason):
        save(db, db.shared.corrections, user, rid, "correct", value)
    assert db.shared.corrections.table().num_rows == 0


def test_only_an_admin_marks_a_document_not_a_performance_document(db: LakeDB) -> None:
    rid = queue(db)[(review_docs.GRID, "amount_wan")]["review_id"]
    with pytest.raises(Refused, match="只有管理员"):
        save(db, db.shared.corrections, EDITOR, rid, "not_a_document")
    save(db, db.shared.corrections, ADMIN, rid, "not_a_document", note="内部说明，不是绩效文档")
    assert queue(db) == {}
    assert db.run("projects", {}, strict=False).empty


def test_reingest_keeps_corrections_and_a_revised_document_orphans_them(lake: Path, db: LakeDB, tmp_path: Path) -> None:
    rid = queue(db)[(review_docs.GRID, "amount_wan")]["review_id"]
    save(db, db.shared.corrections, EDITOR, rid, "correct", "86.5")
    run([review_docs.write(tmp_path / "again")], Lake(lake))  # the same file again: a duplicate
    assert project(db, review_docs.GRID)["amount_wan"] == 86.5
    rebuilt = LakeDB(run_fresh(tmp_path / "rebuilt"), db.shared)  # the lake rebuilt from the same file
    assert project(rebuilt, review_docs.GRID)["amount_wan"] == 86.5
    assert db.run("review_history", {"orphaned": True}, strict=False).empty
    revised = review_docs.TEXT.replace("86.5", "86.50").replace("2023年度", "2023年度（修订）")
    run([review_docs.write(tmp_path / "revised", text=revised)], Lake(lake))
    assert project(db, review_docs.GRID)["amount_wan"] == 0.00865  # the revision's own reading
    orphans = db.run("review_history", {"orphaned": True}, strict=False)
    assert list(orphans["review_id"]) == [rid]
    assert list(orphans["new_value"]) == ["86.5"]


def run_fresh(folder: Path) -> Path:
    run([review_docs.write(folder / "docs")], Lake(folder / "lake"))
    return folder / "lake"


def test_twenty_correctors_lose_nothing(db: LakeDB) -> None:
    ids = [r["review_id"] for r in queue(db).values() if r["field"] == "amount_wan"]
    errors: list[Exception] = []

    def corrector(n: int) -> None:
        for k in range(20):
            try:
                value = f"{n}.{k:02d}"
                save(db, db.shared.corrections, User(f"clerk{n}", "editor", "嘉定区"), ids[k % 2], "correct", value)
            except Exception as exc:  # noqa: BLE001 - any failure fails the test
                errors.append(exc)

    threads = [threading.Thread(target=corrector, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    table = db.shared.corrections.table()
    assert table.num_rows == 400
    assert sorted(table.column("new_value").to_pylist()) == sorted(
        repr(float(f"{n}.{k:02d}")) for n in range(20) for k in range(20)
    )
    assert len(set(table.column("n").to_pylist())) == 400
    latest = max(table.to_pylist(), key=lambda r: r["n"])
    db.refresh()
    shown = {r["review_id"]: r for r in db.run("review_queue", {"state": "done"}, strict=False).to_dict("records")}
    assert shown[latest["review_id"]]["value_raw"] == latest["new_value"]
