"""Forms a seventh blind set exposed (written by hand here, names and numbers invented): a monitoring
form's further columns (序时进度, 全年预计执行数), its money rows named by source, a 偏差原因 column,
and a PDF's layout text with words wrapped inside their column."""

from __future__ import annotations

from pathlib import Path

from oversight.ingest.document import ingest_file
from oversight.ingest.reader.stacked import unstack
from oversight.ingest.readers import Line


def monitoring_row(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    (row,) = ingest_file(path).monitoring
    return row


MONITOR = "\n".join(
    [
        "某分局2022年度项目支出绩效运行监控表",
        "监控时段：2022年1月—9月\t\t\t单位：万元",
        "项目名称\t某区视频监控系统运行维护经费",
        "主管部门\t某分局\t实施单位\t某分局科技科",
        "资金来源\t年初预算数\t全年预算数\t1-9月执行数\t执行率\t序时进度\t全年预计执行数\t预计执行率\t执行偏差原因",
        "区级财政资金\t360.00\t380.00\t151.20\t39.79%\t75.00%\t340.00\t89.47%\t受疫情影响，采购延期；二期款三季度支付",
        "其他资金\t\t\t\t\t\t\t\t",
        "合计\t360.00\t380.00\t151.20\t39.79%\t75.00%\t340.00\t89.47%\t",
    ]
)


def test_a_monitoring_forms_budget_is_read_past_its_source_rows(tmp_path: Path) -> None:
    assert monitoring_row(tmp_path, MONITOR)["budget_wan"] == 380.0


def test_a_monitoring_forms_rate_is_not_its_schedule(tmp_path: Path) -> None:
    assert monitoring_row(tmp_path, MONITOR)["execution_rate"] == 0.3979


def test_a_period_before_the_executed_column_is_not_part_of_its_name(tmp_path: Path) -> None:
    assert monitoring_row(tmp_path, MONITOR)["executed_wan"] == 151.2


def _lines(*texts: str) -> list[Line]:
    return [Line(n, [t], f"第{n}行") for n, t in enumerate(texts, 1)]


def test_header_words_wrapped_above_their_column_are_joined() -> None:
    lines = _lines(
        "              年初预      全年预      全年执",
        " 项目资金     算数        算数        行数       分值",
    )
    assert unstack(lines)[1].cells[0].split() == ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值"]


def test_a_row_label_wrapped_below_its_column_is_joined() -> None:
    lines = _lines(
        "  年度资金   3,126.40    3,245.80",
        "  总额",
    )
    assert unstack(lines)[0].cells[0].split() == ["年度资金总额", "3,126.40", "3,245.80"]


def test_a_unit_below_its_label_goes_up_to_it() -> None:
    lines = _lines(
        " 项目资金      年初预算数",
        " （万元）      年度资金总额  520.00",
    )
    assert unstack(lines)[0].cells[0].split() == ["项目资金（万元）", "年初预算数"]


def test_parts_that_make_no_known_word_stay_where_they_are() -> None:
    lines = _lines(
        "     甲乙      丙丁",
        "     戊己      庚辛",
    )
    assert [ln.cells[0] for ln in unstack(lines)] == ["     甲乙      丙丁", "     戊己      庚辛"]


LAYOUT = """                  项目支出绩效自评表
                    （2019年度）
 项目名称        某镇河道长效管理养护项目
                              年初预     全年预     全年执
                              算数       算数       行数      分值   执行率    得分
 项目资金     年度资金总额     520.00     520.00     511.36    10     98.34%    9.83
 （万元）     其中：当年财     520.00     520.00     511.36    —      —         —
              政拨款
                              总分                                   100   94.83
"""


def test_a_layout_forms_funds_block_is_read(tmp_path: Path) -> None:
    path = tmp_path / "layout.txt"
    path.write_text(LAYOUT, encoding="utf-8")
    (row,) = ingest_file(path).evaluations
    assert (row["budget_wan"], row["executed_wan"], row["execution_rate"]) == (520.0, 511.36, 0.9834)
