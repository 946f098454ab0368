"""Kinds of page an eighth blind set exposed (written by hand here, names and numbers invented): target
and policy pages under a site's own name, a 部门决算 that reports its unit's own self-evaluation, and a
project heading followed by its first sentence."""

from __future__ import annotations

from pathlib import Path

from oversight.ingest.document import ingest_file
from oversight.store.records import FileResult


def ingest(tmp_path: Path, text: str, name: str = "page.txt") -> FileResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ingest_file(path)


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
    assert ingest(tmp_path, TARGETS).doc["status"] == "quarantined"


def test_a_target_page_gives_no_projects(tmp_path: Path) -> None:
    assert ingest(tmp_path, TARGETS).evaluations == []


def test_a_target_page_keeps_the_year_its_title_names(tmp_path: Path) -> None:
    assert ingest(tmp_path, TARGETS).doc["year"] == 2025


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
    assert ingest(tmp_path, POLICY).doc["reason"].startswith("这是预算绩效管理的制度、方案或工作通知")


def test_a_plan_for_evaluating_gives_no_projects(tmp_path: Path) -> None:
    assert ingest(tmp_path, POLICY).evaluations == []


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
    assert ingest(tmp_path, FINAL_ACCOUNTS).doc["doc_kind"] == "self_evaluation"


def test_final_accounts_self_evaluation_has_its_score(tmp_path: Path) -> None:
    (row,) = ingest(tmp_path, FINAL_ACCOUNTS).evaluations
    assert row["score"] == 93.0


def test_final_accounts_self_evaluation_is_the_units_whole_spending(tmp_path: Path) -> None:
    (row,) = ingest(tmp_path, FINAL_ACCOUNTS).evaluations
    assert row["name"] == "某镇城市运行管理中心2020年度部门整体支出"


def test_final_accounts_without_a_self_evaluation_stay_a_budget_disclosure(tmp_path: Path) -> None:
    text = "某镇城市运行管理中心2020年度部门决算\n2020年度收入总计2,581.43万元，支出总计2,581.43万元。\n"
    assert ingest(tmp_path, text).doc["status"] == "quarantined"


HEADINGS = """某区城运中心关于2022年度绩效评价发现问题整改情况的报告
一、某区网格化综合管理平台运行维护项目
该项目2022年度预算486.20万元，实际执行451.73万元，评价得分84.5分，评价等级为“良”。
二、某区城运中心视频汇聚共享平台扩容项目
该项目2022年度预算1,268.00万元，实际执行893.51万元，评价得分79分，评价等级为“中”。
"""


def test_a_project_heading_does_not_run_on_into_its_first_sentence(tmp_path: Path) -> None:
    names = sorted(r["name"] for r in ingest(tmp_path, HEADINGS).evaluations)
    assert names == ["某区城运中心视频汇聚共享平台扩容项目", "某区网格化综合管理平台运行维护项目"]
