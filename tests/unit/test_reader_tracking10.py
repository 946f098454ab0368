"""Monitoring and 整改 tables a tenth blind set exposed (written by hand here, names and numbers
invented): a spreadsheet saved as comma text, a period named only as '（1-8月）', a '1-10月支出'
column, a 整改 table one paragraph per cell whose text cells run over several paragraphs, its status
and deadline columns, and 整改措施 beside 整改落实情况."""

from __future__ import annotations

from pathlib import Path

from helpers import ingest_text

COMMAS = """附件,,,,,,,
某区2022年部门预算项目绩效跟踪情况表（1-8月）,,,,,,,
金额单位：元,,,,,,,
序号,项目名称,年初预算数,调整后预算数,1-8月执行数,执行率,序时进度,偏差原因
1,城区清扫保洁服务,"8,600,000.00","8,600,000.00","5,289,000.00",61.50%,66.67%,按月考核后支付，8月费用9月初拨付
2,智慧城管平台运维,"1,350,000.00","1,180,000.00","472,000.00",40.00%,66.67%,运维费按季度支付
合计,,"9,950,000.00","9,780,000.00","5,761,000.00",58.91%,66.67%,
"""


def monitoring(tmp_path: Path, text: str) -> dict[str, dict]:
    return {r["name"]: r for r in ingest_text(tmp_path, text).monitoring}


def test_a_spreadsheet_saved_as_comma_text_is_read_by_its_cells(tmp_path: Path) -> None:
    assert monitoring(tmp_path, COMMAS)["智慧城管平台运维"]["budget_wan"] == 118.0


def test_a_period_named_only_in_the_title_ends_on_its_last_month(tmp_path: Path) -> None:
    assert str(monitoring(tmp_path, COMMAS)["城区清扫保洁服务"]["period_end"]) == "2022-08-31"


def test_text_with_a_comma_now_and_then_is_still_text(tmp_path: Path) -> None:
    text = "某区2021年度项目绩效评价报告\n经评价，该项目得分为88分，评价等级为良。\n预算执行率为93.5%，绩效目标基本完成。\n"
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["score"] == 88.0


PER_LINE = "\n".join(
    [
        "某市2017年1-10月区级重点项目支出进度通报",
        "具体如下（单位：万元）：",
        "序号",
        "项目名称",
        "主管部门",
        "年初预算",
        "调整后预算",
        "1-10月支出",
        "支出进度",
        "预警等级",
        "1",
        "视频监控联网建设",
        "区公安分局",
        "1,500.00",
        "1,500.00",
        "1,012.50",
        "67.50%",
        "黄色预警",
        "2",
        "数字化城管运行维护",
        "区城管局",
        "380.00",
        "350.00",
        "301.00",
        "86.00%",
        "正常",
    ]
)


def test_a_spending_column_with_its_months_is_the_executed_amount(tmp_path: Path) -> None:
    assert monitoring(tmp_path, PER_LINE)["视频监控联网建设"]["executed_wan"] == 1012.5


def test_a_warning_column_does_not_end_the_header(tmp_path: Path) -> None:
    assert monitoring(tmp_path, PER_LINE)["数字化城管运行维护"]["budget_wan"] == 350.0


RECTIFY = "\n\n".join(
    [
        "某区2019年度财政重点绩效评价项目发现问题整改情况",
        "序号",
        "项目名称",
        "预算单位",
        "评价得分",
        "评价等级",
        "评价发现的主要问题",
        "整改措施",
        "整改落实情况",
        "整改状态",
        "整改时限",
        "1",
        "某区网格化管理平台运行维护",
        "某区城运中心",
        "87.5",
        "良",
        "1.绩效目标设置不够细化。",
        "2.运维合同对响应时限约定不明确。",
        "1.重新梳理年度绩效目标。",
        "2.修订运维服务合同。",
        "新的运维服务合同已于2020年6月签订，明确故障2小时内响应、按月考核付款，2020年度绩效目标已按要求重新编报并经区财政局审核通过。",
        "已完成",
        "2020年6月30日",
        "2",
        "某区应急物资储备库运行经费",
        "某区应急管理局",
        "79.0分",
        "中",
        "预算编制依据不充分。",
        "物资轮换缺少制度规定。",
        "建立询价比价机制。",
        "已建立询价比价制度。",
        "整改中",
        "2020年12月31日",
    ]
)


def rows(tmp_path: Path, text: str) -> dict[str, dict]:
    return {r["name"]: r for r in ingest_text(tmp_path, text).evaluations}


def test_a_cells_numbered_paragraphs_are_one_cell(tmp_path: Path) -> None:
    got = rows(tmp_path, RECTIFY)["某区网格化管理平台运行维护"]["problems"]
    assert got == "1.绩效目标设置不够细化。\n2.运维合同对响应时限约定不明确。"


def test_a_long_outcome_cell_does_not_end_a_numbered_table(tmp_path: Path) -> None:
    assert sorted(rows(tmp_path, RECTIFY)) == ["某区应急物资储备库运行经费", "某区网格化管理平台运行维护"]


def test_a_cells_unnumbered_second_paragraph_stays_in_its_cell(tmp_path: Path) -> None:
    got = rows(tmp_path, RECTIFY)["某区应急物资储备库运行经费"]["rectification"]
    assert got == "已建立询价比价制度。"


def test_measures_beside_an_outcome_column_are_the_suggestions(tmp_path: Path) -> None:
    assert rows(tmp_path, RECTIFY)["某区应急物资储备库运行经费"]["suggestions"] == "建立询价比价机制。"


