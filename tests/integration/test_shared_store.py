"""Shared state on PostgreSQL: migrations, users, replicas that see each other's writes, late commits."""

from __future__ import annotations

import io
import threading
import uuid
from datetime import date
from pathlib import Path

import psycopg
import pytest
from helpers import SEED_000, SEED_001

from oversight.access import auth
from oversight.access.roles import User
from oversight.cli import main
from oversight.devtools.pgtemp import Server
from oversight.ingest.pipeline import run
from oversight.store import migrate
from oversight.store.backend import PostgresBackend, StoreUnavailable
from oversight.store.followup import save
from oversight.store.lake import Lake
from oversight.store.query import LakeDB
from oversight.store.shared import Shared, shared
from oversight.store.updates import Update

EDITOR = User("zhang", "editor", "嘉定区")
# Counted from the folder, not from migrate.available(): the function under test.
FILES = sorted(int(p.name[:4]) for p in migrate.MIGRATIONS_DIR.glob("*.sql"))


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lake")
    run([SEED_000, SEED_001], Lake(root))
    return root


@pytest.fixture
def pg_url(postgres: Server) -> str:
    """A fresh, upgraded database."""
    url = postgres.create_database(f"t_{uuid.uuid4().hex[:16]}")
    backend = PostgresBackend(url)
    migrate.upgrade(backend)
    backend.close()
    return url


def replica(url: str) -> Shared:
    """What one app process holds: its own pool on the shared database."""
    s = Shared(PostgresBackend(url))
    for table in s.followed.values():
        table.poll = 0  # look every time: the tests do not wait out the 1 s poll
    return s


def test_db_upgrade_applies_every_migration_once(postgres: Server, capsys: pytest.CaptureFixture) -> None:
    url = postgres.create_database(f"t_{uuid.uuid4().hex[:16]}")
    assert main(["db", "status", "--url", url]) == 1  # pending
    assert main(["db", "upgrade", "--url", url]) == 0
    assert main(["db", "status", "--url", url]) == 0
    with psycopg.connect(url) as con:
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(FILES)
    assert main(["db", "upgrade", "--url", url]) == 0  # a second run applies nothing
    with psycopg.connect(url) as con:
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(FILES)


