"""Real published documents and a hand-written corpus of their layouts, scored field by field.

`tests/corpus/realdocs` holds eight real documents with a reading by hand (copied from the team's
shared development set, with its README); `tests/corpus/realistic` holds documents written by hand
for these tests. Both are scored by `tests/corpus/score.py`, which knows nothing of the parser.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from oversight.ingest.pipeline import run
from oversight.store.lake import Lake

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _score(name: str, tmp_path: Path) -> str:
    lake = Lake(tmp_path / name)
    run([CORPUS / name / "docs"], lake)
    out = subprocess.run(
        [sys.executable, CORPUS / "score.py", CORPUS / name / "docs", CORPUS / name / "expected", lake.root, "0.85"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout


@pytest.mark.parametrize("name", ["realdocs", "realistic"])
def test_at_least_85_percent_of_stated_fields_are_read(name: str, tmp_path: Path):
    report = _score(name, tmp_path)
    last = report.strip().splitlines()[-1]
    got, want = last.split(":")[1].split("=")[0].strip().split("/")
    assert int(got) / int(want) >= 0.85, report
