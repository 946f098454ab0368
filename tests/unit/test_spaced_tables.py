"""Tables whose columns are single spaces (a PDF's text): wrapped headers, wrapped rows, a page break."""

from __future__ import annotations

from pathlib import Path

import pytest

from oversight.ingest.document import ingest_file

# Written by hand after the shape of a results table exported from a PDF (names and numbers invented).
PDF_TEXT = """闵行区财政局                                        2025年预算绩效信息公开
闵行区2024年度部门绩效评价结果

序号 项目名称 主管部门 预算数 执行数 资金执 评价 绩效
                   （万元） （万元） 行率 总分 等级
1 闵行区雪亮工程视频监控运维 闵行区公安分局 820.00 801.50 97.74% 93 优
2 闵行区城运中心网格平台迭代升 闵行区城市运行管 300.00 240.00 80.00% 84.5 良
  级 理中心

                                  — 1 —
闵行区财政局                                        2025年预算绩效信息公开
闵行区2024年度部门绩效评价结果（续）

序号 项目名称 主管部门 预算数 执行数 资金执 评价 绩效
                   （万元） （万元） 行率 总分 等级
3 闵行区应急广播维护 闵行区应急管理局 50.00 31.00 62.00% 66 中
  合计 1,170.00 1,072.50 91.67%

    说明：
    1．绩效等级按评价总分划分：90分（含）以上为优，80分（含）至90分为良，60分以下为差。
                                                 2025年9月1日
"""


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    path = tmp_path_factory.mktemp("spaced") / "minhang_results.txt"
    path.write_text(PDF_TEXT, encoding="utf-8")
    return {e["name"]: e for e in ingest_file(path).evaluations}


def test_every_row_of_both_pages_and_nothing_else(rows: dict[str, dict]) -> None:
    assert sorted(rows) == ["闵行区城运中心网格平台迭代升级", "闵行区应急广播维护", "闵行区雪亮工程视频监控运维"]


def test_the_wrapped_header_gives_each_column_its_label(rows: dict[str, dict]) -> None:
    first = rows["闵行区雪亮工程视频监控运维"]
    assert first["budget_wan"] == 820.0
    assert first["executed_wan"] == 801.5
    assert first["execution_rate"] == pytest.approx(0.9774)
    assert first["score"] == 93
    assert first["grade"] == "优"


def test_a_wrapped_row_joins_its_name_and_department(rows: dict[str, dict]) -> None:
    second = rows["闵行区城运中心网格平台迭代升级"]
    assert second["department"] == "闵行区城市运行管理中心"
    assert second["score"] == 84.5


def test_the_continued_page_starts_at_its_own_row_number(rows: dict[str, dict]) -> None:
    third = rows["闵行区应急广播维护"]
    assert third["budget_wan"] == 50.0
    assert third["grade"] == "中"


def test_a_sentence_with_spaces_is_not_cut_into_cells(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text(
        "2024年度 项目支出 绩效评价 结果公告\n项目名称：徐汇区视频监控运维\n评价得分：91\n评价等级：优\n",
        encoding="utf-8",
    )
    (row,) = ingest_file(path).evaluations
    assert row["name"] == "徐汇区视频监控运维"
