"""Layouts a sixth blind set exposed (written by hand here, names and numbers invented): generic column
headers of a results table, one cell per line with empty cells kept as a line of spaces, TAB cells
that held line breaks, a 整改 report with one section per project, the page's own title over its
related links, and a whole department named in the title."""

from __future__ import annotations

from pathlib import Path

from helpers import ingest_text

from oversight.store.records import FileResult


def by_name(result: FileResult) -> dict[str, dict]:
    return {r["name"]: r for r in result.evaluations}


GENERIC = """某区2019年度财政项目绩效评价结果
序号\t项目名称\t项目单位\t项目资金（万元）\t得分\t等级
1\t甲街道垃圾分类推进\t甲街道\t312.40\t86.5\t良
2\t乙镇河道保洁\t乙镇\t95.00\t91\t优
"""


def test_a_bare_defen_column_in_a_results_table_is_the_score(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, GENERIC))["乙镇河道保洁"]["score"] == 91.0


def test_a_xiangmu_zijin_column_in_a_results_table_is_the_amount(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, GENERIC))["甲街道垃圾分类推进"]["amount_wan"] == 312.4


ONE_PER_LINE = "\n".join(
    [
        "某街道2014年度专项资金项目绩效评价结果公开",
        "项目名称",
        "项目金额（万元）",
        "评价得分",
        "评价等级",
        "备注",
        "甲社区助餐补贴",
        "56.30",
        "91",
        "优秀",
        " ",  # an empty 备注 cell, exported as a line of one space
        "乙街道网格工作站经费",
        "74.85",
        "82.5",
        "良好",
        " ",
        "丙小区二次供水改造",
        "215.00",
        "75",
        "中等",
        "项目尚未竣工决算",
        "合计",
        "346.15",
        " ",
        " ",
        " ",
        "",
        "街道将根据评价结果，对中等项目落实整改。",
        "",
        "相关文章：",
        "某街道2013年度专项资金项目绩效评价结果公开",
    ]
)


def test_one_cell_per_line_with_empty_cells_reads_every_row(tmp_path: Path) -> None:
    assert sorted(by_name(ingest_text(tmp_path, ONE_PER_LINE))) == [
        "丙小区二次供水改造",
        "乙街道网格工作站经费",
        "甲社区助餐补贴",
    ]


def test_the_row_after_an_empty_cell_keeps_its_own_score(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, ONE_PER_LINE))["乙街道网格工作站经费"]["score"] == 82.5


def test_the_row_after_an_empty_cell_keeps_its_own_amount(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, ONE_PER_LINE))["丙小区二次供水改造"]["amount_wan"] == 215.0


WRAPPED = """某局2018年度项目绩效评价结果及整改情况
单位：万元
项目名称\t项目金额\t评价得分\t评价等级\t主要问题\t意见建议\t整改情况
甲路绿化养护\t1,268.50\t89.5\t良\t考核未与付费挂钩。\t考核结果与结算挂钩。\t已修订考核办法。
乙区垃圾分类推进\t1,540.00\t81\t良\t1.目标依据不足；
2.箱房改造滞后。\t1.合理设定目标；
2.加强督导。\t1.目标已重新测算；
2.改造已全部完成。
丙公厕运维\t412.36\t73.5\t中\t合同未明确标准。\t细化服务标准。\t正在修订合同。
"""


def test_a_tab_cell_with_line_breaks_is_one_cell_of_its_row(tmp_path: Path) -> None:
    row = by_name(ingest_text(tmp_path, WRAPPED))["乙区垃圾分类推进"]
    assert row["suggestions"] == "1.合理设定目标；\n2.加强督导。"


def test_the_lines_of_a_wrapped_cell_are_not_projects(tmp_path: Path) -> None:
    assert sorted(by_name(ingest_text(tmp_path, WRAPPED))) == ["丙公厕运维", "乙区垃圾分类推进", "甲路绿化养护"]


