"""Two replicas behind nginx over one lake and one PostgreSQL: no save is lost, every replica sees
every save, and a replica killed mid-save loses none that a user saw acknowledged.

Writers are browser-less sessions (dashboard/stclient.py) that sign in and submit the 整改 form on
/rectification through the proxy, each pinned to a replica by its affinity cookie. Every save has a
unique note, so PostgreSQL can be asked which saves it holds.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import psycopg
import pytest
from cluster_setup import cluster_root, free_ports, pinned_cookies, run_async, save, saved, sign_in, user_entries

from dashboard.stclient import Session, SessionError
from oversight.devtools.cluster import Cluster

pytestmark = pytest.mark.cluster
WRITERS, SAVES = 20, 20  # per replica; 2 replicas
STATUSES = ["已整改", "整改中", "已承诺", "未整改"]


@pytest.fixture(scope="module")
def cluster(seed_lake: Path):
    from oversight.store.accounts import DbUsers
    from oversight.store.backend import open_backend

    root = cluster_root("cluster")
    pg_port = free_ports(1, "OVERSIGHT_TEST_PG_PORTS", "55500-55549")
    with Cluster(root, seed_lake, 2, free_ports(3), pg_port=pg_port) as c:
        backend = open_backend(c.db_url)
        for entry in user_entries([f"w{i:02d}" for i in range(2 * WRITERS)] + ["ka", "kb", "kc"]):
            DbUsers(backend).add(entry)
        backend.close()
        yield c
    shutil.rmtree(root, ignore_errors=True)


def notes(cluster: Cluster, prefix: str) -> list[str]:
    with psycopg.connect(cluster.db_url) as con:
        rows = con.execute("SELECT note FROM rectification_updates WHERE note LIKE %s", (prefix + "%",)).fetchall()
    return [r[0] for r in rows]


async def writer(c: Cluster, name: str, cookies: dict, saves: int, prefix: str, log: dict, kill: int | None = None):
    """Sign in through nginx (the cookie picks the replica) and save `saves` times; log what was sent
    and what was acknowledged. At save number `kill`, replica 0 is killed while the save is on its way."""
    session = Session(c.url, cookies, timeout=120)
    try:
        await session.open("/rectification")
        log["upstream"].append(session.upstream)
        await sign_in(session, name)
        for k in range(saves):
            note = f"{prefix}{name}-{k:02d}"
            log["sent"].append(note)
            attempt = asyncio.ensure_future(save(session, k % 8, STATUSES[k % 4], note))
            if k == kill:  # the save is on its way: kill its replica under it
                await asyncio.sleep(0.05)
                await asyncio.to_thread(c.replicas[0].kill)
            await attempt
            if saved(session, name):
                log["acknowledged"].append(note)
    except SessionError as exc:
        log["cut"].append(name)
        log["why"].append(f"{name}: {exc}")
    finally:
        await session.close()


def run_writers(c: Cluster, per_replica: int, saves: int, prefix: str, kill_at: int | None = None) -> dict:
    log: dict[str, list] = {"sent": [], "acknowledged": [], "cut": [], "why": [], "upstream": []}
    cookies = [pinned_cookies(c.url, c.replicas[r].port) for r in range(2) for _ in range(per_replica)]

    async def everyone():
        await asyncio.gather(
            *(
                writer(c, f"w{n:02d}", cookies[n], saves, prefix, log, kill_at if n == 0 else None)
                for n in range(2 * per_replica)
            )
        )

    run_async(everyone())
    return log


def test_two_replicas_twenty_writers_each_twenty_saves_lose_nothing(cluster: Cluster) -> None:
    log = run_writers(cluster, WRITERS, SAVES, "load-")
    stored = notes(cluster, "load-")
    ports = sorted(int(u.rsplit(":", 1)[1]) for u in log["upstream"])
    assert ports == [cluster.replicas[0].port] * 20 + [cluster.replicas[1].port] * 20  # 20 sessions on each
    assert len(log["acknowledged"]) == 800  # 2 replicas × 20 writers × 20 saves, every one acknowledged
    assert len(stored) == 800
    assert len(set(stored)) == 800  # no save stored twice


def test_a_save_on_one_replica_is_seen_on_the_other_after_a_reload(cluster: Cluster) -> None:
    async def go():
        a = Session(cluster.url, pinned_cookies(cluster.url, cluster.replicas[0].port))
        b = Session(cluster.url, pinned_cookies(cluster.url, cluster.replicas[1].port))
        await a.open("/rectification")
        await sign_in(a, "ka")
        label = a.options(a.find(key="pick_rect"))[0]
        item, before = label.rsplit("（", 1)
        after = next(s for s in STATUSES if not before.startswith(s))
        await save(a, 0, after, "seen-on-b")
        await b.open("/rectification")
        await sign_in(b, "kb")
        seen = next(o for o in b.options(b.find(key="pick_rect")) if o.startswith(item + "（"))
        await a.close()
        await b.close()
        return saved(a, "ka"), seen, f"{item}（{after}）"

    acknowledged, seen, expected = run_async(go())
    assert acknowledged
    assert seen == expected


def test_a_replica_killed_mid_save_loses_no_acknowledged_save(cluster: Cluster) -> None:
    log = run_writers(cluster, 5, 8, "kill-", kill_at=3)
    stored = set(notes(cluster, "kill-"))
    assert set(log["acknowledged"]) - stored == set()  # every save a user saw acknowledged is stored
    assert stored - set(log["sent"]) == set()  # and nothing that was never sent
    assert sorted(log["cut"]) == [f"w{i:02d}" for i in range(5)], log["why"]  # the killed replica's sessions ended
    survivors = tuple(f"kill-w{i:02d}-" for i in range(5, 10))  # the five writers on the replica left alive
    assert len([n for n in log["acknowledged"] if n.startswith(survivors)]) == 5 * 8


def test_after_the_kill_the_proxy_sends_new_sessions_to_the_live_replica(cluster: Cluster) -> None:
    async def go():
        async with Session(cluster.url) as s:
            await s.open("/rectification")
            await sign_in(s, "kc")
            await save(s, 1, "整改中", "after-kill")
            return saved(s, "kc")

    assert not cluster.replicas[0].alive()
    assert run_async(go())
