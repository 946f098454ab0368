"""Shapes a ninth blind set exposed (written by hand here, names and numbers invented): a monitoring
form with no separators whose header names a span and a note column, a budget never adjusted, money
allocated (下达) and a year's project funds in prose."""

from __future__ import annotations

from pathlib import Path

from helpers import ingest_text

from oversight.ingest.reader.vocab import segment_columns


def test_a_fused_header_with_a_span_and_a_note_column_is_the_funds_columns() -> None:
    got = segment_columns("年初预算数全年预算数1-6月执行数执行率全年预计执行数偏差原因分析")
    assert [f for f, _ in got] == ["budget_initial_wan", "budget_wan", "executed_wan", "execution_rate", "_forecast"]


FUSED = """某县2025年1-6月项目支出绩效运行监控情况公开
项目支出绩效运行监控表
(2025年1-6月)
项目名称某县网格化服务管理平台升级
主管部门某县委政法委实施单位某县社会治理中心
项目资金(万元)年初预算数全年预算数1-6月执行数执行率全年预计执行数偏差原因分析
年度资金总额420.00420.00163.8039.00%420.00合同按里程碑付款,第三季度验收后支付二期款
其中:财政拨款420.00420.00163.8039.00%420.00
"""


def test_a_fused_funds_row_followed_by_its_reason_is_read(tmp_path: Path) -> None:
    (row,) = ingest_text(tmp_path, FUSED).monitoring
    assert (row["budget_wan"], row["executed_wan"], row["execution_rate"]) == (420.0, 163.8, 0.39)


def test_an_unadjusted_budget_is_the_budget_the_rate_was_computed_on(tmp_path: Path) -> None:
    text = "某区2019年度应急物资储备项目绩效自评报告\n项目年初预算312.6万元，年中未作调整。全年实际支出298.74万元，预算执行率95.57%。自评得分92分。\n"
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["budget_wan"] == 312.6


def test_an_initial_budget_the_rate_does_not_fit_is_not_the_budget(tmp_path: Path) -> None:
    text = "某区2019年度应急物资储备项目绩效自评报告\n项目年初预算312.6万元。全年实际支出298.74万元，预算执行率90.12%。自评得分92分。\n"
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["budget_wan"] is None


def test_money_allocated_to_a_project_is_its_budget(tmp_path: Path) -> None:
    text = "某县2016年度农村公路养护资金绩效评价报告\n2016年，省、市、县三级共下达农村公路养护资金12650000元，实际支出11,979,550元。评价得分88分。\n"
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["budget_wan"] == 1265.0


def test_a_years_project_funds_in_prose_are_its_amount(tmp_path: Path) -> None:
    text = (
        "某区2019年度财政重点绩效评价结果\n"
        "（一）中小学校舍维修改造项目。该项目由区教育局实施，2019年度项目资金638.25万元，完成校舍维修23所。经评价，该项目得分92分，评价等级为“优”。\n"
        "（二）城区路灯运维项目。该项目2019年度项目资金212.4万元。经评价，该项目得分85分，评价等级为“良”。\n"
    )
    rows = {r["name"]: r for r in ingest_text(tmp_path, text).evaluations}
    assert rows["中小学校舍维修改造项目"]["amount_wan"] == 638.25