def test_a_score_cell_with_its_unit_is_the_score(tmp_path: Path) -> None:
    assert rows(tmp_path, RECTIFY)["某区应急物资储备库运行经费"]["score"] == 79.0


REPORT = """某县财政局关于2024年度财政重点绩效评价发现问题整改情况的报告
县人民政府：
县财政局对2024年度3个项目开展了财政重点绩效评价。评价结果为：“雪亮工程”运维服务项目预算资金486.00万元，评价得分78.5分，等级为“中”；农村公路管护项目预算资金1,320.00万元，评价得分85分，等级为“良”；学生营养改善计划项目预算资金2,968.40万元，评价得分93.2分，等级为“优”。
一、“雪亮工程”运维服务项目（县公安局）
存在问题：部分乡镇前端点位长期离线。
整改措施：督促运维单位对离线点位逐一排查修复。
整改进展：已修复离线点位173个。
二、农村公路管护项目（县交通运输局）
存在问题：管护资金按里程平均分配。
整改措施：按路况等级分档测算管护资金。
"""


def test_projects_in_clauses_of_one_sentence_are_each_a_row(tmp_path: Path) -> None:
    assert rows(tmp_path, REPORT)["农村公路管护项目"]["score"] == 85.0


def test_a_clauses_budget_is_its_projects(tmp_path: Path) -> None:
    assert rows(tmp_path, REPORT)["学生营养改善计划项目"]["budget_wan"] == 2968.4


def test_a_heading_with_its_unit_in_brackets_is_the_projects_section(tmp_path: Path) -> None:
    assert rows(tmp_path, REPORT)["“雪亮工程”运维服务项目"]["problems"] == "部分乡镇前端点位长期离线。"


def test_measures_beside_progress_are_the_suggestion(tmp_path: Path) -> None:
    assert rows(tmp_path, REPORT)["“雪亮工程”运维服务项目"]["suggestions"] == "督促运维单位对离线点位逐一排查修复。"


def test_progress_is_the_rectification(tmp_path: Path) -> None:
    assert rows(tmp_path, REPORT)["“雪亮工程”运维服务项目"]["rectification"] == "已修复离线点位173个。"


def test_measures_alone_are_the_rectification(tmp_path: Path) -> None:
    assert rows(tmp_path, REPORT)["农村公路管护项目"]["rectification"] == "按路况等级分档测算管护资金。"


def test_a_notice_asking_for_monitoring_forms_is_not_a_result(tmp_path: Path) -> None:
    text = (
        "某县财政局关于开展2024年度预算绩效运行监控工作的通知\n"
        "一、监控内容\n包括年初预算数、调整后预算数、1-7月执行数及执行率。\n"
        "附件：\n项目支出绩效运行监控表\n项目名称\t\n年初预算数\t调整后预算数\t1-7月执行数\t执行率\n"
    )
    assert ingest_text(tmp_path, text).doc["status"] == "quarantined"


def test_a_governments_budget_execution_release_is_not_a_result(tmp_path: Path) -> None:
    text = "2023年上半年某区财政预算执行情况\n1-6月，全区一般公共预算支出完成118.74亿元，完成调整预算的47.9%，低于序时进度2.1个百分点。\n"
    assert ingest_text(tmp_path, text).doc["status"] == "quarantined"


def test_the_later_of_two_executed_columns_is_the_current_figure(tmp_path: Path) -> None:
    text = (
        "某区财政局关于2020年1-9月重点项目绩效运行监控情况的公告\n"
        "序号\t项目名称\t全年预算数（万元）\t1-6月执行数（万元）\t1-9月执行数（万元）\t1-9月执行率\t序时进度\n"
        "1\t视频专网租赁\t2860.00\t1210.00\t1930.50\t67.50%\t75%\n"
        "2\t网格化平台运维\t318.60\t160.20\t254.88\t80.00%\t75%\n"
    )
    assert monitoring(tmp_path, text)["视频专网租赁"]["executed_wan"] == 1930.5


def test_funds_values_right_under_the_header_with_no_row_label_are_read(tmp_path: Path) -> None:
    text = (
        "某县2016年度财政项目绩效跟踪监控表（1-6月）\n"
        "项目名称\t某县网格化管理信息系统运行维护\n"
        "跟踪时段\t2016年1月1日至2016年6月30日\n"
        "资金情况（万元）\t年初预算数\t调整后预算数\t1-6月执行数\t执行率\t序时进度\t差异（百分点）\n"
        "\t412.00\t412.00\t138.42\t33.60%\t50%\t-16.40\n"
    )
    row = monitoring(tmp_path, text)["某县网格化管理信息系统运行维护"]
    assert (row["budget_wan"], row["executed_wan"]) == (412.0, 138.42)


PROSE_MONITOR = """舟山市普陀区人民政府
首页 > 信息公开 > 绩效管理
舟山市公安局普陀区分局2025年1-6月重点项目绩效运行监控报告
项目名称：普陀区社会治安视频监控系统运维服务
监控时段：2025年1月1日至2025年6月30日
本项目年初预算520.00万元，调整后全年预算468.00万元。截至6月30日，累计支付运维服务费1,872,000元，预算执行率40.00%，低于序时进度10个百分点。
预计全年执行数450.00万元，预计全年执行率96.15%。
"""


def test_what_was_paid_so_far_is_executed_not_the_forecast(tmp_path: Path) -> None:
    (row,) = ingest_text(tmp_path, PROSE_MONITOR).monitoring
    assert row["executed_wan"] == 187.2


def test_a_district_of_the_same_name_in_another_city_is_not_shanghais(tmp_path: Path) -> None:
    assert ingest_text(tmp_path, PROSE_MONITOR).doc["district"] is None
