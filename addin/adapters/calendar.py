"""The built-in Chinese holiday table, read from the PyPI package ``chinesecalendar`` (``chinese_calendar``).

The package knows the State Council's holidays and make-up workdays (调休) for a range of years (2004–2026
in 1.11) and raises for other years; here it becomes a :class:`~addin.core.workdays.HolidayTable` whose
``years`` are exactly the years it knows, so that the core can fall back visibly for the others.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from addin.core.workdays import HolidayTable


@cache
def builtin_holidays() -> HolidayTable:
    """Days off and make-up workdays known to ``chinesecalendar`` (an empty table if it is not installed)."""
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - a declared dependency; the core then falls back visibly
        return HolidayTable(frozenset(), frozenset(), frozenset(), "无内置日历")
    off: frozenset[dt.date] = frozenset(chinese_calendar.holidays)
    work: frozenset[dt.date] = frozenset(chinese_calendar.workdays)
    listed = {d.year for d in off}
    years = frozenset(range(min(listed), max(listed) + 1)) if listed else frozenset()
    version = getattr(chinese_calendar, "__version__", "")
    return HolidayTable(off, work, years, f"chinesecalendar {version}".strip())
