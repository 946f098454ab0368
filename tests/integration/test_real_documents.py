"""Real published documents and hand-written corpora of their layouts, scored field by field.

`tests/corpus/realdocs` holds eight real documents with a reading by hand (copied from the team's
shared development set, with its README); `tests/corpus/realistic` and `tests/corpus/blind` hold
documents written by hand for these tests by people who did not read the parser (the blind set was
scored once before any change was made for it: 57 %). All are scored by `tests/corpus/score.py`,
which knows nothing of the parser.
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


# Floors a little under what each set reads now, as guards against regressions. Held-out figures, when
# each set was first scored: blind 57 %, blind2 62 %, blind3 93 % (218/234), blind4 68 % (150/219),
# blind5 75 % (160/212), blind6 75 % (237/314), blind7 81 % (122/150), blind8 60 % (111/186),
# blind9 94 % (162/173), blind10 54 % (150/276), blind11 93 % (219/236), blind12 82 % (139/170),
# blind13 94 % (221/235), blind14 90 % (127/141); all were tuned against after.
@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("realdocs", 0.95),
        ("realistic", 0.95),
        ("blind", 0.90),
        ("blind2", 0.95),
        ("blind3", 0.95),
        ("blind4", 0.95),
        ("blind5", 0.90),
        ("blind6", 0.90),
        ("blind7", 0.95),
        ("blind8", 0.95),
        ("blind9", 0.95),
        ("blind10", 0.95),
        ("blind11", 0.95),
        ("blind12", 0.92),
        ("blind13", 0.93),
        ("blind14", 0.95),
    ],
)
def test_stated_fields_are_read(name: str, floor: float, tmp_path: Path):
    report = _score(name, tmp_path)
    last = report.strip().splitlines()[-1]
    got, want = last.split(":")[1].split("=")[0].strip().split("/")
    assert int(got) / int(want) >= floor, report


def test_every_real_document_contributes_a_row(tmp_path: Path):
    lake = Lake(tmp_path / "lake")
    report = run([CORPUS / "realdocs" / "docs"], lake)
    empty = [r.doc["source_name"] for r in report.results if r.doc["records"] == 0]
    assert empty == []


def test_a_procurement_notice_is_quarantined_with_its_reason(tmp_path: Path):
    lake = Lake(tmp_path / "lake")
    report = run([CORPUS / "blind" / "docs" / "15_kunshan_qiandeng_shipin_caigougonggao_2024.txt"], lake)
    assert report.results[0].doc["reason"] == "这是采购或招投标公告，不是预算绩效文档（其中的得分是投标评审得分）"


def test_a_cover_page_with_no_values_is_a_warning_not_a_row(tmp_path: Path):
    lake = Lake(tmp_path / "lake")
    report = run([CORPUS / "realistic" / "docs" / "13_luodian_fengmian_2023.txt"], lake)
    assert (report.results[0].doc["status"], report.results[0].doc["records"]) == ("warning", 0)
