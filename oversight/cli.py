"""python -m oversight ingest | demo | query | embed-url | user | db | bench | cluster."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from oversight import cli_admin, cli_review
from oversight.ingest.pipeline import RunReport, expand
from oversight.ingest.progress import ingest_with_progress
from oversight.paths import default_lake
from oversight.store.lake import Lake, LakeError

LIST_PARAMS = {"years"}  # query parameters that take a list
STATUS_ZH = {
    "ok": "正常 ok",
    "warning": "有提示 warning",
    "quarantined": "隔离 quarantined",
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m oversight",
        description="绩效驾驶舱: 导入文档、生成示例数据、运行查询",
    )
    sub = p.add_subparsers(dest="command", required=True)
    lake_help = "湖目录（默认 $OVERSIGHT_LAKE 或 data/lake）"

    ing = sub.add_parser("ingest", help="导入文件或文件夹（递归）")
    ing.add_argument("paths", nargs="+", type=Path)
    ing.add_argument("--lake", type=Path, default=None, help=lake_help)

    demo = sub.add_parser("demo", help="生成示例文档并与两份种子文档一起导入")
    demo.add_argument("--lake", type=Path, default=None, help=lake_help)
    demo.add_argument("--seed", type=int, default=2024)
    demo.add_argument(
        "--out",
        type=Path,
        default=None,
        help="示例文档目录（默认 <lake>/../demo_docs）",
    )

    q = sub.add_parser("query", help="运行 queries/NAME.sql")
    q.add_argument("name")
    q.add_argument(
        "--param", action="append", default=[], metavar="KEY=VALUE", help="例：district=嘉定区、years=2018,2019"
    )
    q.add_argument("--lake", type=Path, default=None, help=lake_help)
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")

    e = sub.add_parser("embed-url", help="打印大屏地址（配置了密钥时带签名令牌）")
    e.add_argument("--district")
    e.add_argument("--year", type=int)
    e.add_argument(
        "--theme", choices=("video", "grid", "cityops", "emergency", "ops", "security", "survey", "data", "it")
    )
    e.add_argument("--days", type=float, default=30, help="令牌有效天数")
    e.add_argument("--base", default="http://localhost:8501", help="应用地址")
    e.add_argument("--rotate", type=int, default=None, help="轮播秒数（0 停止）")
    e.add_argument("--refresh", type=int, default=None, help="检查数据更新的秒数")

    cli_admin.add_parsers(sub)
    cli_review.add_parsers(sub)

    b = sub.add_parser("bench", help="基准测试")
    b.add_argument("what", choices=("ingest", "pages", "cluster"))
    b.add_argument("--seed", type=int, default=2024)
    b.add_argument("--evaluations", type=int, default=100_000, help="pages: size of the synthetic lake")
    b.add_argument("--no-browser", action="store_true", help="pages: skip the Chromium timings")
    b.add_argument("--lake", type=Path, default=None, help="cluster: serve this lake, not a synthetic one")

    sub.add_parser(
        "cluster", help="本机试运行：PostgreSQL、两个副本与 nginx（cluster --help 查看选项）", add_help=False
    )
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["cluster"]:  # its options are its own (oversight.devtools.cluster.main)
        from oversight.devtools.cluster import main as cluster_main

        return cluster_main(argv[1:])
    args = _parser().parse_args(argv)
    console = Console()
    lake_dir = args.lake if getattr(args, "lake", None) else default_lake()
    if args.command == "ingest":
        try:
            files = expand(args.paths)
        except FileNotFoundError as exc:
            console.print(f"[red]找不到路径：{exc}[/red]")
            return 2
        try:
            report = ingest_with_progress(files, Lake(lake_dir), console)
        except LakeError as exc:  # another ingest holds the lake, or its manifest is damaged
            console.print(f"[red]{exc}[/red]", highlight=False)
            return 3
        print_report(report, console)
        return 0
    if args.command == "demo":
        from oversight.devtools.demo import build_demo_lake

        try:
            report = build_demo_lake(Lake(lake_dir), seed=args.seed, out=args.out, console=console)
        except LakeError as exc:
            console.print(f"[red]{exc}[/red]", highlight=False)
            return 3
        print_report(report, console)
        return 0
    if args.command == "query":
        return _query(args, lake_dir, console)
    if args.command == "user":
        return cli_admin.user(args, console)
    if args.command == "db":
        return cli_admin.db(args, console)
    if args.command == "review":
        return cli_review.review(args, console)
    if args.command == "embed-url":
        from oversight.access.embed import secret_from_env, wall_url

        scope = {"district": args.district, "year": args.year, "theme": args.theme}
        extra = {k: v for k, v in (("rotate", args.rotate), ("refresh", args.refresh)) if v is not None}
        secret = secret_from_env()
        print(wall_url(args.base, scope, secret, args.days, extra))
        if not secret:
            console.print(
                "[yellow]未配置 OVERSIGHT_EMBED_SECRET：大屏不需要令牌，地址不带签名[/yellow]", highlight=False
            )
        return 0
    if args.command == "bench" and args.what == "cluster":
        from oversight.devtools.bench_cluster import bench_cluster

        bench_cluster(console=console, lake=args.lake, evaluations=args.evaluations)
        return 0
    if args.command == "bench" and args.what == "pages":
        from oversight.devtools.bench_pages import bench_pages

        bench_pages(console=console, evaluations=args.evaluations, browser=not args.no_browser)
        return 0
    if args.command == "bench":
        from oversight.devtools.bench import bench_ingest

        bench_ingest(seed=args.seed, console=console)
        return 0
    return 2


def print_report(report: RunReport, console: Console) -> None:
    table = Table(title=f"导入结果（湖版本 {report.version}）")
    for col in ("状态", "文件数", "项目数"):
        table.add_column(col)
    for status, label in STATUS_ZH.items():
        rs = report.by_status(status)
        table.add_row(label, str(len(rs)), str(sum(r.doc["records"] for r in rs)))
    table.add_row("重复 duplicate", str(len(report.duplicates)), "0")
    console.print(table)
    if report.replaced:
        console.print(f"{report.replaced} 个项目替换了较早文档中的记录。")
    shown = 0
    for r in report.results:
        if r.status == "ok" or shown >= 12:
            continue
        first = r.doc["messages"][0] if r.doc["messages"] else ""
        console.print(
            f"[{'red' if r.status == 'quarantined' else 'yellow'}]{r.status}[/] {r.doc['source_name']}: {first}",
            markup=True,
            highlight=False,
        )
        shown += 1
    for d in report.duplicates[:5]:
        console.print(f"duplicate {d.path.name}: 与已导入的 {d.of} 字节相同", highlight=False)


def _query(args: argparse.Namespace, lake_dir: Path, console: Console) -> int:
    from oversight.store.export import neutralise
    from oversight.store.query import LakeDB, QueryError

    params = {}
    for item in args.param:
        k, sep, v = item.partition("=")
        if not sep or not k:
            console.print(f"[red]--param 需要 KEY=VALUE：{item}[/red]")
            return 2
        if k in LIST_PARAMS:  # years=2018,2019 → [2018, 2019]
            params[k] = [int(x) if x.strip().lstrip("-").isdigit() else x.strip() for x in v.split(",") if x.strip()]
        else:
            params[k] = int(v) if v.lstrip("-").isdigit() else v
    try:
        df = LakeDB(lake_dir, cli_review.shared_or_none(console)).run(args.name, params)
    except QueryError as exc:
        console.print(f"[red]{exc}[/red]")
        return 2
    except duckdb.Error as exc:  # a bad parameter value, or a query file with an error
        console.print(f"[red]查询 {args.name} 出错：{exc}[/red]", highlight=False)
        return 1
    if args.format == "csv":
        sys.stdout.write(neutralise(df).to_csv(index=False))  # opened in a spreadsheet: formulas as text
    elif args.format == "json":
        sys.stdout.write(
            json.dumps(
                json.loads(df.to_json(orient="records", force_ascii=False, date_format="iso")),
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    else:
        table = Table()
        for col in df.columns:
            table.add_column(str(col))
        for row in df.itertuples(index=False):
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
    return 0
