"""A project's identity includes who evaluated it; a document's own date is read from its text."""

from __future__ import annotations

from datetime import date

from oversight.ingest.identity import doc_date, project_id, rekey
from oversight.ingest.parsers.common import Context, Parsed, stable_id

PLACE = ("嘉定区", "嘉定区城运中心", 2023, "视频运维")


def test_a_self_evaluation_is_another_project_id() -> None:
    assert project_id(*PLACE, "self") != project_id(*PLACE, "finance")


def test_an_evaluation_of_unknown_type_keeps_the_old_id() -> None:
    assert project_id(*PLACE, None) == stable_id(*PLACE)


def test_rekey_moves_a_row_typed_after_it_was_built() -> None:
    untyped = project_id(*PLACE, None)
    row = dict(zip(("district", "unit", "year", "name"), PLACE, strict=True), project_id=untyped, eval_type="self")
    item = {"project_id": untyped, "item_id": "x", "seq": 1, "action": "整改"}
    parsed = Parsed("self_evaluation", Context(), evaluations=[row], rectifications=[item])
    rekey(parsed)
    assert row["project_id"] == project_id(*PLACE, "self")
    assert item["project_id"] == row["project_id"]
    assert item["item_id"] == stable_id(row["project_id"], 1, "整改")


def test_rekey_leaves_a_supplied_id() -> None:
    row = dict(zip(("district", "unit", "year", "name"), PLACE, strict=True), project_id="given", eval_type="self")
    rekey(Parsed("evaluation_result", Context(), evaluations=[row]))
    assert row["project_id"] == "given"


def test_labelled_dates() -> None:
    assert doc_date(["发文机关: 东方市公安局 发文日期: 2023年12月29日 09:53"]) == date(2023, 12, 29)
    assert doc_date(["成文日期: 2023-08-01 发布日期: 2023-08-02 09:55"]) == date(2023, 8, 1)
    assert doc_date(["单位: | 鄂州市行政审批局 | 发布日期: | 2022年11月04日 |"]) == date(2022, 11, 4)
    assert doc_date(["發布日期：2023-06-20　　來源：區財政局"]) == date(2023, 6, 20)
    assert doc_date(["填报日期：2024年9月5日"]) == date(2024, 9, 5)


def test_a_signature_date_alone_on_its_line() -> None:
    assert doc_date(["上海市嘉定区财政局", "2024年3月1日", "附件"]) == date(2024, 3, 1)


def test_a_period_is_not_the_document_date() -> None:
    assert doc_date(["跟踪时段\t2024年01月01日 --- 2024年08月31日", "截至2024年8月31日，支出1.2万元"]) is None
