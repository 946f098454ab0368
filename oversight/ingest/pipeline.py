"""An ingest run: expand paths, read each file, report duplicates, merge into the lake once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from oversight.access.roles import User
from oversight.ingest.document import sha256_file
from oversight.ingest.scope import Guard
from oversight.ingest.worker import Limits, Worker
from oversight.store.lake import Lake
from oversight.store.latest import Order, order
from oversight.store.records import FileResult


@dataclass
class Duplicate:
    path: Path
    doc_id: str
    of: str  # the source_name (or path) already holding these bytes


@dataclass
class RunReport:
    results: list[FileResult] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    replaced: int = 0  # projects that replaced a row from an earlier document
    version: int = 0

    def by_status(self, status: str) -> list[FileResult]:
        return [r for r in self.results if r.status == status]


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, and every file below each folder (sorted, so runs are reproducible)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(p)
    return out


def run(
    paths: Iterable[Path | str],
    lake: Lake,
    *,
    demo: bool | Callable[[Path], bool] = False,
    progress: Callable[[Path, FileResult | Duplicate], None] | None = None,
    scope: User | None = None,
    limits: Limits | None = None,
) -> RunReport:
    """Ingest files into the lake. Every file ends in `results` or `duplicates`.

    `scope`: the signed-in user the app ingests for; only editors and admins may, and a scoped
    user's rows outside their scope are refused (scope.py). None: an operator's run, unrestricted.
    Files are parsed in one child process per run, within `limits` (worker.py)."""
    files = expand(paths)
    report = RunReport()
    with lake.lock(), Worker(limits) as worker:
        guard = Guard(scope, lake)
        known = lake.doc_ids(ingested_only=True)
        names = _names(lake) if known else {}
        old_projects = _projects(lake)
        for path in files:
            is_demo = demo(path) if callable(demo) else demo
            result_or_dup = _one(path, is_demo, known, names, worker, guard)
            if isinstance(result_or_dup, Duplicate):
                report.duplicates.append(result_or_dup)
            else:
                report.results.append(result_or_dup)
                known.add(result_or_dup.doc["doc_id"])
                names[result_or_dup.doc["doc_id"]] = str(path)
            if progress:
                progress(path, result_or_dup)
        orders = _orders(lake)
        for r in report.results:
            stated = {e["project_id"] for e in r.evaluations}
            mine = orders[r.doc["doc_id"]] = order(r.doc)
            # Replaced only where this document is not older than the holder (the lake's rule, latest.py);
            # otherwise latest.py notes that these rows did not replace the later ones.
            again = [
                p
                for p in stated
                if (held := old_projects.get(p, r.doc["doc_id"])) != r.doc["doc_id"] and orders.get(held, mine) <= mine
            ]
            if again:
                report.replaced += len(again)
                r.doc["notes"].append(
                    f"{len(again)} 个项目此前已由其他文档导入，本文档的记录替换了它们（较早的文档仍保留在文档列表中）"
                )
            old_projects.update({p: r.doc["doc_id"] for p in stated if p in again or p not in old_projects})
        if report.results or not lake.exists():
            report.version = lake.merge(report.results)["version"]
        else:
            report.version = lake.version()
    return report


def _one(
    path: Path, demo: bool, known: set[str], names: dict[str, str], worker: Worker, guard: Guard
) -> FileResult | Duplicate:
    doc_id = sha256_file(path)
    if doc_id in known:
        return Duplicate(path, doc_id, names.get(doc_id, doc_id[:12]))
    return guard.admit(worker.parse(path, demo=demo, doc_id=doc_id, trust_ids=guard.trust_ids))


def _names(lake: Lake) -> dict[str, str]:
    docs = lake.read("documents").select(["doc_id", "source_name"]).to_pylist()
    return {d["doc_id"]: d["source_name"] for d in docs}


def _orders(lake: Lake) -> dict[str, Order]:
    docs = lake.read("documents").select(["doc_id", "doc_date", "ingested_at"]).to_pylist()
    return {d["doc_id"]: order(d) for d in docs}


def _projects(lake: Lake) -> dict[str, str]:
    ev = lake.read("evaluations").select(["project_id", "doc_id"]).to_pylist()
    return {e["project_id"]: e["doc_id"] for e in ev}
