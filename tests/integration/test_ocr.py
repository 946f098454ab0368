"""A scanned page (an image PDF the test draws itself) is read by OCR and every value is marked so."""

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from oversight.ingest.document import ingest_file
from oversight.ingest.readers import ocr

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FORM = [
    "项目支出绩效自评表",
    "(2022年度)",
    "项目名称    社区网格化管理服务经费",
    "主管部门    松江区城市运行管理中心",
    "项目资金(万元)    年初预算数    全年预算数    全年执行数    分值    执行率    得分",
    "年度资金总额    120    120    108    10    90%    9",
    "总分    88",
]

pytestmark = pytest.mark.skipif(not (ocr.available() and FONT.exists()), reason="tesseract chi_sim or CJK font missing")


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory):
    page = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 48)
    for i, line in enumerate(FORM):
        draw.text((150, 200 + i * 110), line, fill=0, font=font)
    path = tmp_path_factory.mktemp("scan") / "scanned_form.pdf"
    page.save(path, "PDF", resolution=300)
    return ingest_file(path)


def test_the_scanned_form_is_read(scanned):
    assert scanned.doc["status"] in ("ok", "warning")


def test_the_project_name_is_read_by_ocr(scanned):
    assert [e["name"] for e in scanned.evaluations] == ["社区网格化管理服务经费"]


def test_the_budget_is_read_by_ocr(scanned):
    assert scanned.evaluations[0]["budget_wan"] == 120


def test_the_executed_amount_is_read_by_ocr(scanned):
    assert scanned.evaluations[0]["executed_wan"] == 108


def test_the_total_score_is_read_by_ocr(scanned):
    assert scanned.evaluations[0]["score"] == 88


def test_ocr_read_amounts_are_marked_unsure(scanned):
    how = json.loads(scanned.evaluations[0]["field_confidence"])
    assert how["budget_wan"][1] == "unsure"


def test_the_document_says_its_page_was_read_by_ocr(scanned):
    assert any("OCR" in n for n in scanned.doc["notes"])
