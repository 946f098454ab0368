"""Property tests for the number grammar (numbers.py) and the decimal-safe bands (standards.py).

Each rule is stated once in its module; these tests say it again by hand and throw values at it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from oversight.domain import standards
from oversight.domain.numbers import BARE_RATE_FRACTION_MAX, parse_money, parse_rate, parse_score

money = st.decimals(min_value=0, max_value=999, places=2, allow_nan=False, allow_infinity=False)


@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from(["万元", " 万元", "元", ""]))
def test_a_space_between_digit_groups_is_a_thousands_separator(n: int, unit: str) -> None:
    text = f"{n:,}".replace(",", " ") + unit
    factor = Decimal("0.0001") if unit.strip() == "元" else Decimal(1)
    assert parse_money(text)[0] == float(n * factor)


def test_the_reported_cases() -> None:
    assert parse_money("1 100万元") == (1100.0, "万元")
    assert parse_money("2018年预算 32万元") == (32.0, "万元")
    assert parse_money("序号 3 500.00") == (500.0, "万元")


@given(st.integers(min_value=1990, max_value=2099), money, st.sampled_from(["年预算 ", "年度决算金额", " 年 "]))
def test_a_year_is_never_the_amount(year: int, d: Decimal, between: str) -> None:
    assert parse_money(f"{year}{between}{d}万元")[0] == float(d)


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28), money)
def test_a_date_is_never_the_amount(month: int, day: int, d: Decimal) -> None:
    assert parse_money(f"截至{month}月{day}日支出{d}万元")[0] == float(d)


@given(st.integers(min_value=1, max_value=999), money, st.sampled_from(["序号", "序号：", "编号 "]))
def test_a_row_index_is_never_the_amount(index: int, d: Decimal, label: str) -> None:
    assert parse_money(f"{label} {index} {d}")[0] == float(d)


def test_a_tab_separates_cells() -> None:
    assert parse_money("3\t500") == (3.0, "万元")


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_a_score_after_a_year_reads_the_score(d: Decimal) -> None:
    assert parse_score(f"2018年度得分 {d}") == float(d)


# The bare-rate rule: up to 3 (300 %) a bare number is a fraction; above it, percentage points.
@given(st.decimals(min_value=0, max_value=3, places=4, allow_nan=False))
def test_a_bare_rate_up_to_three_is_a_fraction(d: Decimal) -> None:
    assert parse_rate(str(d)) == float(d)


@given(st.decimals(min_value=Decimal("3.01"), max_value=1000, places=2, allow_nan=False))
def test_a_bare_rate_above_three_is_percentage_points(d: Decimal) -> None:
    assert parse_rate(str(d)) == float(d / 100)


def test_one_and_a_half_and_one_point_six_read_alike() -> None:
    assert parse_rate("1.5") == 1.5
    assert parse_rate("1.6") == 1.6
    assert BARE_RATE_FRACTION_MAX == 3


@given(st.decimals(min_value=0, max_value=300, places=2, allow_nan=False))
def test_a_percent_sign_always_means_points(d: Decimal) -> None:
    assert parse_rate(f"{d}%") == float(d / 100)
    assert parse_rate(f"{d} ％") == float(d / 100)


def _band(score: Decimal) -> str:
    """财预〔2020〕10号, by hand: 90 and above 优, 80 良, 60 中, below 差."""
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    if score >= 60:
        return "中"
    return "差"


@given(st.lists(st.decimals(min_value=0, max_value=10, places=1, allow_nan=False), min_size=1, max_size=10))
def test_a_score_summed_in_floats_lands_in_its_decimal_band(parts: list[Decimal]) -> None:
    total = sum(parts, Decimal(0))
    as_float = 0.0
    for p in parts:
        as_float += float(p)  # sub-scores added as floats drift: 30.1 + 29.9 + 30 > 90
    assert standards.grade_by_score(as_float) == _band(total)


def test_band_edges_are_exact() -> None:
    assert standards.grade_by_score(90) == "优"
    assert standards.grade_by_score(30.1 + 29.9 + 30) == "优"
    assert standards.grade_by_score(80) == "良"
    assert standards.grade_by_score(60) == "中"
    assert standards.grade_by_score(59.99) == "差"
    assert standards.grade_by_score(100.5) is None


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 9, 28)),
    st.decimals(min_value=-30, max_value=30, places=2, allow_nan=False),
)
def test_lights_by_points_behind_in_decimals(end: date, points: Decimal) -> None:
    """Green at or ahead of time; yellow up to exactly 10 points behind; red beyond (before 30 Sept)."""
    elapsed = Decimal(repr(standards.time_elapsed(end))).quantize(Decimal("0.0001"))
    rate = elapsed + points / 100
    light, _ = standards.light(float(rate), end)
    want = "green" if points >= 0 else ("yellow" if points >= -10 else "red")
    assert light == (want if rate >= 0 else None)


def test_exactly_ten_points_behind_is_yellow() -> None:
    # 19 October 2023 is day 292 of 365: exactly 80 % of the year; 0.7 − 0.8 is not −0.1 in floats.
    assert standards.light(0.7, date(2023, 10, 19))[0] == "yellow"
    assert standards.light(0.6999, date(2023, 10, 19))[0] == "red"


def test_a_rate_out_of_range_has_no_light() -> None:
    assert standards.light(3.5, date(2024, 6, 30))[0] is None
    assert standards.light(-0.1, date(2024, 6, 30))[0] is None
    assert standards.light(3.0, date(2024, 6, 30))[0] == "green"
