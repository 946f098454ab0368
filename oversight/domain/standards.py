"""The domain rules, in one place (sources: docs/DOMAIN-NOTES.md, from shared/domain/DOMAIN.md).

Thresholds marked [U] in the domain brief are not official; they live here as named constants so
that a district with other rules changes one line.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

GRADES = ("优", "良", "中", "差")
# 财预〔2020〕10号: 90(含)-100 优, 80(含)-90 良, 60(含)-80 中, 60 以下 差. Lower bounds included.
GRADE_BANDS: tuple[tuple[float, str], ...] = (
    (90.0, "优"),
    (80.0, "良"),
    (60.0, "中"),
    (0.0, "差"),
)
# Words a conclusion sentence uses for a grade.
GRADE_WORDS = {
    "优秀": "优",
    "优": "优",
    "良好": "良",
    "良": "良",
    "中等": "中",
    "中": "中",
    "合格": "中",
    "及格": "中",
    "差": "差",
    "较差": "差",
    "不合格": "差",
}

RECTIFICATION_STATUSES = ("done", "in_progress", "planned", "not_started", "unknown")
OUTLOOKS = ("确定能完成", "有可能完成", "确定不能完成")
# The central 136号 form words the same three answers differently (DOMAIN Q14).
OUTLOOK_ALIASES = {
    "确定能": "确定能完成",
    "有可能": "有可能完成",
    "完全不可能": "确定不能完成",
    "确定不能": "确定不能完成",
    "不能完成": "确定不能完成",
}

# [U] red/yellow/green: execution rate E against 序时进度 T (share of the year elapsed).
LIGHT_YELLOW_GAP = -0.10  # E − T ≥ 0 green; ≥ −10 points yellow; below that red
LIGHT_LATE_RED_RATE = 0.50  # after 30 September, E below 50% is red whatever the gap
BUDGET_CUT_FLAG = 0.50  # a 调减 above half the 年初预算 is flagged (seed 001: 97.89%)
SMALL_YUAN_AMOUNT = 1000  # an amount labelled 元 below this is suspicious (DOMAIN Q1)
# [U] The plausible ranges. A value outside is a finding and stays out of every mean and light.
SCORE_RANGE = (0.0, 100.0)
RATE_RANGE = (0.0, 3.0)  # 0–300 %: a project may overspend a cut budget, not thirty-fold

# Bands are compared in decimals, not floats: 0.7 − 0.8 is −0.10000000000000009 in binary, so
# "exactly 10 points behind" would fall on the red side. Scores keep 4 decimals and rates 4
# decimals of a fraction (0.01 percentage point), more than any document writes.
_PLACES = Decimal("0.0001")


def exact(value: float) -> Decimal:
    """A float as the short decimal a document wrote (90.0 → 90, 0.3972 → 0.3972), to 4 places."""
    return Decimal(repr(float(value))).quantize(_PLACES, rounding=ROUND_HALF_UP)


def score_in_range(score: float | None) -> bool:
    return score is not None and SCORE_RANGE[0] <= score <= SCORE_RANGE[1]


def rate_in_range(rate: float | None) -> bool:
    return rate is not None and RATE_RANGE[0] <= rate <= RATE_RANGE[1]


def grade_by_score(score: float | None) -> str | None:
    """The national band for a score; None when there is no score or it lies outside 0–100."""
    if not score_in_range(score):
        return None
    value = exact(score)
    return next(grade for bound, grade in GRADE_BANDS if value >= Decimal(repr(bound)))


def time_elapsed(period_end: date) -> float:
    """序时进度 at a date: days elapsed in its year (the day included) / days in the year."""
    start = date(period_end.year, 1, 1)
    days = (date(period_end.year + 1, 1, 1) - start).days
    return ((period_end - start).days + 1) / days


def light(
    execution_rate: float | None,
    period_end: date | None,
    outlooks: tuple[str | None, ...] = (),
) -> tuple[str | None, str]:
    """Red/yellow/green for a tracked project, with the rule that decided it (shown in the UI)."""
    if "确定不能完成" in outlooks:
        return "red", "完成可能性为“确定不能完成”"
    if execution_rate is None or period_end is None:
        return None, "缺少执行率或跟踪时段，无法判断"
    if not rate_in_range(execution_rate):
        return None, f"执行率 {execution_rate:.1%} 超出 0–300%，无法判断（见文档提示）"
    elapsed = time_elapsed(period_end)
    rate, gap = exact(execution_rate), exact(execution_rate) - exact(elapsed)
    basis = f"执行率 {execution_rate:.1%}，序时进度 {elapsed:.1%}"
    if period_end >= date(period_end.year, 9, 30) and rate < exact(LIGHT_LATE_RED_RATE):
        return "red", f"{basis}：9月30日后执行率低于 {LIGHT_LATE_RED_RATE:.0%}"
    if gap >= 0:
        return "green", f"{basis}：不低于序时进度"
    behind = f"落后序时进度 {-gap * 100:.2f} 个百分点"
    if gap >= exact(LIGHT_YELLOW_GAP):
        return "yellow", f"{basis}：{behind}（10个百分点以内）"
    return "red", f"{basis}：{behind}（超过10个百分点）"


EVAL_TYPE_WORDS = (
    ("财政重点评价", "finance"),
    ("财政评价", "finance"),
    ("重点评价", "finance"),
    ("部门评价", "department"),
    ("单位自评", "self"),
    ("自评", "self"),
)


def eval_type_of(text: str) -> str | None:
    """`self`, `department` or `finance` from a 评价方式 cell or a document title."""
    return next((code for word, code in EVAL_TYPE_WORDS if word in text), None)