def test_replicas_upgrading_at_once_take_turns(postgres: Server) -> None:
    url = postgres.create_database(f"t_{uuid.uuid4().hex[:16]}")
    applied: list[int] = []

    def upgrade() -> None:
        backend = PostgresBackend(url)
        applied.extend(m.version for m in migrate.upgrade(backend))
        backend.close()

    threads = [threading.Thread(target=upgrade) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(applied) == FILES  # each migration ran in exactly one of the four


def test_a_replica_refuses_a_database_that_is_not_upgraded(postgres: Server) -> None:
    url = postgres.create_database(f"t_{uuid.uuid4().hex[:16]}")
    with pytest.raises(StoreUnavailable, match="db upgrade"):
        shared(url=url)


def test_an_unreachable_database_is_one_chinese_message() -> None:
    with pytest.raises(StoreUnavailable, match="无法连接共享数据库"):
        PostgresBackend("postgresql://nobody@127.0.0.1:1/none", timeout=1)


def test_user_add_writes_to_postgres_and_the_user_signs_in(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OVERSIGHT_DB_URL", pg_url)
    monkeypatch.setenv("OVERSIGHT_USERS", str(tmp_path / "users.json"))
    monkeypatch.setattr("sys.stdin", io.StringIO("correct-horse\n"))
    assert main(["user", "add", "zhang", "--role", "editor", "--district", "嘉定区", "--password-stdin"]) == 0
    assert not (tmp_path / "users.json").exists()  # the file is not where deployments keep users
    store = replica(pg_url)
    users = store.users.load()
    assert auth.sign_in("zhang", "correct-horse", users, store.limiter)[0] == EDITOR
    assert [row[1:3] for row in store.audit.recent()] == [("cli", "user_add")]


def test_a_save_on_replica_a_is_read_on_replica_b(lake: Path, pg_url: str) -> None:
    a, b = LakeDB(lake, replica(pg_url)), LakeDB(lake, replica(pg_url))
    item = b.run("rectification_items", {"scope_district": "嘉定区"}, strict=False)["item_id"][0]
    save(a, a.shared.updates, EDITOR, [item], "done", note="A 保存")
    b.refresh()
    row = b.run("rectification_items", {"scope_district": "嘉定区"}, strict=False).set_index("item_id").loc[item]
    assert row["status"] == "done"
    assert row["note"] == "A 保存"


def test_two_replicas_with_twenty_writers_each_lose_nothing(lake: Path, pg_url: str) -> None:
    replicas = [LakeDB(lake, replica(pg_url)), LakeDB(lake, replica(pg_url))]
    item = replicas[0].run("rectification_items", {}, strict=False)["item_id"][0]
    errors: list[BaseException] = []

    def writer(db: LakeDB, w: int) -> None:
        try:
            for k in range(20):
                db.shared.updates.append([Update(item, "in_progress", f"w{w}", date(2026, 1, 1), f"{w}-{k}")])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=writer, args=(db, 20 * r + w)) for r, db in enumerate(replicas) for w in range(20)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    notes = set(replicas[1].shared.updates.table().column("note").to_pylist())
    assert len(notes) == 800  # 2 replicas × 20 writers × 20 saves
    assert {f"{w}-{k}" for w in range(40) for k in range(20)} == notes


def test_a_lower_n_committed_after_a_higher_one_is_not_missed(pg_url: str) -> None:
    """Replica A takes n=1 and commits late; B commits n=2 first; a reader that saw n=2 must still get n=1."""
    reader = replica(pg_url)
    insert = (
        'INSERT INTO rectification_updates (update_id, item_id, status, "user", "at")'
        " VALUES (%s, 'i', 'done', %s, now())"
    )
    slow = psycopg.connect(pg_url)
    slow.execute(insert, ("late", "a"))  # n=1 taken, not committed
    with psycopg.connect(pg_url, autocommit=True) as fast:
        fast.execute(insert, ("early", "b"))  # n=2, committed
    assert reader.updates.table().column("update_id").to_pylist() == ["early"]
    slow.commit()
    slow.close()
    reader.updates.followed.touch()
    assert reader.updates.table().column("update_id").to_pylist() == ["late", "early"]


def test_the_app_on_postgres_signs_in_saves_and_audits(
    lake: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from streamlit.testing.v1 import AppTest

    from dashboard import ui
    from oversight.paths import ROOT

    monkeypatch.setenv("OVERSIGHT_LAKE", str(lake))
    monkeypatch.setenv("OVERSIGHT_DB_URL", pg_url)
    monkeypatch.setenv("OVERSIGHT_USERS", str(tmp_path / "no-users.json"))  # users live in PostgreSQL
    setup = replica(pg_url)
    setup.users.add(auth.new_entry("root", "correct-horse", "admin", rounds=4))
    ui.shared.clear()
    ui.db.clear()
    ui._cached.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert at.title[0].value == "绩效驾驶舱 · 登录"
    at.text_input[0].input("root")
    at.text_input[1].input("wrong-password")
    at.button[0].click().run()
    at.text_input[1].input("correct-horse")
    at.button[0].click().run()
    assert at.session_state["user"] == User("root", "admin")
    at.switch_page("dashboard/pages/rectification.py").run()
    item = LakeDB(lake).run("rectification_items", {}, strict=False)["item_id"][0]
    at.multiselect(key="pick_rect").set_value([item])
    at.selectbox(key="status_rect").select("done")
    at.text_area(key="note_rect").input("经 PostgreSQL 保存")
    at.button(key="FormSubmitter:followup_rect-保存").click().run()
    assert "已保存 1 条更新" in at.success[0].value
    other = replica(pg_url)  # another replica, as after a reload that lands elsewhere
    assert other.updates.table().column("note").to_pylist() == ["经 PostgreSQL 保存"]
    assert [(r[1], r[2]) for r in other.audit.recent()] == [("root", "sign_in"), ("root", "sign_in_refused")]
    at.switch_page("dashboard/pages/audit.py").run()
    events = at.dataframe[1].value
    assert list(events["action"]) == ["登录", "登录被拒"]
