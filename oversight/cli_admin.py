"""`python -m oversight user …` and `db …`: accounts and the shared store's schema."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console

from oversight.access.roles import ROLES


def add_parsers(sub: argparse._SubParsersAction) -> None:
    u = sub.add_parser("user", help="用户管理（配置 OVERSIGHT_DB_URL 时写入共享数据库，否则写 data/users.json）")
    u_sub = u.add_subparsers(dest="user_command", required=True)
    ua = u_sub.add_parser("add", help="添加或更新用户（密码从提示或标准输入读取）")
    ua.add_argument("name")
    ua.add_argument("--role", choices=ROLES, default="viewer")
    ua.add_argument("--district")
    ua.add_argument("--town")
    ua.add_argument("--email")
    ua.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")

    d = sub.add_parser("db", help="共享状态数据库（默认 data/oversight.duckdb；OVERSIGHT_DB_URL 指向 PostgreSQL）")
    d_sub = d.add_subparsers(dest="db_command", required=True)
    for name, text in (("upgrade", "应用尚未执行的迁移"), ("status", "列出已执行和待执行的迁移")):
        cmd = d_sub.add_parser(name, help=text)
        cmd.add_argument("--url", default=None, help="postgresql://…（默认 $OVERSIGHT_DB_URL）")


def user(args: argparse.Namespace, console: Console) -> int:
    from oversight.access import auth
    from oversight.store.backend import configured_url

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        import getpass

        password = getpass.getpass("密码：")
    try:
        entry = auth.new_entry(args.name, password, args.role, args.district, args.town, args.email)
        if configured_url():
            from oversight.store.shared import shared

            store = shared()
            store.users.add(entry)
            store.record("cli", "user_add", f"{args.name} ({args.role})")
            where = "共享数据库"
        else:
            auth.write_entry(entry)
            where = str(auth.users_file())
    except (ValueError, RuntimeError) as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        return 2
    console.print(f"已写入用户 {args.name}（{args.role}）到 {where}", highlight=False)
    return 0


def db(args: argparse.Namespace, console: Console) -> int:
    from oversight.store import migrate
    from oversight.store.backend import configured_url, default_db, describe, open_backend

    url = args.url or configured_url()
    try:
        backend = open_backend(url)
    except RuntimeError as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        return 2
    where = describe(url, None if url else default_db())
    try:
        if args.db_command == "upgrade":
            done = migrate.upgrade(backend)
            for m in done:
                console.print(f"已执行 {m.version:04d}_{m.name}", highlight=False)
            console.print(f"{where}：已是最新（{len(migrate.available())} 个迁移）", highlight=False)
            return 0
        applied = migrate.applied(backend)
        for m in migrate.available():
            console.print(
                f"{m.version:04d}_{m.name}  {'已执行' if m.version in applied else '待执行'}", highlight=False
            )
        return 0 if all(m.version in applied for m in migrate.available()) else 1
    finally:
        backend.close()
