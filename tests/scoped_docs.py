"""Documents from other districts for the scope tests: seed 000 moved to 浦东新区, wholly or in part."""

from __future__ import annotations

from pathlib import Path

from helpers import SEED_000, SEED_001, rows

from oversight.ingest.pipeline import run
from oversight.store.lake import Lake

BLOCK = "绩效评价结果信息表"  # the heading before each project of seed 000


def pudong(text: str) -> str:
    return text.replace("嘉定区", "浦东新区").replace("嘉定", "浦东")


def pudong_seed() -> bytes:
    """Seed 000 as if 浦东新区 had published it: eight 浦东新区 projects."""
    return pudong(SEED_000.read_text(encoding="utf-8")).encode("utf-8")


def mixed_seed() -> bytes:
    """Seed 000 with its first project in 嘉定区 and the other seven moved to 浦东新区."""
    blocks = SEED_000.read_text(encoding="utf-8").split(BLOCK)
    return BLOCK.join(blocks[:2] + [pudong(b) for b in blocks[2:]]).encode("utf-8")


def three_district_lake(folder: Path) -> Path:
    """The two seeds (嘉定区; 闵行区华漕镇) and 浦东新区's eight projects, ingested by an operator."""
    (folder / "pudong.txt").write_bytes(pudong_seed())
    run([SEED_000, SEED_001, folder / "pudong.txt"], Lake(folder / "lake"))
    return folder / "lake"


def scores(lake: Path, district: str) -> dict[str, float]:
    return {e["name"]: e["score"] for e in rows(lake, "evaluations") if e["district"] == district}
