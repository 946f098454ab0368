"""The demo corpus: realistic documents for every district, written as txt, docx and xlsx.

Deterministic for a seed. `generate()` returns the documents *and* what each must read back as
(`truth`), so tests can prove ingestion recovers every generated field. Every demo document is
ingested with demo=true; the UI labels such data 示例数据.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from oversight.devtools import writers
from oversight.devtools.demo_forms import ledger, selfeval, tracking
from oversight.devtools.demo_messy import messy
from oversight.devtools.demo_projects import DemoDoc, Gen, bind, eval_fields, truth
from oversight.devtools.demo_words import YEARS, districts
from oversight.paths import SEEDS_DIR

__all__ = ["DemoDoc", "build_demo_lake", "generate", "seed_paths", "write_corpus"]


def generate(seed: int = 2024) -> list[DemoDoc]:
    """The whole corpus, in memory: documents with their writers and truth."""
    g = Gen(seed)
    rng = g.rng
    docs: list[DemoDoc] = []
    n = 0
    for district in districts():
        for year in YEARS:
            # Evaluation results as text or Word, a unit at a time.
            for _ in range(rng.choice([1, 2, 2, 3])):
                unit, town = g.unit(district)
                projects = [g.project(district, unit, town, year) for _ in range(rng.randint(1, 8))]
                fmt = rng.choice(["txt", "txt", "docx"])
                paragraphs = fmt == "txt" and rng.random() < 0.5
                variant = rng.randrange(6)
                header = [unit, f"{year}年度财政支出项目绩效评价结果"]
                fields = [eval_fields(p, variant, paragraphs) for p in projects]
                n += 1
                name = f"demo_{n:04d}_eval_{year}.{fmt}"
                if fmt == "txt":
                    write = bind(writers.eval_txt, header, fields, paragraphs=paragraphs)
                    sep = "\n" if paragraphs else "；"
                else:
                    write, sep = bind(writers.eval_docx, header, fields), "\n"
                docs.append(DemoDoc(name, "evaluation_result", fmt, write, [truth(p, sep) for p in projects]))
            # A district ledger in Excel every other year.
            if (year + districts().index(district)) % 2 == 0:
                docs.append(ledger(g, district, year, n := n + 1))
            # Tracking forms for the recent years, self-evaluations throughout.
            if year >= 2021:
                for _ in range(rng.choice([4, 5, 6])):
                    docs.append(tracking(g, district, year, n := n + 1))
            if rng.random() < 0.6:
                docs.append(selfeval(g, district, year, n := n + 1))
    return docs + messy(seed, districts(), YEARS, n, g.names)


def write_corpus(docs: list[DemoDoc], out: Path) -> list[Path]:
    """Write every document into a fresh folder; returns their paths."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    paths = []
    for doc in docs:
        path = out / doc.filename
        doc.write(path)
        paths.append(path)
    return paths


def seed_paths() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


def build_demo_lake(lake, *, seed: int = 2024, out: Path | None = None, console=None):
    """Write the demo corpus and ingest it, with the two seeds, into the lake."""
    from oversight.ingest.pipeline import run
    from oversight.ingest.progress import ingest_with_progress

    out = out or lake.root.parent / "demo_docs"
    docs = generate(seed)
    paths = write_corpus(docs, out)
    demo_set = set(paths)
    files = [*seed_paths(), *paths]
    if console is not None:
        console.print(f"示例文档 {len(paths)} 份已写入 {out}")
        return ingest_with_progress(files, lake, console, demo=lambda p: p in demo_set)
    return run(files, lake, demo=lambda p: p in demo_set)
