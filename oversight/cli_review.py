"""`python -m oversight review …`: the 人工核对 queue for scripts and tests.

    review list [--lake DIR] [--format table|json] [--state open|done|all]
    review set REVIEW_ID --value V --user NAME [--note T]
    review confirm REVIEW_ID --user NAME [--note T]
    review not-a-document REVIEW_ID --user NAME [--note T]      (admins)

Writes go to the shared store (data/oversight.duckdb, `$OVERSIGHT_DB`, or PostgreSQL with
`$OVERSIGHT_DB_URL`), as the app's; users come from the same place as the app's sign-in. A refusal
(unknown user, a viewer, a wrong or out-of-range value, an entry outside the user's scope) exits 1
with the reason on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from oversight.access.roles import User
from oversight.paths import default_lake

if TYPE_CHECKING:
    from oversight.store.shared import Shared

LIST_KEYS = (
    "review_id",
    "doc_id",
    "project_id",
    "field",
    "value",
    "reason",
    "source_ref",
    "field_label",
    "reason_kind",
    "source_name",
    "unit",
    "name",
    "money_wan",
    "open",
)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    lake_help = "湖目录（默认 $OVERSIGHT_LAKE 或 data/lake）"
    r = sub.add_parser("review", help="人工核对：待核对的数值，确认或更正")
    r_sub = r.add_subparsers(dest="review_command", required=True)
    ls = r_sub.add_parser("list", help="列出待核对的数值（每个数值一条）")
    ls.add_argument("--lake", type=Path, default=None, help=lake_help)
    ls.add_argument("--format", choices=("table", "json"), default="table")
    ls.add_argument("--state", choices=("open", "done", "all"), default="open", help="待核对（默认）、已核对或全部")
    for name, text in (
        ("set", "更正一个数值"),
        ("confirm", "确认一个数值无误"),
        ("not-a-document", "把该核对项所在的文档标记为非绩效文档（仅管理员）"),
    ):
        cmd = r_sub.add_parser(name, help=text)
        cmd.add_argument("review_id")
        cmd.add_argument("--user", required=True, help="用户名（用户文件或共享数据库中的用户）")
        cmd.add_argument("--note", default="", help="说明")
        cmd.add_argument("--lake", type=Path, default=None, help=lake_help)
        if name == "set":
            cmd.add_argument("--value", required=True, help="更正后的值：金额以万元、执行率以 % 填写")


def shared_or_none(console: Console) -> Shared | None:
    """The shared store for reading corrections, or None (with a warning) when it cannot be opened."""
    from oversight.store.backend import StoreLocked, StoreUnavailable
    from oversight.store.shared import shared

    try:
        return shared()
    except (StoreLocked, StoreUnavailable) as exc:
        Console(stderr=True).print(f"[yellow]未读取人工核对记录：{exc}[/yellow]", highlight=False)
        return None


def _user(name: str) -> User:
    from oversight.access import auth
    from oversight.store.backend import configured_url
    from oversight.store.review import Refused

    if configured_url():
        from oversight.store.shared import shared

        users = shared().users.load()
    else:
        try:
            users = auth.load()
        except auth.UsersFileError as exc:
            raise Refused(str(exc)) from None
    if name not in users:
        raise Refused(f"未知用户：{name}")
    return auth.as_user(users[name])


def review(args: argparse.Namespace, console: Console) -> int:
    from oversight.store.query import LakeDB
    from oversight.store.review import Refused, save

    lake_dir = args.lake or default_lake()
    err = Console(stderr=True)
    if args.review_command == "list":
        db = LakeDB(lake_dir, shared_or_none(console))
        df = db.run("review_queue", {"state": args.state}, strict=False)[list(LIST_KEYS)]
        if args.format == "json":
            rows = json.loads(df.to_json(orient="records", force_ascii=False))
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
            return 0
        table = Table(title=f"待核对 {len(df)} 项")
        for col in ("review_id", "field_label", "value", "reason", "source_name", "source_ref"):
            table.add_column(col, no_wrap=col == "review_id", overflow="fold")
        for row in df.itertuples(index=False):
            table.add_row(
                *(str(getattr(row, c)) for c in ("review_id", "field_label", "value", "reason")),
                str(row.source_name),
                str(row.source_ref),
            )
        console.print(table)
        return 0
    action = {"set": "correct", "confirm": "confirm", "not-a-document": "not_a_document"}[args.review_command]
    try:
        user = _user(args.user)
        from oversight.store.shared import shared

        store = shared()
        db = LakeDB(lake_dir, store)
        save(db, store.corrections, user, args.review_id, action, getattr(args, "value", None), args.note)
    except Refused as exc:
        err.print(f"未保存：{exc}", highlight=False, markup=False)
        return 1
    except RuntimeError as exc:  # the shared store is held by a running app, or unreachable
        err.print(f"未保存：{exc}", highlight=False, markup=False)
        return 1
    done = {"correct": "已更正", "confirm": "已确认", "not_a_document": "已标记为非绩效文档"}[action]
    console.print(f"{done}：{args.review_id}（{user.name}）", highlight=False, markup=False)
    return 0
