"""A hostile folder ingests without a crash, and every file is accounted for with a reason."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from helpers import SEED_000, SEED_001, rows

from oversight.ingest.document import MAX_BYTES
from oversight.ingest.pipeline import run
from oversight.store.lake import Lake

EVIL_NAME = "x'); DROP TABLE evaluations; --"
HOSTILE_HTML = f"""<html><head><title>t</title><script>alert('head')</script></head><body>
<p>上海市嘉定区城市运行管理中心</p><p>2023年度财政支出项目绩效评价结果</p>
<table><tr><td>项目名称</td><td>{EVIL_NAME}</td></tr>
<tr><td>决算金额</td><td>12.5 万元</td></tr><tr><td>评价分值</td><td>88 分</td></tr>
<tr><td>评价结论</td><td>等次为“良”</td></tr>
<tr><td>存在问题</td><td>系统<script>alert(document.cookie)</script>响应慢<img src=x onerror=alert(1)></td></tr>
<tr><td>整改情况</td><td>&lt;script&gt;alert(2)&lt;/script&gt;已完成优化 &amp; 升级</td></tr></table></body></html>"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("   \n\n", encoding="utf-8")
    (folder / "random.pdf").write_bytes(os.urandom(4096))
    (folder / "random.docx").write_bytes(os.urandom(2048))
    (folder / "pdf_named.xlsx").write_bytes(b"%PDF-1.4\n" + os.urandom(512))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "legacy.xls").write_bytes(b"\xd0\xcf\x11\xe0" + os.urandom(512))
    (folder / "seed000_gb18030.txt").write_bytes(SEED_000.read_text(encoding="utf-8").encode("gb18030"))
    (folder / "seed000_bom.txt").write_bytes(b"\xef\xbb\xbf" + SEED_000.read_bytes().replace(b"\n", b"\r\n"))
    (folder / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    seed1 = SEED_001.read_text(encoding="utf-8")
    (folder / "truncated_form.txt").write_text(seed1[: seed1.index("调整后预算数")], encoding="utf-8")
    (folder / "notes.txt").write_text("会议纪要\n今天讨论了预算。\n", encoding="utf-8")
    with (folder / "huge.txt").open("wb") as f:
        line = ("项目名称\t某项目\n" * 1000).encode("utf-8")
        while f.tell() < 45 * 1024 * 1024:
            f.write(line)
    (folder / "copy_of_seed000.txt").write_bytes(SEED_000.read_bytes())
    lake_dir = tmp_path_factory.mktemp("hostile_lake")
    run([SEED_000], Lake(lake_dir))
    report = run([folder], Lake(lake_dir))
    return folder, lake_dir, report


def test_every_file_is_accounted_for(hostile) -> None:
    folder, lake_dir, report = hostile
    files = {p.name for p in folder.iterdir()}
    docs = {d["source_name"]: d for d in rows(lake_dir, "documents")}
    duplicates = {d.path.name for d in report.duplicates}
    assert duplicates == {"copy_of_seed000.txt"}
    assert files - duplicates <= set(docs)
    assert len(report.results) + len(report.duplicates) == len(files)
    for name in files - duplicates:
        d = docs[name]
        assert d["status"] in ("ok", "warning", "quarantined")
        if d["status"] == "quarantined":
            assert d["reason"], name
            assert d["messages"][-1] == d["reason"], name


@pytest.mark.parametrize(
    ("name", "reason_part"),
    [
        ("empty.txt", "文件为空"),
        ("blank.md", "文件为空"),
        ("random.pdf", "不是有效的 PDF"),
        ("random.docx", "不是有效的 Word (.docx)"),
        ("pdf_named.xlsx", "但内容是PDF"),
        ("binary.txt", "不是可识别的文本编码"),
        ("legacy.xls", "不支持的文件类型"),
        ("notes.txt", "无法识别文档类型"),
        ("huge.txt", f"超过 {MAX_BYTES // 1048576} MB 上限"),
    ],
)
def test_quarantine_reasons(hostile, name: str, reason_part: str) -> None:
    _, lake_dir, _ = hostile
    d = {d["source_name"]: d for d in rows(lake_dir, "documents")}[name]
    assert d["status"] == "quarantined"
    assert reason_part in d["reason"], d["reason"]
    assert d["records"] == 0


def test_encodings_are_detected_and_said(hostile) -> None:
    _, lake_dir, _ = hostile
    docs = {d["source_name"]: d for d in rows(lake_dir, "documents")}
    gb = docs["seed000_gb18030.txt"]
    assert (gb["encoding"], gb["records"], gb["status"]) == ("gb18030", 8, "warning")
    assert gb["notes"][0] == "编码: GB18030（自动识别）"
    assert "8 个项目此前已由其他文档导入" in gb["notes"][1]
    bom = docs["seed000_bom.txt"]
    assert (bom["encoding"], bom["records"]) == ("utf-8-sig", 8)


def test_the_same_project_is_one_row_the_latest_winning(hostile) -> None:
    _, lake_dir, _ = hostile
    ev = rows(lake_dir, "evaluations")
    from_seed = [e for e in ev if e["unit"] == "上海市联勤和城市网格化综合管理中心"]
    assert len(from_seed) == 8
    latest = {d["doc_id"] for d in rows(lake_dir, "documents") if d["source_name"] == "seed000_gb18030.txt"}
    assert {e["doc_id"] for e in from_seed} == latest  # sorted run order: seed000_gb18030 after seed000_bom
    rect = rows(lake_dir, "rectifications")
    assert len([r for r in rect if r["project_id"] in {e["project_id"] for e in from_seed}]) == 11


def test_markup_is_stripped_and_names_are_just_names(hostile) -> None:
    _, lake_dir, _ = hostile
    (evil,) = [e for e in rows(lake_dir, "evaluations") if e["district"] == "嘉定区" and e["year"] == 2023]
    assert evil["name"] == EVIL_NAME
    assert evil["problems"] == "系统响应慢"
    assert evil["rectification"] == "已完成优化 & 升级"
    assert (evil["score"], evil["grade"], evil["amount_wan"]) == (88.0, "良", 12.5)
    con = duckdb.connect()
    for table in ("documents", "evaluations", "rectifications", "lines"):
        text = " ".join(str(v) for r in rows(lake_dir, table) for v in r.values())
        assert "<script" not in text.lower(), table
        assert "onerror" not in text.lower(), table
    n = con.execute(
        "select count(*) from read_parquet(?) where name = ?", [str(lake_dir / "evaluations.parquet"), EVIL_NAME]
    ).fetchone()[0]
    assert n == 1


def test_truncated_form_is_kept_with_findings(hostile) -> None:
    _, lake_dir, _ = hostile
    d = {d["source_name"]: d for d in rows(lake_dir, "documents")}["truncated_form.txt"]
    assert (d["doc_kind"], d["status"], d["records"]) == ("tracking_monitor", "warning", 1)
    assert any("阶段性跟踪结论: 未写明" in m for m in d["messages"])
