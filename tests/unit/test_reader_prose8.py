"""Prose that an eighth blind set exposed (written by hand here, names and numbers invented): projects
named in running prose with their scores, numbered '（一）X项目。…' paragraphs, names listed without
quotes before 'N个项目', inline findings, a score in words, and budgets as prose states them."""

from __future__ import annotations

from pathlib import Path

from helpers import ingest_text

from oversight.ingest.reader.prose import cn_scores
from oversight.store.records import FileResult


def by_name(result: FileResult) -> dict[str, dict]:
    return {r["name"]: r for r in result.evaluations}


NEWS = """区财政局公布2023年度财政支出绩效评价结果
本报讯　区财政局近日公布2023年度重点绩效评价结果，共评价项目38个，涉及资金12.6亿元，整体平均得分86.7分。
在城市运行领域，区城运中心实施的“一网统管”平台二期项目得分94.5分，评价等级为“优”。该项目2023年预算资金2,180万元，实际支出2,093.6万元。
在公共安全领域，区公安分局视频监控点位运维项目得分88分，评价等级为“良”，但也发现部分点位存在遮挡问题。
区教育局校舍维修改造项目得分77分，评价等级为“中”，主要问题是工程结算滞后，预算执行率仅为68.2%。
"""


def test_projects_named_in_running_prose_are_each_a_row(tmp_path: Path) -> None:
    names = sorted(by_name(ingest_text(tmp_path, NEWS)))
    assert names == ["“一网统管”平台二期项目", "区公安分局视频监控点位运维项目", "区教育局校舍维修改造项目"]


def test_a_prose_projects_score_is_the_one_after_its_name(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, NEWS))["区公安分局视频监控点位运维项目"]["score"] == 88.0


def test_the_sentences_after_a_mention_belong_to_that_project(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, NEWS))["“一网统管”平台二期项目"]["executed_wan"] == 2093.6


def test_a_problem_introduced_by_but_also_found_is_the_problem(tmp_path: Path) -> None:
    row = by_name(ingest_text(tmp_path, NEWS))["区公安分局视频监控点位运维项目"]
    assert row["problems"].startswith("部分点位存在遮挡问题")


def test_a_rate_that_is_only_so_much_is_the_rate(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, NEWS))["区教育局校舍维修改造项目"]["execution_rate"] == 0.682


REPORT = """关于2023年度县级财政重点绩效评价情况的报告
二、重点项目评价情况
（一）农田建设项目。该项目涉及资金8,640万元。评价得分92分，等级为优。
（二）饮水工程维修养护项目。该项目涉及资金486万元，评价得分76分，等级为中。主要问题是资金使用范围界定不清。
"""


def test_numbered_paragraphs_headed_by_a_chinese_numeral_are_projects(tmp_path: Path) -> None:
    assert sorted(by_name(ingest_text(tmp_path, REPORT))) == ["农田建设项目", "饮水工程维修养护项目"]


def test_a_numbered_paragraphs_inline_problem_is_its_problem(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, REPORT))["饮水工程维修养护项目"]["problems"] == "资金使用范围界定不清。"


LISTED = """某区2017年度财政支出项目重点绩效评价结果公示
区级部门共对126个项目开展了绩效自评。区财政局选取城市管理系统运行维护、堤防除险加固工程、农村电影放映补助3个项目开展了重点评价。
3个项目的主管部门分别为区城管局、区水务局和区文化局，涉及资金分别为1,568.2万元、4,320万元和286.5万元，评价得分分别为91.2分、85分和72.5分，评价等级分别为优、良、中。
"""


def test_names_listed_without_quotes_before_their_count_are_the_projects(tmp_path: Path) -> None:
    assert sorted(by_name(ingest_text(tmp_path, LISTED))) == [
        "农村电影放映补助",
        "城市管理系统运行维护",
        "堤防除险加固工程",
    ]


def test_a_respectively_list_stops_where_the_next_list_begins(tmp_path: Path) -> None:
    assert by_name(ingest_text(tmp_path, LISTED))["堤防除险加固工程"]["department"] == "区水务局"


def test_a_score_in_words_is_a_number() -> None:
    assert cn_scores("经评价，该项目得分为九十二分，评价等级为“优”") == "经评价，该项目得分为92分，评价等级为“优”"


def test_a_score_in_words_with_a_decimal_is_a_number() -> None:
    assert cn_scores("综合得分八十七点五分") == "综合得分87.5分"


def test_a_sub_score_in_words_stays_as_written() -> None:
    assert cn_scores("决策指标十八分") == "决策指标十八分"


def test_an_arranged_budget_in_yuan_is_the_budget(tmp_path: Path) -> None:
    text = "某县2018年度饮水安全工程绩效评价报告\n项目预算安排资金共计36,857,400.00元，实际支出3,502.16万元。评价得分86分。\n"
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["budget_wan"] == 3685.74


def test_the_adjusted_budget_beats_what_was_first_arranged(tmp_path: Path) -> None:
    text = (
        "某区2022年度视频监控三期项目绩效评价报告\n"
        "其中2022年度预算安排1.2亿元，年内调整后预算为11,500万元，实际支出10,793.9万元。评价得分88分。\n"
    )
    (row,) = ingest_text(tmp_path, text).evaluations
    assert row["budget_wan"] == 11500.0
