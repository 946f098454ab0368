"""Shapes of published pages (written by hand, names and numbers invented): PDF line breaks in prose,
a letter-grade legend in brackets, a unit's own score quoted in an evaluation, look-alike pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from oversight.ingest.document import ingest_file
from oversight.store.records import FileResult


def ingest(tmp_path: Path, text: str, name: str = "page.txt") -> FileResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ingest_file(path)


REPORT = """某区2021年度城市网格化服务管理项目绩效评价报告
一、项目概况
（二）项目资金情况
2021年项目预算安排560万元，全部为区级财政资金，资金到位
560万元，到位率100%。截至2021年12月31日，项目实际支出
400.12万元，预算执行率为71.45%，未支出部分主要为终端采购
未在年内完成合同支付。
三、综合评价情况及评价结论
项目单位自评得分95分，评价组独立评分。经综合评价，该项目评价得分为78.6分，
评价等级为“中”。
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    (row,) = ingest(tmp_path_factory.mktemp("report"), REPORT).evaluations
    return row


def test_an_amount_broken_onto_the_next_line_is_read(report: dict) -> None:
    assert report["executed_wan"] == 400.12


def test_a_budget_stated_as_arranged_is_the_budget(report: dict) -> None:
    assert report["budget_wan"] == 560.0


def test_the_evaluators_score_beats_the_units_own_score_quoted_before_it(report: dict) -> None:
    assert report["score"] == 78.6


def test_the_initial_budget_is_not_the_budget(tmp_path: Path) -> None:
    text = (
        "某局2021年度部门整体支出绩效自评报告\n"
        "2021年部门整体支出年初预算数1,862.45万元，全年预算数2,035.18万元，全年执行数1,978.43万元，"
        "预算执行率97.21%。自评得分94.6分，自评等级为“优”。\n"
    )
    (row,) = ingest(tmp_path, text).evaluations
    assert row["budget_wan"] == 2035.18


def test_a_letter_legend_in_brackets_maps_the_letters(tmp_path: Path) -> None:
    cells = ["某街道2019年度项目支出绩效评价结果公开"]
    cells += ["评价等级按得分划分为A、B、C、D四级：A级（优，90分及以上）、B级（良，80—89分）、C级（中，60—79分）。"]
    cells += ["序号", "项目名称", "预算金额（万元）", "评价得分", "评价等级"]
    cells += ["1", "街道网格化综合管理运行经费", "235.00", "92", "A", "2", "街道视频监控点位运维", "88.50", "86.5", "B"]
    first, second = ingest(tmp_path, "\n".join(cells) + "\n").evaluations
    assert first["grade"] == "优"
    assert second["grade"] == "良"


def test_a_wrapped_funds_header_from_a_pdf_is_read(tmp_path: Path) -> None:
    text = (
        "项目支出绩效自评表\n（2023 年度）\n项目名称 某镇公共安全视频监控系统维护项目\n"
        "主管部门 某镇人民政府 实施单位 某镇平安办\n项目资金\n（万元）\n年初预算\n数\n全年预算\n数\n"
        "全年执行\n数 分值 执行率 得分\n年度资金总额 312.00 296.40 296.40 10 100.00% 10\n"
    )
    (row,) = ingest(tmp_path, text).evaluations
    assert row["budget_wan"] == 296.4
    assert row["execution_rate"] == 1.0


def test_a_department_budget_disclosure_is_not_a_performance_document(tmp_path: Path) -> None:
    text = (
        "某区公安分局2022年部门预算情况说明\n二、部门预算收支情况\n"
        "序号\n项目名称\n预算数（万元）\n绩效目标\n1\n天网视频监控系统运维\n2,860.00\n在线率≥95%\n"
    )
    doc = ingest(tmp_path, text).doc
    assert doc["status"] == "quarantined"
    assert "部门预算或决算公开" in doc["reason"]


def test_a_procurement_notice_keeps_where_it_was_published(tmp_path: Path) -> None:
    text = (
        "上海市徐汇区城市运行管理中心视频平台建设项目中标结果公告\n项目名称：视频平台建设项目\n"
        "采购方式：公开招标\n预算金额：3,580,000.00元\n供应商名称：某某科技有限公司\n评审得分：92.35\n"
    )
    doc = ingest(tmp_path, text).doc
    assert doc["status"] == "quarantined"
    assert doc["district"] == "徐汇区"
