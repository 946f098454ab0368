"""Kinds of page an eighth blind set exposed (written by hand here, names and numbers invented): target
and policy pages under a site's own name, a 部门决算 that reports its unit's own self-evaluation, and a
project heading followed by its first sentence."""

from __future__ import annotations

from pathlib import Path

from helpers import ingest_text

TARGETS = """某市某区人民政府
首页 > 信息公开 > 财政资金 > 预算绩效
某区2025年度区级重点项目绩效目标公开
发布时间：2025-02-14　　信息来源：某区财政局
一、某区视频监控运维项目
主管部门：某分局　　项目预算：1,326.5万元
年度绩效目标：点位在线率达到98%以上，预算执行率达到95%以上。
二、某区智慧城管平台运行维护项目
主管部门：某区城管局　　项目预算：862万元
年度绩效目标：系统可用率不低于99.5%。
"""


def test_a_target_page_under_the_sites_name_is_not_a_result(tmp_path: Path) -> None:
    assert ingest_text(tmp_path, TARGETS).doc["status"] == "quarantined"


def test_a_target_page_gives_no_projects(tmp_path: Path) -> None:
    assert ingest_text(tmp_path, TARGETS).evaluations == []


def test_a_target_page_keeps_the_year_its_title_names(tmp_path: Path) -> None:
    assert ingest_text(tmp_path, TARGETS).doc["year"] == 2025


POLICY = """某县人民政府
首页 > 信息公开 > 政策文件
某县财政局关于印发《某县财政支出项目绩效评价工作方案》的通知
文号：某财发〔2019〕28号　　发布时间：2019-04-12
一、评价范围
2018年度县级预算安排、金额在50万元以上的项目支出，由项目单位全部开展绩效自评。
二、评价等级
评价得分90分（含）以上为“优”，60分以下为“差”。
三、报送材料
1.项目支出绩效自评表
2.绩效自评报告（总分100分）
"""


def test_a_plan_for_evaluating_is_not_a_result(tmp_path: Path) -> None:
    assert ingest_text(tmp_path, POLICY).doc["reason"].startswith("这是预算绩效管理的制度、方案或工作通知")


def test_a_plan_for_evaluating_gives_no_projects(tmp_path: Path) -> None:
    assert ingest_text(tmp_path, POLICY).evaluations == []


FINAL_ACCOUNTS = """上海奉贤
首页 > 信息公开 > 部门决算
某镇城市运行管理中心2020年度部门决算
第三部分 2020年度部门决算情况说明
2020年度收入总计2,581.43万元，支出总计2,581.43万元。
二、预算绩效管理工作开展情况
本单位按要求对2020年度部门整体支出开展了绩效自评，有关情况如下：
1.预算执行情况。调整后全年预算2,581.43万元，全年实际支出2,446.02万元，预算执行率94.75%。
2.自评结果。本单位2020年度部门整体支出绩效自评得分93分，自评等级为“优”。
"""


def test_final_accounts_reporting_the_units_self_evaluation_are_one(tmp_path: Path) -> None:
    assert ingest_text(tmp_path, FINAL_ACCOUNTS).doc["doc_kind"] == "self_evaluation"


def test_final_accounts_self_evaluation_has_its_score(tmp_path: Path) -> None:
    (row,) = ingest_text(tmp_path, FINAL_ACCOUNTS).evaluations
    assert row["score"] == 93.0


def test_final_accounts_self_evaluation_is_the_units_whole_spending(tmp_path: Path) -> None:
    (row,) = ingest_text(tmp_path, FINAL_ACCOUNTS).evaluations
    assert row["name"] == "某镇城市运行管理中心2020年度部门整体支出"


def test_final_accounts_without_a_self_evaluation_stay_a_budget_disclosure(tmp_path: Path) -> None:
    text = "某镇城市运行管理中心2020年度部门决算\n2020年度收入总计2,581.43万元，支出总计2,581.43万元。\n"
    assert ingest_text(tmp_path, text).doc["status"] == "quarantined"


HEADINGS = """某区城运中心关于2022年度绩效评价发现问题整改情况的报告
一、某区网格化综合管理平台运行维护项目
该项目2022年度预算486.20万元，实际执行451.73万元，评价得分84.5分，评价等级为“良”。
二、某区城运中心视频汇聚共享平台扩容项目
该项目2022年度预算1,268.00万元，实际执行893.51万元，评价得分79分，评价等级为“中”。
"""


def test_a_project_heading_does_not_run_on_into_its_first_sentence(tmp_path: Path) -> None:
    names = sorted(r["name"] for r in ingest_text(tmp_path, HEADINGS).evaluations)
    assert names == ["某区城运中心视频汇聚共享平台扩容项目", "某区网格化综合管理平台运行维护项目"]


