"""Parsers for money, scores, rates and dates as Chinese documents write them.

Every parser takes raw cell text and returns a value or ``None``; none raises on bad input.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

# How many 万元 one of each unit is worth.
UNIT_TO_WAN: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "万元": Decimal(1),
    "万": Decimal(1),
    "亿元": Decimal(10000),
    "亿": Decimal(10000),
}

_NUMBER = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MONEY_UNIT = re.compile(r"\s*(亿元|万元|元|亿|万)")
_PLAIN_NUMBER = re.compile(_NUMBER)
# A space (NFKC turns no-break, thin and full-width spaces into one) between a 1–3 digit group and
# 3-digit groups is a thousands separator: "1 100万元" is 1100. A tab is never one: it ends a cell.
_SPACE_GROUPS = re.compile(r"(?<![\d.,])(\d{1,3})((?: \d{3})+)(?![\d,])")
# A number after 序号/编号 is a row's index, not a value: "序号 3 500.00" states 500.00.
_INDEX = re.compile(r"(?:序号|编号)\s*[:：]?\s*\d+")
# A number followed by 年/月/日 is part of a date or a year: "2018年预算 32万元" states 32.
_DATE_PART = re.compile(r"\s*(?:年|月|日)")
# A bare rate (no %, no (%) label) up to this is a fraction; above it, percentage points. 3 is the
# highest plausible rate (300 %, see standards.RATE_MAX), so "1.5" is 150 % and "1.6" is 160 %,
# and "45" is 45 %. The rule never flips between two neighbouring plausible fractions.
BARE_RATE_FRACTION_MAX = Decimal(3)


def _norm(text: str) -> str:
    # NFKC turns full-width digits, commas and ％ into ASCII and odd spaces into " ".
    text = _INDEX.sub(" ", unicodedata.normalize("NFKC", str(text)).replace("−", "-"))
    return _SPACE_GROUPS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ","), text)


def _decimal(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


def _first_value(text: str) -> tuple[Decimal, int] | None:
    """The first number that is a value (not a year, month, day or row index) and where it ends."""
    for match in _PLAIN_NUMBER.finditer(text):
        if _DATE_PART.match(text, match.end()):
            continue
        value = _decimal(match.group(0))
        if value is not None:
            return value, match.end()
    return None


def parse_money(text: str | None, label_unit: str | None = None) -> tuple[float, str] | None:
    """Money → (万元, the unit it was read in).

    A unit written next to the number wins over the label's unit; with neither, 万元 (the unit
    of nearly every published table) is assumed.
    """
    if text is None:
        return None
    normed = _norm(text)
    got = _first_value(normed)
    if got is None:
        return None
    value, end = got
    written = _MONEY_UNIT.match(normed, end)
    unit = (written.group(1) if written else None) or label_unit or "万元"
    factor = UNIT_TO_WAN.get(unit, Decimal(1))
    return float(value * factor), unit


def parse_number(text: str | None) -> float | None:
    """The first number in the text that is a value (thousands separators allowed)."""
    if text is None:
        return None
    got = _first_value(_norm(text))
    return None if got is None else float(got[0])


def parse_score(text: str | None) -> float | None:
    """'95.96 分' → 95.96. Out-of-range scores are returned as read; the caller flags them."""
    return parse_number(text)


def parse_rate(text: str | None, label_unit: str | None = None) -> float | None:
    """Rates as fractions: '97.89%' → 0.9789; '0.95' → 0.95; '95' in a (%) column → 0.95.

    A bare number (no % after it, no % label) is a fraction up to BARE_RATE_FRACTION_MAX and
    percentage points above it."""
    if text is None:
        return None
    normed = _norm(text)
    got = _first_value(normed)
    if got is None:
        return None
    value, end = got
    after = normed[end : end + 2]
    if "%" in after or label_unit == "%" or value > BARE_RATE_FRACTION_MAX:
        value = value / 100
    return float(value)


_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")


def parse_dates(text: str | None) -> list[date]:
    """Every full date in the text, in order ('2024年01月01日 --- 2024年08月31日' → two)."""
    if not text:
        return []
    out = []
    for y, m, d in _DATE.findall(unicodedata.normalize("NFKC", text)):
        try:
            out.append(date(int(y), int(m), int(d)))
        except ValueError:
            continue
    return out


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_DUE = re.compile(
    r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|(底|末|份)?)|(底|末))?\s*(之?前|以前|完成|到位)"
)


def parse_due(text: str | None) -> date | None:
    """The deadline a 整改 text promises: '2022年6月底前' → 2022-06-30.

    '2022年6月30日前' is that day; 'N月底前/月末前' the month's last day; 'N月前' (before month N)
    the last day of month N−1; 'N月完成/到位' month N's last day; '2022年底前' 31 December.
    No year, no date.
    """
    if not text:
        return None
    match = _DUE.search(unicodedata.normalize("NFKC", text))
    if not match:
        return None
    year = int(match.group(1))
    month, day, month_tail, by = (
        match.group(2),
        match.group(3),
        match.group(4),
        match.group(6),
    )
    try:
        if month and day:
            return date(year, int(month), int(day))
        if month:
            m = int(month)
            if not 1 <= m <= 12:
                return None
            if month_tail in ("底", "末", "份") or by in ("完成", "到位"):
                return month_end(year, m)
            return month_end(year, m - 1) if m > 1 else date(year - 1, 12, 31)
        return date(year, 12, 31)
    except ValueError:
        return None
