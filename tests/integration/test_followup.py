"""整改 follow-up: write-back, the audit trail, scope, sign-in limits, and notes as text."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from helpers import SEED_000, SEED_001
from streamlit.testing.v1 import AppTest

from oversight.access import auth
from oversight.access.roles import User
from oversight.ingest.pipeline import run
from oversight.paths import ROOT
from oversight.store.followup import Refused, save
from oversight.store.lake import Lake
from oversight.store.query import LakeDB
from oversight.store.shared import Shared

JIADING_EDITOR = User("zhang", "editor", "嘉定区")
ADMIN = User("root", "admin")
TODAY = {"today": date(2026, 11, 23)}


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    run([SEED_000, SEED_001], Lake(tmp_path / "lake"))
    return tmp_path / "lake"


@pytest.fixture
def db(lake: Path, shared_store: Shared) -> LakeDB:
    """The lake with a shared store: every test that takes it runs on DuckDB and on PostgreSQL."""
    return LakeDB(lake, shared_store)


def items(db: LakeDB, **params) -> list[dict]:
    db.refresh()
    return db.run("rectification_items", {**TODAY, **params}, strict=False).to_dict("records")


def test_write_read_and_override(db: LakeDB) -> None:
    video = next(i for i in items(db) if i["evidence"] == "于项目完全竣工前")
    assert (video["status"], video["state_source"]) == ("planned", "document")
    save(
        db,
        db.shared.updates,
        JIADING_EDITOR,
        [video["item_id"]],
        "in_progress",
        date(2019, 6, 30),
        "已开工",
        "开工令.pdf",
    )
    now = next(i for i in items(db) if i["item_id"] == video["item_id"])
    assert (now["status"], now["state_source"], now["updated_by"], now["note"]) == (
        "in_progress",
        "update",
        "zhang",
        "已开工",
    )
    assert str(now["due_date"])[:10] == "2019-06-30"
    assert now["overdue"]
    save(db, db.shared.updates, ADMIN, [video["item_id"]], "done", note="已验收")
    now = next(i for i in items(db) if i["item_id"] == video["item_id"])
    assert (now["status"], now["updated_by"], now["overdue"]) == ("done", "root", False)
    assert str(now["due_date"])[:10] == "2019-06-30"  # an update without a date keeps the earlier one
    history = db.run("item_history", {"item_id": video["item_id"]}, strict=False)
    assert list(history["user"]) == ["root", "zhang"]
    assert list(history["status"]) == ["done", "in_progress"]
    assert db.run("lake_summary", TODAY, strict=False).iloc[0]["open_items"] == 4  # was 5


def test_bulk_change(db: LakeDB) -> None:
    open_items = [i["item_id"] for i in items(db) if i["status"] != "done"]
    assert len(save(db, db.shared.updates, JIADING_EDITOR, open_items, "done")) == len(open_items) == 5
    assert all(i["status"] == "done" for i in items(db))


@pytest.mark.parametrize(
    ("user", "kwargs", "reason"),
    [
        (User("li", "viewer"), {"status": "done"}, "只有编辑或管理员"),
        (JIADING_EDITOR, {"status": "finished"}, "状态必须是"),
        (JIADING_EDITOR, {"status": "done", "due_date": date(2017, 12, 31)}, "早于评价年度（2018年）"),
        (JIADING_EDITOR, {"status": "done", "note": "字" * 1001}, "最多 1000 字"),
        (User("wang", "editor", "闵行区", "华漕镇"), {"status": "done"}, "不在您的权限范围（闵行区华漕镇）"),
    ],
)
def test_refusals_save_nothing(db: LakeDB, user: User, kwargs: dict, reason: str) -> None:
    item = items(db)[0]["item_id"]
    with pytest.raises(Refused, match=reason):
        save(db, db.shared.updates, user, [item], **kwargs)
    assert db.shared.updates.table().num_rows == 0


def test_twenty_writers_lose_nothing_and_block_no_reader(db: LakeDB) -> None:
    ids = [i["item_id"] for i in items(db)]
    errors: list[Exception] = []
    reads: list[int] = []
    stop = threading.Event()

    def writer(n: int) -> None:
        for k in range(50):
            try:
                save(
                    db,
                    db.shared.updates,
                    User(f"editor{n}", "editor", "嘉定区"),
                    [ids[(n + k) % len(ids)]],
                    "in_progress",
                    note=f"{n}-{k}",
                )
            except Exception as exc:  # noqa: BLE001 - any failure fails the test
                errors.append(exc)

    def reader() -> None:
        while not stop.is_set():
            reads.append(int(db.run("lake_summary", TODAY, strict=False).iloc[0]["projects"]))

    r = threading.Thread(target=reader)
    r.start()
    writers = [threading.Thread(target=writer, args=(n,)) for n in range(20)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    stop.set()
    r.join()
    assert not errors
    table = db.shared.updates.table()
    assert table.num_rows == 1000
    assert {f"{n}-{k}" for n in range(20) for k in range(50)} == set(table.column("note").to_pylist())
    assert reads
    assert set(reads) == {8}


def test_reingest_keeps_updates_and_lists_orphans(lake: Path, db: LakeDB, tmp_path: Path) -> None:
    first = items(db)[0]
    save(db, db.shared.updates, JIADING_EDITOR, [first["item_id"]], "done", note="保留")
    copy = tmp_path / "seed000_bom.txt"  # the same text as other bytes: re-ingested, same item ids
    copy.write_bytes(b"\xef\xbb\xbf" + SEED_000.read_bytes())
    run([copy], Lake(lake))
    again = next(i for i in items(db) if i["item_id"] == first["item_id"])
    assert (again["status"], again["note"]) == ("done", "保留")
    revised = tmp_path / "seed000_revised.txt"  # a revised text: that item's id changes
    revised.write_text(
        SEED_000.read_text(encoding="utf-8").replace(first["action"], first["action"] + "（修订）"), encoding="utf-8"
    )
    run([revised], Lake(lake))
    db.refresh()
    assert first["item_id"] not in {i["item_id"] for i in items(db)}
    orphans = db.run("orphaned_updates", {}, strict=False)
    assert list(orphans["item_id"]) == [first["item_id"]]
    assert list(orphans["note"]) == ["保留"]
    assert db.run("orphaned_updates", JIADING_EDITOR.scope, strict=False).empty  # scoped users: no orphans
    audit = db.run("audit", {}, strict=False)
    assert audit.iloc[0]["orphaned"]


def test_scope_bounds_every_query(db: LakeDB) -> None:
    hua = User("wang", "editor", "闵行区", "华漕镇").scope
    db.refresh()
    assert db.run("lake_summary", {**TODAY, **hua}, strict=False).iloc[0][
        ["projects", "tracked", "documents"]
    ].tolist() == [0, 1, 1]
    assert db.run("monitoring_lights", JIADING_EDITOR.scope, strict=False).empty
    ev = db.run("projects", {}, strict=False)
    pid = ev["project_id"].iloc[0]
    assert db.run("project_detail", {"id": pid, **hua}, strict=False).empty
    assert db.run("source_lines", {"doc_id": ev.iloc[0].get("doc_id", ""), **hua}, strict=False).empty
    assert not db.run("project_detail", {"id": pid, **JIADING_EDITOR.scope}, strict=False).empty
    # a filter cannot widen the scope: asking for 闵行区 as a 嘉定区 user finds nothing
    assert db.run("monitoring_lights", {"district": "闵行区", **JIADING_EDITOR.scope}, strict=False).empty


def test_every_query_takes_the_scope() -> None:
    for sql in (ROOT / "queries").glob("*.sql"):
        if not sql.name.startswith("_"):
            text = sql.read_text(encoding="utf-8")
            assert "$scope_district" in text, sql.name
            assert "$scope_town" in text, sql.name


def test_sign_in_is_rate_limited_and_logged(
    tmp_path: Path, shared_store: Shared, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "users.json"
    auth.add("zhang", "correct-horse", "editor", "嘉定区", path=path)
    users = auth.load(path)
    assert users["zhang"]["hash"].startswith("$2b$")
    assert "correct-horse" not in path.read_text(encoding="utf-8")
    limiter = shared_store.limiter
    assert auth.sign_in("zhang", "correct-horse", users, limiter, now=0)[0] == JIADING_EDITOR
    for k in range(5):
        assert auth.sign_in("zhang", f"wrong-password-{k}", users, limiter, now=10 + k) == (None, "用户名或密码错误")
    blocked = auth.sign_in("zhang", "correct-horse", users, limiter, now=20)
    assert blocked[0] is None
    assert "失败次数过多" in blocked[1]
    assert auth.sign_in("zhang", "correct-horse", users, limiter, now=400)[0] == JIADING_EDITOR  # window passed
    assert auth.sign_in("li", "wrong-password", users, limiter, now=20)[1] == "用户名或密码错误"  # limits are per name
    assert "failed sign-in for 'zhang'" in caplog.text
    assert "sign-in blocked for 'zhang'" in caplog.text


def _app(lake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: User | None, page: str, **query) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_LAKE", str(lake))
    monkeypatch.setenv("OVERSIGHT_DB", str(tmp_path / "app.duckdb"))
    users = tmp_path / "users.json"
    if not users.exists():
        auth.add("zhang", "correct-horse", "editor", "嘉定区", path=users)
        auth.add("root", "correct-horse", "admin", path=users)
    monkeypatch.setenv("OVERSIGHT_USERS", str(users))
    from dashboard import ui

    ui.db.clear()
    ui.shared.clear()
    ui._cached.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if user:
        at.session_state["user"] = user
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(f"dashboard/pages/{page}.py")
    return at.run()


def test_pages_require_sign_in_when_users_exist(lake, tmp_path, monkeypatch) -> None:
    at = _app(lake, tmp_path, monkeypatch, None, "overview")
    assert at.title[0].value == "绩效驾驶舱 · 登录"
    assert not at.metric
    at.text_input[0].input("zhang")
    at.text_input[1].input("wrong-password")
    at.button[0].click().run()
    assert "用户名或密码错误" in at.error[0].value
    at.text_input[1].input("correct-horse")
    at.button[0].click().run()
    assert at.title[0].value == "绩效驾驶舱 · 总览"
    assert at.session_state["user"] == JIADING_EDITOR


def test_a_district_editor_cannot_widen_their_scope_by_url(lake, tmp_path, monkeypatch) -> None:
    at = _app(lake, tmp_path, monkeypatch, JIADING_EDITOR, "monitoring", district="闵行区")
    assert not at.exception
    assert any("没有符合条件的跟踪监控项目" in i.value for i in at.info)  # 闵行区's form stays hidden
    assert "超出您的权限范围" in " ".join(c.value for c in at.sidebar.caption)
    from oversight.store.query import LakeDB as Plain

    mon = Plain(lake).run("monitoring_lights", {}, strict=False)
    at = _app(lake, tmp_path, monkeypatch, JIADING_EDITOR, "project", id=mon["project_id"].iloc[0])
    assert "没有找到这个项目" in at.info[0].value
    at = _app(lake, tmp_path, monkeypatch, JIADING_EDITOR, "audit")
    assert "仅管理员可见" in at.info[0].value


def test_an_editor_saves_and_markup_stays_text(lake, tmp_path, monkeypatch) -> None:
    at = _app(lake, tmp_path, monkeypatch, JIADING_EDITOR, "rectification")
    first = LakeDB(lake).run("rectification_items", TODAY, strict=False).iloc[0]
    at.multiselect(key="pick_rect").set_value([first["item_id"]])
    at.selectbox(key="status_rect").select("done")
    at.text_area(key="note_rect").input("<script>alert(1)</script> **不是粗体**")
    at.button(key="FormSubmitter:followup_rect-保存").click().run()
    assert not at.exception
    assert "已保存 1 条更新" in at.success[0].value
    at.run()
    table = at.dataframe[0].value
    saved = table[table["note"] != ""].iloc[0]
    assert saved["note"] == "<script>alert(1)</script> **不是粗体**"
    assert saved["updated_by"] == "zhang"
    assert saved["project"] == first["project"]
    at = _app(lake, tmp_path, monkeypatch, ADMIN, "audit")
    trail = at.dataframe[0].value
    assert list(trail["user"]) == ["zhang"]
    assert trail.iloc[0]["note"].startswith("<script>")
    assert [b.label for b in at.get("download_button")] == ["导出 Excel"]


def test_a_refused_save_says_why_and_keeps_what_was_typed(lake, tmp_path, monkeypatch) -> None:
    at = _app(lake, tmp_path, monkeypatch, JIADING_EDITOR, "rectification")
    first = LakeDB(lake).run("rectification_items", TODAY, strict=False).iloc[0]
    at.multiselect(key="pick_rect").set_value([first["item_id"]])
    at.date_input(key="due_rect").set_value(date(2017, 6, 30))
    at.text_area(key="note_rect").input("已约谈施工单位")
    at.button(key="FormSubmitter:followup_rect-保存").click().run()
    assert "未保存" in at.error[0].value
    assert "早于评价年度（2018年）" in at.error[0].value
    assert at.text_area(key="note_rect").value == "已约谈施工单位"  # kept for a second try
    assert at.multiselect(key="pick_rect").value == [first["item_id"]]


def test_idle_sessions_end(lake, tmp_path, monkeypatch) -> None:
    at = _app(lake, tmp_path, monkeypatch, JIADING_EDITOR, "overview")
    assert at.title[0].value == "绩效驾驶舱 · 总览"
    at.session_state["last_active"] = 0  # long ago
    at.run()
    assert at.title[0].value == "绩效驾驶舱 · 登录"
    assert "已自动退出" in at.info[0].value


def test_a_scoped_users_view_is_pinned_to_the_scope(lake, tmp_path, monkeypatch) -> None:
    at = _app(lake, tmp_path, monkeypatch, JIADING_EDITOR, "overview")
    # The overview opens on the latest year with evaluations: the seed's 2018.
    assert at.caption[0].value == "范围：嘉定区 · 2018年度"
    # The only district offered, with its count of projects under the other filters (the seed's 8).
    assert at.selectbox(key="w_district").options == ["嘉定区 (8)"]
    assert at.query_params["district"] == "嘉定区"


def test_a_sign_in_does_not_make_every_cached_result_stale(db: LakeDB) -> None:
    """The audit log moves on every sign-in; only the queries that read it may see a new state."""
    db.refresh()
    projects, events = db.state_for("projects"), db.state_for("account_events")
    db.shared.record("zhang", "sign_in")
    db.refresh()
    assert db.state_for("projects") == projects
    assert db.state_for("account_events") != events


def test_a_save_moves_the_state_of_the_queries_that_read_updates(db: LakeDB) -> None:
    db.refresh()
    before = db.state_for("rectification_items")
    item = items(db)[0]["item_id"]
    save(db, db.shared.updates, ADMIN, [item], "done")
    db.refresh()
    assert db.state_for("rectification_items") != before
