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


def _rows(tmp_path: Path, name: str, text: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ingest_file(path).evaluations


def test_a_unit_declared_above_the_table_applies_to_its_money_columns(tmp_path: Path) -> None:
    text = (
        "某街道2023年度财政项目绩效自评结果汇总表\n"
        "单位名称：某街道办事处          金额单位：元\n\n"
        "序号  项目名称            预算金额        执行金额        执行率    自评得分   自评等级\n"
        "1     街道视频监控维护    612,000.00      548,760.00      89.67%    85         良\n"
        "2     网格中心运行经费    2,846,500.00    2,713,089.52    95.31%    92.5       优\n"
    )
    small, large = _rows(tmp_path, "declared.txt", text)
    assert small["budget_wan"] == 61.2  # 612,000 元, not 612,000 万元
    assert small["executed_wan"] == pytest.approx(54.876)
    assert large["budget_wan"] == 284.65


def test_the_funds_block_reads_past_a_bare_slash_corner_cell(tmp_path: Path) -> None:
    cells = ["项目支出绩效自评表", "（2021年度）", "项目名称", "城市网格员补贴", "主管部门", "某区委政法委"]
    cells += ["项目资金", "（万元）", "/", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    cells += ["年度资金总额", "312.60", "318.60", "301.25", "10", "94.55%", "9.46", "总分", "100", "91.46"]
    cells += ["绩效自评等级", "优"]
    (row,) = _rows(tmp_path, "slash.txt", "\n".join(cells) + "\n")
    assert row["budget_wan"] == 318.6
    assert row["executed_wan"] == 301.25
    assert row["grade"] == "优"


def test_full_marks_before_the_score_on_a_tab_form(tmp_path: Path) -> None:
    text = (
        "项目支出绩效自评表\n项目名称\t某镇视频监控运维服务项目\n主管部门\t某镇人民政府\n"
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "年度资金总额\t\t120.00\t120.00\t110.40\t10\t92.00%\t9.2\n总分\t\t100\t92.26\n"
    )
    (row,) = _rows(tmp_path, "tabs.txt", text)
    assert row["score"] == 92.26


def test_an_adjusted_budget_column_is_the_budget(tmp_path: Path) -> None:
    text = (
        "| 序号 | 项目名称 | 年初预算（万元） | 调整预算（万元） | 执行数（万元） | 执行率 | 评价得分 | 评价等级 |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| 1 | 某镇城运分中心平台运维 | 168.00 | 156.40 | 152.86 | 97.74% | 93 | 优 |\n"
    )
    (row,) = _rows(tmp_path, "adjusted.md", "# 某镇2023年度项目绩效评价结果\n\n" + text)
    assert row["budget_wan"] == 156.4
