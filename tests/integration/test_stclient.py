"""The browser-less session driver (dashboard/stclient.py) against one real replica behind nginx."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cluster_setup import cluster_root, free_ports, run_async, save, saved, sign_in, write_users_file

from dashboard.stclient import Session, SessionError
from oversight.devtools.cluster import Cluster

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def app(seed_lake: Path):
    root = cluster_root("stclient")
    users = write_users_file(root / "users.json", ["ed1", "ed2"])
    with Cluster(root / "cluster", seed_lake, 1, free_ports(2), postgres=False, users=users) as cluster:
        yield cluster
    shutil.rmtree(root, ignore_errors=True)


def run(coro):
    return run_async(coro)


def test_a_page_opens_by_path_and_query_and_asks_for_sign_in(app: Cluster) -> None:
    async def go():
        async with Session(app.url) as s:
            first = await s.open("/ranking?year=2018")
            return first.status, s.texts("heading"), s.query

    status, headings, query = run(go())
    assert status == "ok"
    assert "绩效驾驶舱 · 登录" in headings
    assert query == "year=2018"


def test_signing_in_shows_the_page_asked_for(app: Cluster) -> None:
    async def go():
        async with Session(app.url) as s:
            await s.open("/ranking?year=2018")
            await sign_in(s, "ed1")
            return s.texts("heading"), s.query

    headings, query = run(go())
    assert "评分排名" in headings
    assert "year=2018" in query


def test_a_wrong_password_is_refused(app: Cluster) -> None:
    async def go():
        async with Session(app.url) as s:
            await s.open("/")
            await sign_in(s, "ed2", "not-the-password")
            return s.texts("alert")

    assert "用户名或密码错误" in "".join(run(go()))


def test_a_save_is_acknowledged_and_a_new_session_reads_it(app: Cluster) -> None:
    async def go():
        async with Session(app.url) as s:
            await s.open("/rectification")
            await sign_in(s, "ed1")
            item = s.options(s.find(key="pick_rect"))[0].rsplit("（", 1)[0]  # the label without its status
            await save(s, 0, "整改中", "stclient note")
            acknowledged = saved(s, "ed1")
        async with Session(app.url) as fresh:
            await fresh.open("/rectification")
            await sign_in(fresh, "ed2")
            labels = fresh.options(fresh.find(key="pick_rect"))
            return acknowledged, next(label for label in labels if label.startswith(item + "（"))

    acknowledged, label = run(go())
    assert acknowledged
    assert label.endswith("（整改中）")


def test_submitting_the_form_with_no_item_says_why(app: Cluster) -> None:
    async def go():
        async with Session(app.url) as s:
            await s.open("/rectification")
            await sign_in(s, "ed1")
            await s.click("保存")
            return s.texts("alert")

    assert "未保存：请先选择要更新的整改事项" in run(go())


def test_a_missing_widget_is_an_error_that_lists_the_page_widgets(app: Cluster) -> None:
    async def go():
        async with Session(app.url) as s:
            await s.open("/")
            s.find("没有这个输入框")

    with pytest.raises(SessionError, match="用户名"):
        run(go())


def test_navigating_within_a_session_runs_the_other_page(app: Cluster) -> None:
    async def go():
        async with Session(app.url) as s:
            await s.open("/")
            await sign_in(s, "ed1")
            await s.goto("/ranking")
            return s.texts("heading")

    assert "评分排名" in run(go())


def test_the_load_generator_times_every_view(app: Cluster) -> None:
    from dashboard.loadgen import load

    result = run(load(app.url, sessions=2, views=3, paths=["/", "/ranking"], districts=True))
    assert len(result["views"]) == 6  # 2 sessions × 3 views
    assert result["errors"] == []


def test_the_bench_reports_the_most_sessions_under_two_seconds() -> None:
    from oversight.devtools.bench_cluster import keeps_target

    rows = [{"sessions": 1, "median_s": 0.4}, {"sessions": 4, "median_s": 1.9}, {"sessions": 8, "median_s": 2.6}]
    assert keeps_target(rows) == 4


def test_an_open_wall_reruns_its_one_second_fragment(app: Cluster) -> None:
    async def go():
        async with Session(app.url) as s:
            await s.open("/bigscreen")
            await sign_in(s, "ed1")
            every = sorted(s.auto.values())
            runs = await s.watch(2.5)
            return every, runs

    every, runs = run(go())
    assert every == [1.0, 10.0, 20.0, 20.0]  # bigscreen.py: the clock, refresh=10, two panels rotating every 20 s
    assert runs >= 2  # the clock's fragment, due at 1 s and 2 s


def test_a_server_that_is_not_there_is_a_session_error() -> None:
    with pytest.raises(SessionError, match="could not open /"):
        run(Session("http://127.0.0.1:9", timeout=5).open("/"))  # port 9 (discard): nothing listens
