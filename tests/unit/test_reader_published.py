"""Shapes of published pages (written by hand, names and numbers invented): PDF line breaks in prose,
a letter-grade legend in brackets, a unit's own score quoted in an evaluation, look-alike pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ingest_text

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
    (row,) = ingest_text(tmp_path_factory.mktemp("report"), REPORT).evaluations
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
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["budget_wan"] == 2035.18


def test_a_letter_legend_in_brackets_maps_the_letters(tmp_path: Path) -> None:
    cells = ["某街道2019年度项目支出绩效评价结果公开"]
    cells += ["评价等级按得分划分为A、B、C、D四级：A级（优，90分及以上）、B级（良，80—89分）、C级（中，60—79分）。"]
    cells += ["序号", "项目名称", "预算金额（万元）", "评价得分", "评价等级"]
    cells += ["1", "街道网格化综合管理运行经费", "235.00", "92", "A", "2", "街道视频监控点位运维", "88.50", "86.5", "B"]
    first, second = ingest_text(tmp_path, "\n".join(cells) + "\n").evaluations
    assert first["grade"] == "优"
    assert second["grade"] == "良"


def test_a_wrapped_funds_header_from_a_pdf_is_read(tmp_path: Path) -> None:
    text = (
        "项目支出绩效自评表\n（2023 年度）\n项目名称 某镇公共安全视频监控系统维护项目\n"
        "主管部门 某镇人民政府 实施单位 某镇平安办\n项目资金\n（万元）\n年初预算\n数\n全年预算\n数\n"
        "全年执行\n数 分值 执行率 得分\n年度资金总额 312.00 296.40 296.40 10 100.00% 10\n"
    )
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["budget_wan"] == 296.4
    assert row["execution_rate"] == 1.0


def test_a_department_budget_disclosure_is_not_a_performance_document(tmp_path: Path) -> None:
    text = (
        "某区公安分局2022年部门预算情况说明\n二、部门预算收支情况\n"
        "序号\n项目名称\n预算数（万元）\n绩效目标\n1\n天网视频监控系统运维\n2,860.00\n在线率≥95%\n"
    )
    doc = ingest_text(tmp_path, text).doc
    assert doc["status"] == "quarantined"
    assert "部门预算或决算公开" in doc["reason"]


def test_a_procurement_notice_keeps_where_it_was_published(tmp_path: Path) -> None:
    text = (
        "上海市徐汇区城市运行管理中心视频平台建设项目中标结果公告\n项目名称：视频平台建设项目\n"
        "采购方式：公开招标\n预算金额：3,580,000.00元\n供应商名称：某某科技有限公司\n评审得分：92.35\n"
    )
    doc = ingest_text(tmp_path, text).doc
    assert doc["status"] == "quarantined"
    assert doc["district"] == "徐汇区"


def test_an_html_header_with_rowspan_and_colspan_keeps_every_column(tmp_path: Path) -> None:
    html = (
        "<html><body><h3>某区2023年度区级财政重点绩效评价结果公告</h3><table>"
        '<tr><td rowspan="2">序号</td><td rowspan="2">项目名称</td><td colspan="3">预算资金（万元）</td>'
        '<td rowspan="2">考评分</td><td rowspan="2">考核结果</td></tr>'
        "<tr><td>调整后预算</td><td>实际支出</td><td>资金使用率</td></tr>"
        "<tr><td>1</td><td>某区雪亮工程扩面项目</td><td>856.00</td><td>801.47</td><td>93.63%</td>"
        "<td>88</td><td>良</td></tr></table></body></html>"
    )
    (row,) = ingest_text(tmp_path, html, "spans.html").evaluations
    assert row["budget_wan"] == 856.0
    assert row["executed_wan"] == 801.47
    assert row["score"] == 88
    assert row["grade"] == "良"


def test_a_hostile_rowspan_does_not_build_a_huge_grid() -> None:
    from oversight.ingest.readers.htmlgrid import MAX_SPAN, expand_spans

    out = expand_spans('<table><tr><td rowspan="100000" colspan="99999">x</td></tr></table>')
    assert out.count("<td>") == MAX_SPAN


def test_a_two_row_tab_header_gives_sub_columns_their_names(tmp_path: Path) -> None:
    text = (
        "某区2024年1-6月区级重点项目绩效运行监控情况\n金额单位：元\n"
        "序号\t项目名称\t全年预算数\t资金到位情况\t\t1-6月执行情况\t\t预警等级\t监控结论\n"
        "\t\t\t到位数\t到位率\t执行数\t执行率\t\t\n"
        "1\t某区视频监控系统维保\t4360000\t4360000\t100%\t1987520\t45.59%\t黄色\t轻度偏差\n"
    )
    (row,) = ingest_text(tmp_path, text).monitoring
    assert row["budget_wan"] == 436.0
    assert row["executed_wan"] == 198.752
    assert row["execution_rate"] == pytest.approx(0.4559)


def test_rates_written_as_fractions_are_read(tmp_path: Path) -> None:
    cells = ["项目支出绩效自评表", "项目全称", "某镇一网统管平台运维项目", "主管部门", "某镇人民政府"]
    cells += ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"]
    cells += ["年度资金总额", "138.00", "125.60", "111.37", "0.8867", "10", "8.87"]
    (row,) = ingest_text(tmp_path, "\n\n".join(cells) + "\n").evaluations
    assert row["execution_rate"] == pytest.approx(0.8867)
    assert row["budget_wan"] == 125.6


def test_a_target_rate_in_a_sentence_is_not_the_execution_rate(tmp_path: Path) -> None:
    text = (
        "某委2022年1-7月项目支出绩效运行监控情况报告\n监控时段为2022年1月1日至7月31日。\n"
        "监控项目：某县雪亮工程运维服务费\n全年预算：98.00万元\n1-7月执行：61.23万元\n"
        "下一步将确保年底前预算执行率达到95%以上。\n"
    )
    (row,) = ingest_text(tmp_path, text).monitoring
    assert row["executed_wan"] == 61.23
    assert row["execution_rate"] != 0.95


def test_a_form_under_a_declared_yuan_unit_is_not_read_in_wan(tmp_path: Path) -> None:
    text = (
        "项目支出绩效自评表\n（2021年度）\n金额单位：元\n项目名称\t某镇视频监控建设运维项目\n"
        "主管部门\t某镇人民政府\t\t实施单位\t某镇平安办\n"
        "项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "年度资金总额\t3,860,000.00\t3,524,600.00\t3,356,480.50\t10\t95.23%\t9.52\n总分\t\t\t\t\t100\t94.52\n"
    )
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["budget_wan"] == 352.46


def test_results_written_as_numbered_paragraphs_are_one_project_each(tmp_path: Path) -> None:
    text = (
        "某县2019年度政法领域重点项目绩效评价结果的公告\n现将评价结果公告如下：\n"
        "1.某县雪亮工程（一期）建设项目，预算资金1865.4万元，评价得分87.5分，等级为良。部分点位供电不稳定。\n"
        "2.县城区高清视频监控运维项目，预算资金96万元，评价得分92分，等级为优。\n"
    )
    first, second = ingest_text(tmp_path, text).evaluations
    assert first["name"] == "某县雪亮工程（一期）建设项目"
    assert first["budget_wan"] == 1865.4
    assert first["score"] == 87.5
    assert second["grade"] == "优"


def test_a_tab_row_split_over_two_lines_is_one_row(tmp_path: Path) -> None:
    text = (
        "某区2016年度项目绩效评价结果公开\n序号\t项目名称\t决算金额（万元）\t评价分值\t评价等次\n"
        "1\t网格化管理监督员队伍服务外包\n\t486.52\t88.4\t良\n2\t视频监控联网改造\n\t1203.7\t91\t优\n"
        "合计\t\t1690.22\t\t\n"
    )
    first, second = ingest_text(tmp_path, text).evaluations
    assert first["amount_wan"] == 486.52
    assert first["grade"] == "良"
    assert second["score"] == 91


def test_a_conclusion_stating_grade_and_score_gives_both(tmp_path: Path) -> None:
    text = (
        "某街道2019年度财政支出项目绩效评价结果\n【项目一】\n项目名称：某街道视频监控智能化改造\n"
        "项目金额：184.36万元\n评价结论：良好（82.5分）\n【项目二】\n项目名称：某街道网格化巡查服务\n"
        "项目金额：96.5万元\n评价结论：优秀（91.2分）\n"
    )
    first, second = ingest_text(tmp_path, text).evaluations
    assert first["grade"] == "良"
    assert first["score"] == 82.5
    assert second["score"] == 91.2


def test_money_labels_over_their_values_on_a_pdf_form(tmp_path: Path) -> None:
    text = (
        "某镇财政支出项目绩效自评表（2017 年度）\n项目名称：某镇网格化综合管理中心运行经费\n"
        "一、项目资金情况（单位：万元）\n年初预算数 调整后预算 实际支出数 预算执行率\n"
        "  420.00     436.50     418.21   95.81%\n自评总分：85.5 分        自评等级：良\n"
    )
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["budget_wan"] == 436.5
    assert row["executed_wan"] == 418.21


def test_a_page_of_performance_targets_only_is_not_read_as_results(tmp_path: Path) -> None:
    text = (
        "某县公安局2024年部门预算项目绩效目标公开\n项目支出绩效目标申报表\n"
        "项目名称\t某县雪亮工程运维\n项目资金（万元）\t中期资金总额\t年度资金总额\n资金总额\t960.00\t320.00\n"
    )
    doc = ingest_text(tmp_path, text).doc
    assert doc["status"] == "quarantined"
    assert "只有目标" in doc["reason"]


def test_a_related_link_is_not_the_title(tmp_path: Path) -> None:
    cells = ["某区2020年度区级财政重点绩效评价结果", "序号\t项目名称\t项目金额（万元）\t评价得分\t评价等级"]
    cells += ["1\t某区雪亮工程前端点位建设\t236.58\t91\t优", "2\t某区网格化巡查服务外包\t88.00\t86\t良"]
    cells += ["相关信息", "· 某区2021年度区级项目支出绩效目标公开"]
    result = ingest_text(tmp_path, "\n".join(cells) + "\n")
    assert len(result.evaluations) == 2  # read as results, not quarantined as a page of targets
    assert result.doc["year"] == 2020
