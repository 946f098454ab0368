"""Seed 000 written as Word, Excel and (by headless Chromium) PDF reads back as the same projects."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from helpers import ARTIFACTS, SEED_000, rows

from oversight.devtools import writers
from oversight.domain.textnorm import key, plain
from oversight.ingest.document import ingest_file
from oversight.ingest.parsers.evaluation import read_records
from oversight.ingest.readers.text import read_txt

COMPARED = (
    "project_id",
    "name",
    "unit",
    "district",
    "year",
    "amount_wan",
    "score",
    "grade",
    "category",
    "problems",
    "suggestions",
    "rectification",
    "rectification_status",
)


def _seed_blocks() -> tuple[list[str], list[list[tuple[str, list[str]]]]]:
    """The seed's header lines and its projects as (label, paragraphs) in source order."""
    records, header, _ = read_records(read_txt(SEED_000.read_bytes()).lines)
    projects = [[(label_of(f), plain(c.text).split("\n")) for f, c in rec.items()] for rec in records]
    return [plain(h.text) for h in header if plain(h.text) != "绩效评价结果信息表"], projects


def label_of(field: str) -> str:
    return {
        "name": "项目名称",
        "amount_wan": "决算金额",
        "score": "评价分值",
        "conclusion": "评价结论",
        "achievements": "主要绩效",
        "problems": "存在问题",
        "suggestions": "整改建议",
        "rectification": "整改情况",
    }[field]


@pytest.fixture(scope="module")
def from_txt(seed_lake) -> list[dict]:
    return sorted(rows(seed_lake, "evaluations"), key=lambda r: r["line_no"])


def _same_projects(result, expected: list[dict], fields=COMPARED) -> None:
    got = {e["project_id"]: e for e in result.evaluations}
    assert result.doc["records"] == 8, result.doc["messages"]
    for want in expected:
        assert {f: got[want["project_id"]][f] for f in fields} == {f: want[f] for f in fields}


def test_word_round_trip(tmp_path: Path, from_txt) -> None:
    header, projects = _seed_blocks()
    path = tmp_path / "seed000.docx"
    writers.eval_docx(path, header, projects)
    result = ingest_file(path)
    assert result.doc["format"] == "docx"
    assert result.status == "warning"
    _same_projects(result, from_txt, (*COMPARED, "achievements"))


def test_excel_round_trip(tmp_path: Path, from_txt) -> None:
    header, projects = _seed_blocks()
    columns = ["项目名称", "决算金额（万元）", "评价分值", "评价结论", "主要绩效", "存在问题", "整改建议", "整改情况"]
    table = []
    for fields in projects:
        cells = dict(fields)
        table.append(["\n".join(cells[c.split("（")[0]]) for c in columns])
    path = tmp_path / "seed000.xlsx"
    writers.eval_xlsx(path, header, columns, table)
    result = ingest_file(path)
    assert result.doc["format"] == "xlsx"
    _same_projects(result, from_txt, (*COMPARED, "achievements"))


def _seed_html() -> str:
    header, projects = _seed_blocks()
    parts = [
        "<html><head><meta charset='utf-8'><style>body{font-family:'Noto Sans CJK SC';font-size:11pt}"
        "table{border-collapse:collapse;width:100%;margin-bottom:12pt}td{border:1px solid #000;padding:3pt;"
        "vertical-align:top}td:first-child{width:18%}</style></head><body>"
    ]
    parts += [f"<p>{html.escape(h)}</p>" for h in header]
    for fields in projects:
        parts.append("<p>绩效评价结果信息表</p><table>")
        for label, paras in fields:
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
            parts.append(f"<tr><td>{label}</td><td>{body}</td></tr>")
        parts.append("</table>")
    return "".join(parts) + "</body></html>"


@pytest.mark.browser
def test_pdf_printed_by_chromium_reads_back(tmp_path: Path, browser, from_txt) -> None:
    page = browser.new_page()
    page.set_content(_seed_html())
    pdf = page.pdf(format="A4")
    page.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "seed000.pdf").write_bytes(pdf)
    path = tmp_path / "seed000.pdf"
    path.write_bytes(pdf)
    result = ingest_file(path)
    assert result.doc["format"] == "pdf"
    assert result.lines[0]["page"] == 1
    # Layout wraps change where lines break, not what the projects are.
    _same_projects(
        result, from_txt, ("project_id", "unit", "district", "year", "amount_wan", "score", "grade", "category")
    )
    assert max(ln["page"] for ln in result.lines) > 1
    # Text fields match the txt reading up to white space (a PDF cannot tell a wrap from a space).
    got = {e["project_id"]: e for e in result.evaluations}
    for want in from_txt:
        for f in ("name", "achievements", "problems", "suggestions", "rectification"):
            assert key(got[want["project_id"]][f]) == key(want[f]), (want["name"], f)
