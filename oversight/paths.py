"""Where the repository's data lives. Product code finds files through here, never ../shared."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
GEO_DIR = DATA_DIR / "geo"
SEEDS_DIR = DATA_DIR / "seeds"
QUERIES_DIR = ROOT / "queries"
RULES_DIR = Path(__file__).resolve().parent / "domain" / "rules"


def default_lake() -> Path:
    """`$OVERSIGHT_LAKE`, else data/lake."""
    return Path(os.environ.get("OVERSIGHT_LAKE") or DATA_DIR / "lake")