SECTIONED = """某区2017年度财政支出项目绩效评价结果公开
二、主要问题及建议
（一）某区农村饮水安全巩固提升工程
该项目评价得分85.5分，等级为良。主要问题：部分村级管网末端水压不足。建议：对末端管网实施加压改造。
（二）城市管理网格化运行维护
该项目评价得分92.3分，等级为优。主要问题：考核结果与绩效工资挂钩不够紧密。建议：细化量化考核办法。
"""


def test_a_problem_after_its_label_inside_a_sentence_is_the_problem(tmp_path: Path) -> None:
    rows = {r["name"]: r for r in ingest_text(tmp_path, SECTIONED).evaluations}
    assert rows["城市管理网格化运行维护"]["problems"] == "考核结果与绩效工资挂钩不够紧密。"


def test_a_suggestion_after_its_label_inside_a_sentence_is_the_suggestion(tmp_path: Path) -> None:
    rows = {r["name"]: r for r in ingest_text(tmp_path, SECTIONED).evaluations}
    assert rows["某区农村饮水安全巩固提升工程"]["suggestions"] == "对末端管网实施加压改造。"


ITEMS = """某区应急管理局2024年度部门评价结果
序号\t项目名称\t预算数（万元）\t执行数（万元）\t评价得分\t评价等级
1\t应急指挥平台运维（含值班系统）\t186.00\t174.23\t90.5\t优
2\t森林防火视频监控系统维护\t62.40\t61.15\t94\t优
主要问题及整改措施：
（一）应急指挥平台运维项目：存在问题为数据接口尚未打通。整改措施为三季度前完成接口开发。
（二）森林防火视频监控系统维护项目：存在问题为高山点位供电不稳定。整改措施为加装太阳能备用电源。
"""


def test_an_items_own_words_say_which_text_is_its_problem(tmp_path: Path) -> None:
    rows = {r["name"]: r for r in ingest_text(tmp_path, ITEMS).evaluations}
    assert rows["森林防火视频监控系统维护"]["problems"] == "高山点位供电不稳定。"


def test_an_items_measures_alone_are_its_rectification(tmp_path: Path) -> None:
    rows = {r["name"]: r for r in ingest_text(tmp_path, ITEMS).evaluations}
    assert rows["应急指挥平台运维（含值班系统）"]["rectification"] == "三季度前完成接口开发。"


def test_a_full_mark_before_the_score_in_the_next_cell_is_not_the_score(tmp_path: Path) -> None:
    text = "某局2018年度项目支出绩效自评表\n项目名称：城区智慧路灯节能改造\n年度预算：130万元\n总分：１００　　自评得分：９４．８\n"
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["score"] == 94.8


AFTER_TABLE = """某区2016年度财政支出项目绩效评价结果公示
序号\t项目名称\t主管部门\t项目资金（万元）\t评价得分\t评价等级
1\t天网工程视频监控系统运维\t区公安分局\t526.8\t88\t良
2\t中小学校舍安全改造\t区教育局\t960\t91\t优
一、天网工程视频监控系统运维
主要问题：部分前端点位离线率较高，全年平均在线率仅为87%。
二、中小学校舍安全改造
主要问题：个别项目结算审核滞后，资金拨付进度慢于工程进度。
"""


def test_labels_after_a_table_of_several_rows_are_not_the_last_rows(tmp_path: Path) -> None:
    rows = {r["name"]: r for r in ingest_text(tmp_path, AFTER_TABLE).evaluations}
    assert rows["中小学校舍安全改造"]["problems"] == "个别项目结算审核滞后，资金拨付进度慢于工程进度。"


def test_news_of_a_training_on_performance_management_is_not_a_result(tmp_path: Path) -> None:
    text = "某区财政局举办2024年预算绩效管理业务培训班\n5月21日，区财政局举办培训班，180余人参加。培训围绕绩效评价得分、等级评定等内容展开。\n"
    assert ingest_text(tmp_path, text).doc["reason"].startswith("这是会议、培训等工作动态")


def test_a_procurement_intention_notice_is_not_a_result(tmp_path: Path) -> None:
    text = "某县财政局2024年4至6月政府采购意向公开\n采购项目名称：2023年度财政重点项目绩效评价服务\n预算金额：45万元\n"
    assert ingest_text(tmp_path, text).doc["status"] == "quarantined"


def test_an_unknown_column_inside_a_one_cell_per_line_header_is_read_past(tmp_path: Path) -> None:
    cells = ["序号", "项目名称", "项目单位", "资金金额（万元）", "满意度（%）", "评价得分", "评价等次"]
    cells += ["1", "城乡居家养老服务补贴", "某县民政局", "846.20", "91.3", "87.5", "良"]
    cells += ["2", "义务教育学校校舍维修改造", "某县教育局", "2,315.00", "88.6", "90.5", "优"]
    text = "某县2019年度重点项目绩效评价结果公示\n\n" + "\n\n".join(cells) + "\n"
    rows = {r["name"]: r for r in ingest_text(tmp_path, text).evaluations}
    assert (rows["城乡居家养老服务补贴"]["score"], rows["义务教育学校校舍维修改造"]["amount_wan"]) == (87.5, 2315.0)
