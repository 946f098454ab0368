"""The number grammar: fused and separate cells cut into typed columns; expected values by hand."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from oversight.ingest.reader.values import accepts, align, fit_row

FUNDS = [
    ("budget_initial_wan", "money"),
    ("budget_wan", "money"),
    ("executed_wan", "money"),
    ("weight", "weight"),
    ("execution_rate", "rate"),
    ("execution_score", "score"),
]


def test_fused_row_with_no_separators_is_cut_into_six_cells():
    fit = fit_row("145000000.00145000000.00145000000.0010100.0%10", FUNDS)
    assert fit is not None
    assert fit.values == {
        "budget_initial_wan": "145000000.00",
        "budget_wan": "145000000.00",
        "executed_wan": "145000000.00",
        "weight": "10",
        "execution_rate": "100.0%",
        "execution_score": "10",
    }


def test_fused_row_prefers_the_reading_whose_rate_agrees_with_the_amounts():
    fit = fit_row("80000.0064000.00 64000.001080.0%8", FUNDS)
    assert fit is not None
    assert fit.values["execution_rate"] == "80.0%"


def test_empty_cells_written_as_dashes_leave_their_columns_empty():
    fit = fit_row("145000000.00145000000.00 -0.0%-", FUNDS)
    assert fit is not None
    assert "executed_wan" not in fit.values


def test_separate_cells_with_wan_suffix_are_not_split_further():
    fit = fit_row("150万 150万 125.25万 100 83.5% 98", FUNDS)
    assert fit is not None
    assert fit.values["executed_wan"] == "125.25万"


def test_a_short_row_is_not_padded_by_splitting_a_number():
    fit = fit_row("43.2 43.2 37.24", FUNDS)
    assert fit is not None
    assert fit.values["executed_wan"] == "37.24"


def test_a_dropped_grade_cell_does_not_push_the_remark_into_the_grade():
    columns = [("seq", "int"), ("name", "text"), ("score", "score"), ("grade", "grade"), ("remark", "text")]
    got = align(["2", "网格化联勤队伍保障", "92.5", "新增项目"], columns)
    assert got is not None
    assert "grade" not in got


def test_a_grade_cell_present_is_kept():
    columns = [("seq", "int"), ("name", "text"), ("score", "score"), ("grade", "grade"), ("remark", "text")]
    got = align(["1", "污水处理设施运维", "87", "良"], columns)
    assert got == {"seq": "1", "name": "污水处理设施运维", "score": "87", "grade": "良"}


def test_text_columns_refuse_numbers_and_grades():
    assert not accepts("text", "92")


@settings(deadline=None)  # the search over cuts is exhaustive; a loaded machine is slow, not wrong
@given(
    budget=st.integers(min_value=100, max_value=10**9),
    share=st.integers(min_value=1, max_value=100),
)
def test_any_fused_funds_row_in_yuan_reads_back(budget: int, share: int):
    executed = budget * share // 100
    rate = Decimal(executed * 100) / Decimal(budget)
    rate_text = f"{rate:.1f}%"
    text = f"{budget}.00{budget}.00{executed}.0010{rate_text}{min(10, share // 10)}"
    fit = fit_row(text, FUNDS)
    assert fit is not None
    assert (fit.values["budget_wan"], fit.values["executed_wan"]) == (f"{budget}.00", f"{executed}.00")
