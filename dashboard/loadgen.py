"""`python -m dashboard.loadgen URL --sessions N`: N concurrent browser-less leaders, timed.

Each simulated leader opens a new session on the first path (the HTML, the websocket, the first
run), signs in when `--users` is given (session i as the i-th name, the password from
$OVERSIGHT_BENCH_PASSWORD; the sign-in's run draws the first path and is its first view), then
follows sidebar links to the other paths and back, `--views` page views in all. A page view is
timed from the request (the HTTP GET for a new session, the form's submit, the rerun message for a
link) to Streamlit's `script_finished`: the server's whole answer, without the browser's drawing.
Prints one JSON object: every view's seconds, and errors. `oversight.devtools.bench_cluster` runs it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
import urllib.parse

from dashboard.stclient import Session, SessionError
from oversight.domain.places import DISTRICTS


def with_district(path: str, i: int) -> str:
    """Session i's filter: none for the first, then one district each (scoped leaders, distinct answers)."""
    district = [None, *DISTRICTS][i % (len(DISTRICTS) + 1)]
    return path if district is None else f"{path}?{urllib.parse.urlencode({'district': district})}"


async def first_view(session: Session, path: str, user: str | None) -> object:
    """Open `path`; with a user, sign in on the form it shows (that run draws `path`)."""
    run = await session.open(path)
    if user is None:
        return run
    session.fill(session.find("用户名"), user)
    session.fill(session.find("密码"), os.environ.get("OVERSIGHT_BENCH_PASSWORD", ""))
    return await session.click("登录")


async def leader(url: str, paths: list[str], views: int, out: dict, user: str | None = None) -> None:
    session = Session(url, timeout=180)
    try:
        for v in range(views):
            path = paths[v % len(paths)]
            run = await (first_view(session, path, user) if v == 0 else session.goto(path))
            out["views"].append({"path": path, "seconds": run.seconds, "status": run.status})
    except SessionError as exc:
        out["errors"].append(str(exc))
    finally:
        await session.close()


async def wall(url: str, path: str, seconds: float, out: dict, go: asyncio.Event, user: str | None = None) -> None:
    """An open wall: the page stays up and its `run_every` fragments rerun, as a browser's timers do."""
    session = Session(url, timeout=180)
    try:
        await first_view(session, path, user)
        out["opened"] += 1
        await go.wait()  # every wall is up: the watching starts (and is measured) together
        out["fragment_runs"].append(await session.watch(seconds))
    except SessionError as exc:
        out["errors"].append(str(exc))
    finally:
        await session.close()


async def walls(url: str, sessions: int, path: str, seconds: float, users: list[str] | None = None) -> dict:
    """`sessions` walls open on `path`; prints "opened" on stderr when all are drawn, then watches."""
    out: dict = {"fragment_runs": [], "errors": [], "opened": 0}
    names = [users[i % len(users)] if users else None for i in range(sessions)]
    go = asyncio.Event()
    tasks = [asyncio.ensure_future(wall(url, path, seconds, out, go, names[i])) for i in range(sessions)]
    while out["opened"] + len(out["errors"]) < sessions:
        await asyncio.sleep(0.05)
    print("opened", file=sys.stderr, flush=True)  # bench_cluster reads the replicas' CPU from here
    go.set()
    await asyncio.gather(*tasks)
    return out


async def load(
    url: str, sessions: int, views: int, paths: list[str], districts: bool = False, users: list[str] | None = None
) -> dict:
    out: dict = {"views": [], "errors": []}
    start = time.perf_counter()
    own = [[with_district(p, i) if districts else p for p in paths] for i in range(sessions)]
    names = [users[i % len(users)] if users else None for i in range(sessions)]
    await asyncio.gather(*(leader(url, own[i], views, out, names[i]) for i in range(sessions)))
    out["wall_seconds"] = time.perf_counter() - start
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dashboard.loadgen", description=__doc__.split("\n")[0])
    p.add_argument("url")
    p.add_argument("--sessions", type=int, default=1)
    p.add_argument("--views", type=int, default=4, help="page views per session")
    p.add_argument("--paths", nargs="+", default=["/", "/ranking"])
    p.add_argument("--districts", action="store_true", help="session i filters on district i (the first on none)")
    p.add_argument("--users", nargs="+", default=None, help="sign in: session i as the i-th name (cycling)")
    p.add_argument("--watch", type=float, default=0, help="walls: keep the first path open this many seconds")
    args = p.parse_args(argv)
    if args.watch:
        result = asyncio.run(walls(args.url, args.sessions, args.paths[0], args.watch, args.users))
    else:
        result = asyncio.run(load(args.url, args.sessions, args.views, args.paths, args.districts, args.users))
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
