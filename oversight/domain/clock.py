"""Shanghai time, the one clock of the lake, the follow-up store and the pages (China has no DST)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

SHANGHAI = timezone(timedelta(hours=8))


def now() -> datetime:
    """Shanghai wall-clock time, naive, to the second (the lake's TIMESTAMP columns are Asia/Shanghai)."""
    return datetime.now(SHANGHAI).replace(tzinfo=None, microsecond=0)


def today() -> date:
    return datetime.now(SHANGHAI).date()
