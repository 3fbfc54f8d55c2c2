"""Calendar periods in the platform's time zone: days for caps, weeks for weekly quests.

A period is named by a key (``2026-11-27``, ``2026-W48``), so progress stored under the key
starts afresh when the key changes: nothing has to reset anything at midnight.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo


class Period(StrEnum):
    DAY = "DAY"
    WEEK = "WEEK"
    """ISO weeks: Monday to Sunday."""
    FOREVER = "FOREVER"
    """One period for all time (one-off things)."""


FOREVER_KEY = "once"


def local_day(at: datetime, zone: ZoneInfo) -> date:
    return at.astimezone(zone).date()


def period_key(period: Period, at: datetime, zone: ZoneInfo) -> str:
    if period is Period.FOREVER:
        return FOREVER_KEY
    day = local_day(at, zone)
    if period is Period.DAY:
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
