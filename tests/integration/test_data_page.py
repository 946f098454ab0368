"""/data in AppTest: who gets the uploader, what a scoped upload writes, what downloads hold, and
upload hygiene (long names, retention of quarantined uploads)."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from helpers import SEED_000, rows
from scoped_docs import mixed_seed, pudong_seed, scores, three_district_lake
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from oversight.access import auth
from oversight.access.roles import User
from oversight.ingest import uploads
from oversight.ingest.pipeline import run
from oversight.paths import ROOT
from oversight.store.lake import Lake

JIADING_EDITOR = User("zhang", "editor", "嘉定区")
ADMIN = User("root", "admin")
VIEWER = User("li", "viewer")
PASSWORD = "correct-horse-battery"


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    return three_district_lake(tmp_path)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Every file a download button hands out in AppTest, by file name."""
    seen: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            seen[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    deferred = MediaFileManager.add_deferred

    def build(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # built on press: press it
        data = data_callable()
        seen[file_name] = data.encode("utf-8") if isinstance(data, str) else data
        return deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", build)
    return seen


def data_page(lake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: User | None, **query) -> AppTest:
    """/data for `user`; None is demo mode (no users file)."""
    monkeypatch.setenv("OVERSIGHT_LAKE", str(lake))
    monkeypatch.setenv("OVERSIGHT_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.setenv("OVERSIGHT_UPLOADS", str(tmp_path / "uploads"))
    users = tmp_path / "users.json"
    if user is not None and not users.exists():
        for u in (JIADING_EDITOR, ADMIN, VIEWER):
            auth.add(u.name, PASSWORD, u.role, u.district, u.town, path=users, rounds=4)
    monkeypatch.setenv("OVERSIGHT_USERS", str(users))
    from dashboard import ui

    ui.db.clear()
    ui.shared.clear()
    ui._cached.clear()
    st_cache_clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if user:
        at.session_state["user"] = user
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page("dashboard/pages/data.py")
    return at.run()


def st_cache_clear() -> None:
    import streamlit as st

    st.cache_data.clear()


@pytest.mark.parametrize("who", [None, VIEWER], ids=["demo", "viewer"])
def test_demo_mode_and_viewers_have_no_uploader(lake, tmp_path, monkeypatch, who) -> None:
    at = data_page(lake, tmp_path, monkeypatch, who)
    assert not at.exception
    assert len(at.file_uploader) == 0
    assert "不能导入文档" in at.info[0].value


def test_an_editor_has_the_uploader(lake, tmp_path, monkeypatch) -> None:
    at = data_page(lake, tmp_path, monkeypatch, JIADING_EDITOR)
    assert len(at.file_uploader) == 1
    assert "只写入嘉定区的项目" in " ".join(c.value for c in at.caption)


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key="uploads").set_value([(name, data, "text/plain") for name, data in files]).run()
    return at.button[0].click().run()


def test_a_jiading_editors_upload_of_a_pudong_document_is_refused_for_those_rows(lake, tmp_path, monkeypatch) -> None:
    pudong_before = scores(lake, "浦东新区")
    at = data_page(lake, tmp_path, monkeypatch, JIADING_EDITOR)
    lowered = pudong_seed().replace("95.96 分".encode(), "12 分".encode())
    at = upload(at, ("浦东.txt", lowered), ("混合.txt", mixed_seed()))
    assert not at.exception
    result = at.table[0].value
    assert list(result["结果"]) == ["已隔离", "有提示"]
    assert "不在您的权限范围（嘉定区）" in result["说明"].iloc[0]
    assert list(result["项目数"]) == [0, 1]
    assert scores(lake, "浦东新区") == pudong_before


@pytest.mark.parametrize(
    "query", [{}, {"district": "浦东新区"}, {"district": "闵行区"}], ids=["plain", "pudong", "minhang"]
)
def test_a_jiading_editors_downloads_hold_only_jiading_rows(lake, tmp_path, monkeypatch, downloads, query) -> None:
    at = data_page(lake, tmp_path, monkeypatch, JIADING_EDITOR, **query)
    assert not at.exception
    tables = {name: pq.read_table(io.BytesIO(data)) for name, data in downloads.items() if name.endswith(".parquet")}
    assert set(tables) == {
        f"{t}.parquet" for t in ("evaluations", "rectifications", "monitoring", "documents", "lines")
    }
    evaluations = tables["evaluations.parquet"].to_pylist()
    assert len(evaluations) == 8
    assert {e["district"] for e in evaluations} == {"嘉定区"}
    assert tables["monitoring.parquet"].num_rows == 0  # 闵行区华漕镇's form
    documents = tables["documents.parquet"].to_pylist()
    assert [d["source_name"] for d in documents] == [SEED_000.name]
    assert set(tables["lines.parquet"].column("doc_id").to_pylist()) == {documents[0]["doc_id"]}
    assert set(tables["rectifications.parquet"].column("project_id").to_pylist()) <= {
        e["project_id"] for e in evaluations
    }
    csv = downloads["评价项目.csv"].decode("utf-8-sig")
    assert "浦东新区" not in csv
    assert "闵行区" not in csv


def test_an_admin_downloads_the_whole_lake(lake, tmp_path, monkeypatch, downloads) -> None:
    data_page(lake, tmp_path, monkeypatch, ADMIN)
    evaluations = pq.read_table(io.BytesIO(downloads["evaluations.parquet"]))
    assert set(evaluations.column("district").to_pylist()) == {"嘉定区", "浦东新区"}
    assert downloads["documents.parquet"] == Lake(lake).snapshot("documents").read_bytes()


LONG_NAME = (
    "上海市嘉定区" + "关于二〇一八年度财政支出项目绩效评价结果的公告" * 12 + "六" * 18 + ".txt"
)  # 304 characters


def test_a_300_character_file_name_is_shortened_and_the_batch_goes_on(lake, tmp_path, monkeypatch) -> None:
    at = data_page(lake, tmp_path, monkeypatch, JIADING_EDITOR)
    jiading_again = SEED_000.read_bytes() + b"\n"
    at = upload(at, (LONG_NAME, jiading_again), ("空.txt", b""))
    assert not at.exception
    assert list(at.table[0].value["结果"]) == ["有提示", "已隔离"]
    stored = {d["source_name"] for d in rows(lake, "documents")}
    shortened = next(n for n in stored if n.startswith("000_上海市嘉定区"))
    assert len(shortened.encode("utf-8")) <= 255
    assert shortened.endswith(".txt")


def test_quarantined_uploads_are_deleted_after_the_retention_period(lake, tmp_path, monkeypatch) -> None:
    root = tmp_path / "uploads"
    saved, _ = uploads.save([("好.txt", SEED_000.read_bytes() + b"\n"), ("坏.pdf", b"not a pdf")], root)
    dup, _ = uploads.save([("重复.txt", SEED_000.read_bytes() + b"\n")], root)
    run([s.path for s in saved + dup], Lake(lake))
    good, bad, duplicate = (s.path for s in saved + dup)
    monkeypatch.setenv("OVERSIGHT_QUARANTINE_DAYS", "30")
    assert uploads.expire(Lake(lake), root) == []  # all younger than 30 days
    monkeypatch.setenv("OVERSIGHT_QUARANTINE_DAYS", "0")
    assert uploads.expire(Lake(lake), root) == [bad]  # the duplicate waits a day: another upload may own it
    two_days_ago = time.time() - 2 * 86400
    os.utime(duplicate, (two_days_ago, two_days_ago))
    assert uploads.expire(Lake(lake), root) == [duplicate]
    assert good.exists()  # an ingested document keeps its file


def test_each_upload_applies_the_retention_rule(lake, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("OVERSIGHT_QUARANTINE_DAYS", "0")
    at = data_page(lake, tmp_path, monkeypatch, JIADING_EDITOR)
    at = upload(at, ("坏.pdf", b"not a pdf"), ("好.txt", SEED_000.read_bytes() + b"\n"))
    assert list(at.table[0].value["结果"]) == ["已隔离", "有提示"]
    left = sorted(p.name for p in (tmp_path / "uploads").rglob("*") if p.is_file())
    assert left == ["001_好.txt"]


def test_values_read_below_sure_are_counted(tmp_path, monkeypatch) -> None:
    # The eight real documents: only 九亭镇's two forms hold unsure values, the three amounts of each
    # written in 元 under a 万元 header (6); both forms are 2020, so all years are asked for.
    lake = tmp_path / "real"
    run([ROOT / "tests" / "corpus" / "realdocs" / "docs"], Lake(lake))
    at = data_page(lake, tmp_path, monkeypatch, None, year="all")
    shown = {m.label: m.value for m in at.metric}
    assert shown["待核对的数值"] == "6"