SECTIONS = """某区民政局关于2020年度项目绩效评价问题整改情况的报告
区财政局委托第三方对我局“甲照护补贴”“乙服务中心建设”2个项目开展了重点绩效评价，评价得分分别为86.5分和78分，评价等级分别为良、中。
一、甲照护补贴项目
该项目2020年预算1,260万元，实际支出1,219.68万元，预算执行率96.8%。
（一）主要问题
补贴拨付进度不均衡。
（二）改进建议
按季度预拨补贴资金。
（三）整改情况
已修订补贴管理办法。
二、乙服务中心建设项目
（一）主要问题
前期论证不充分。
（二）改进建议
加强前期调研。
（三）整改措施
立项前开展联合踏勘。
"""


def test_a_projects_own_problem_subsection_is_its_problem(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, SECTIONS))["乙服务中心建设项目"]["problems"] == "前期论证不充分。"


def test_a_projects_own_rectification_subsection_is_its_rectification(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, SECTIONS))["甲照护补贴项目"]["rectification"] == "已修订补贴管理办法。"


def test_a_years_budget_in_a_sentence_is_the_budget(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, SECTIONS))["甲照护补贴项目"]["budget_wan"] == 1260.0


DEPARTMENT = """首页 > 政务公开 > 预算绩效
某区卫生健康委员会2021年度部门整体支出绩效评价报告（摘要）
发布机构：某区财政局　　发布日期：2022-09-26
二、部门预算及执行情况
调整后预算为3.41亿元；全年部门决算支出3.27亿元，预算执行率95.89%。
三、评价结论
经评价，部门整体支出绩效评价综合得分为87.36分，评价等级为“良”。
【打印本页】　【关闭窗口】
相关链接：
某区2021年度区级财政项目绩效评价结果公开
"""


def test_the_page_title_beats_a_related_link_below_the_text(tmp_path: Path) -> None:
    (row,) = ingest_text(tmp_path, DEPARTMENT).evaluations
    assert row["name"] == "某区卫生健康委员会2021年度部门整体支出"


def test_a_departments_final_spending_is_its_executed_amount(tmp_path: Path) -> None:
    (row,) = ingest_text(tmp_path, DEPARTMENT).evaluations
    assert row["executed_wan"] == 32700.0


FUSED = """某街道2021年度预算项目绩效评价结果公开
某街道2021年度预算项目绩效评价结果表
序号项目名称实施部门项目金额(万元)评价得分评价等级
1某街道城市运行管理中心"一网统管"联勤联动运行经费城运中心186.5088.50良
2某街道社区网格化管理辅助力量经费平安办342.0091.00优
3某街道公共绿地养护服务管理办96.2593.00优
合计624.75
"""


def test_a_fused_results_table_gives_every_row(tmp_path: Path) -> None:
    assert len(ingest_text(tmp_path, FUSED).evaluations) == 3


def test_a_fused_rows_amount_and_score_are_cut_by_the_number_grammar(tmp_path: Path) -> None:
    row = by_name(ingest_text(tmp_path, FUSED))["某街道社区网格化管理辅助力量经费"]
    assert (row["amount_wan"], row["score"]) == (342.0, 91.0)


def test_a_fused_rows_unit_is_cut_from_its_name(tmp_path: Path) -> None:
    assert "某街道公共绿地养护服务" in by_name(ingest_text(tmp_path, FUSED))


def test_a_fused_rows_values_are_marked_unsure(tmp_path: Path) -> None:
    row = by_name(ingest_text(tmp_path, FUSED))["某街道公共绿地养护服务"]
    assert '"score": ["表头下的单元格（切分有歧义）", "unsure"]' in row["field_confidence"]


def test_a_department_evaluated_by_the_finance_bureau_is_no_self_evaluation(tmp_path: Path) -> None:
    text = DEPARTMENT.replace("经评价，", "所属单位绩效自评质量参差不齐。经评价，")
    assert ingest_text(tmp_path, text).doc["doc_kind"] == "evaluation_result"
