"""Property tests (hypothesis) for the parsers of money, scores, rates, dates and names."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from oversight.domain import standards
from oversight.domain.numbers import month_end, parse_dates, parse_due, parse_money, parse_rate, parse_score
from oversight.domain.places import DISTRICTS, OLD_DISTRICTS, current_district, place_of, towns
from oversight.domain.textnorm import key, one_line, plain
from oversight.ingest.parsers.common import checked_options, stable_id

cents = st.integers(min_value=0, max_value=10**12)  # up to 100 亿元, in 分


def grouped(n: int) -> str:
    return f"{n:,}"


@given(cents, st.sampled_from(["", " "]), st.booleans())
def test_yuan_with_separators_becomes_wan(c: int, space: str, separators: bool) -> None:
    yuan = Decimal(c) / 100
    whole, frac = divmod(c, 100)
    text = f"{grouped(whole) if separators else whole}.{frac:02d}{space}元"
    value, unit = parse_money(text)
    assert unit == "元"
    assert Decimal(str(value)) == (yuan / 10000).normalize() or abs(value - float(yuan / 10000)) < 1e-9


@given(st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False))
def test_wan_and_yi_units(d: Decimal) -> None:
    assert parse_money(f"{d}万元") == (float(d), "万元")
    assert parse_money(f"{d} 亿元")[0] == float(d * 10000)
    # A bare number takes the label's unit; 万元 when the label has none.
    assert parse_money(str(d), "元")[0] == float(d / 10000)
    assert parse_money(str(d))[0] == float(d)


@given(st.text(max_size=30))
def test_money_never_raises(text: str) -> None:
    got = parse_money(text)
    assert got is None or isinstance(got[0], float)


@given(
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False), st.sampled_from(["分", " 分", "", "分（优）"])
)
def test_score_reads_back(d: Decimal, suffix: str) -> None:
    assert parse_score(f"{d}{suffix}") == float(d)


@given(st.floats(min_value=-50, max_value=150, allow_nan=False))
def test_grade_bands_include_their_lower_bound(score: float) -> None:
    grade = standards.grade_by_score(score)
    if not 0 <= score <= 100:
        assert grade is None
    elif score >= 90:
        assert grade == "优"
    elif score >= 80:
        assert grade == "良"
    elif score >= 60:
        assert grade == "中"
    else:
        assert grade == "差"


def test_grade_band_edges() -> None:
    assert [standards.grade_by_score(s) for s in (90, 89.99, 80, 79.5, 60, 59.99, 0, 100)] == [
        "优",
        "良",
        "良",
        "中",
        "中",
        "差",
        "差",
        "优",
    ]


@given(st.decimals(min_value=0, max_value=150, places=2, allow_nan=False))
def test_percent_rates_are_fractions(d: Decimal) -> None:
    assert parse_rate(f"{d}%") == float(d / 100)
    assert parse_rate(f"{d}", "%") == float(d / 100)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_dates_read_back(d: date, padded: bool) -> None:
    m, day = (f"{d.month:02d}", f"{d.day:02d}") if padded else (str(d.month), str(d.day))
    assert parse_dates(f"{d.year}年{m}月{day}日") == [d]
    assert parse_dates(f"{d.year}年{m}月{day}日 --- {d.year}-{m}-{day}") == [d, d]


@given(st.integers(2000, 2099), st.integers(1, 12))
def test_due_dates(year: int, month: int) -> None:
    assert parse_due(f"将于{year}年{month}月底前完成") == month_end(year, month)
    assert parse_due(f"{year}年底前整改到位") == date(year, 12, 31)
    before = parse_due(f"于{year}年{month}月前完成")
    assert before == (month_end(year, month - 1) if month > 1 else date(year - 1, 12, 31))


names = st.text(alphabet=st.sampled_from(list("项目视频监控网格化建设运维（）() 2018年度-")), min_size=1, max_size=30)


@given(names)
def test_name_normalisation_is_idempotent_and_width_blind(name: str) -> None:
    once = one_line(name)
    assert one_line(once) == once
    assert "  " not in once
    assert once == once.strip()
    wide = name.replace("(", "（").replace(")", "）")
    assert key(wide) == key(name)
    assert stable_id("嘉定区", "单位", 2018, wide) == stable_id("嘉定区", "单位 ", 2018, f" {name} ")


@given(st.sampled_from(sorted(towns())))
def test_every_town_resolves_to_its_district(town: str) -> None:
    t = towns()[town]
    assert place_of(f"上海市{t.district}{town}人民政府（盖章）") == (t.district, town)
    assert place_of(f"{town}城市运行 管理中心") == (t.district, town)


def test_old_district_names_map_to_current() -> None:
    for old, new in OLD_DISTRICTS.items():
        assert current_district(old) == new
        assert place_of(f"上海市{old}某某局")[0] == new
    assert all(current_district(d) == d for d in DISTRICTS)


@settings(max_examples=50)
@given(
    st.lists(st.sampled_from(["是", "否", "确定能完成", "有可能完成"]), min_size=2, max_size=4, unique=True), st.data()
)
def test_checkbox_answers_before_or_after_the_mark(options: list[str], data: st.DataObject) -> None:
    picked = data.draw(st.sampled_from(options))
    after = " ".join(f"{o} {'☑' if o == picked else '☐'}" for o in options)
    before = " ".join(f"{'☑' if o == picked else '□'}{o}" for o in options)
    checked = ' checked=""'
    html = " ".join(f'{o} <input{checked if o == picked else ""} type="checkbox"/>' for o in options)
    assert checked_options(after) == checked_options(before) == checked_options(html) == [picked]


@given(st.text(max_size=200))
def test_plain_text_never_contains_a_tag(text: str) -> None:
    out = plain(text)
    assert not re.search(r"</?[A-Za-z!?][^<>]*>", out)
