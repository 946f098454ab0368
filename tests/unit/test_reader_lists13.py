"""Shapes blind13 and blind14 exposed (written by hand here, names and numbers invented): a results
table whose group header spans sub-score columns, its 合计 row, a grade cell that gives its letter and
its word, and numbered paragraphs about a 计划 with the year's arranged money."""

from __future__ import annotations

from pathlib import Path

from helpers import ingest_text

from oversight.ingest.reader.values import grade_of


def rows(tmp_path: Path, text: str) -> dict[str, dict]:
    return {r["name"]: r for r in ingest_text(tmp_path, text).evaluations}


GROUPED = "\n".join(
    [
        "某镇2021年度项目支出绩效自评情况公开",
        "序号\t项目名称\t预算数（万元）\t执行数（万元）\t执行率\t分项得分\t\t\t\t自评总分\t自评等级",
        "\t\t\t\t\t预算执行（10分）\t产出（50分）\t效益（30分）\t满意度（10分）\t\t",
        "1\t某镇网格化管理中心运维经费\t152.00\t149.72\t98.50%\t9.85\t48\t28\t9\t94.85\t优",
        "2\t某镇应急管理信息系统建设\t480.00\t386.40\t80.50%\t8.05\t42\t24\t8\t82.05\t良",
        "\t合计\t632.00\t536.12\t84.83%\t\t\t\t\t\t",
    ]
)


def test_a_group_header_over_sub_score_columns_keeps_the_total_score(tmp_path: Path) -> None:
    assert rows(tmp_path, GROUPED)["某镇网格化管理中心运维经费"]["score"] == 94.85


def test_a_group_header_over_sub_score_columns_keeps_the_grade(tmp_path: Path) -> None:
    assert rows(tmp_path, GROUPED)["某镇应急管理信息系统建设"]["grade"] == "良"


def test_a_total_row_is_no_project(tmp_path: Path) -> None:
    assert "合计" not in rows(tmp_path, GROUPED)


def test_a_grade_cell_with_its_letter_and_word_is_the_word() -> None:
    assert grade_of("A级（优秀）") == "优"


def test_a_grade_cell_with_its_word_and_letter_is_the_word() -> None:
    assert grade_of("中等（C）") == "中"


def test_a_letter_alone_is_no_grade() -> None:
    assert grade_of("A级") is None


PLAN = """某市2016年度市级财政重点绩效评价结果
一、高标准农田建设项目。该项目由市农牧局主管，2016年市级财政安排资金2,450万元，实际支出2,278.5万元。评价得分82.3分，等级为“良”。
二、农村义务教育学生营养改善计划。该项目由市教育局主管，2016年安排资金3,186.4万元，实际支出2,549.12万元，评价得分68分，等级为“中”。
"""


def test_a_numbered_paragraph_about_a_plan_is_a_project(tmp_path: Path) -> None:
    assert rows(tmp_path, PLAN)["农村义务教育学生营养改善计划"]["score"] == 68.0


def test_the_years_arranged_money_is_the_budget(tmp_path: Path) -> None:
    assert rows(tmp_path, PLAN)["高标准农田建设项目"]["budget_wan"] == 2450.0
