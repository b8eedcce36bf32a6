"""Chinese working days (工作日): official holidays (法定节假日) and make-up workdays (调休上班) count right.

A :class:`WorkCalendar` is built from a :class:`HolidayTable` handed in by an adapter (the built-in table
comes from the PyPI package ``chinesecalendar``, read in :mod:`addin.adapters.calendar`), then overridden by
the rows of the editable 节假日 sheet (休 = a day off, 班 = a working day). For a year that neither knows,
the calendar falls back to Monday–Friday and says so: :meth:`WorkCalendar.unknown_years` lets the services
raise a visible ``calendar.fallback`` reminder instead of silently counting wrong.

Counting rule (domain.md): a period of *n* working days after a day does not count that day itself —
an inspection ending 2025-09-26 must be published by 2025-10-30 (20 working days; 2025-09-28 and
2025-10-11 are make-up workdays, 10-01…10-08 are off). A deadline given as a calendar date that falls on
a day off moves to the next working day (民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日
结束的次日为期间的最后一日).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class DayKind(StrEnum):
    """A row of the 节假日 sheet: 休 (day off) or 班 (working day)."""

    OFF = "休"
    WORK = "班"


@dataclass(frozen=True, slots=True)
class HolidayTable:
    """Days off and make-up workdays of the years in ``years`` (the years the source really knows)."""

    off: frozenset[dt.date]
    work: frozenset[dt.date]
    years: frozenset[int]
    source: str = "chinesecalendar"


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Which days are working days. Outside ``known_years`` only weekends are off (the visible fallback)."""

    off: frozenset[dt.date]
    work: frozenset[dt.date]
    known_years: frozenset[int]
    source: str = "chinesecalendar"

    @classmethod
    def build(
        cls, table: HolidayTable | None, overrides: Iterable[tuple[dt.date, DayKind]] = ()
    ) -> WorkCalendar:
        """The built-in table with the 节假日 sheet's rows on top (a sheet row always wins).

        A year for which the 节假日 sheet has a 休 row counts as known: staff who type in the State Council's
        holiday notice for a year the package does not know yet have supplied that year.
        """
        off = set(table.off) if table else set()
        work = set(table.work) if table else set()
        years = set(table.years) if table else set()
        for day, kind in overrides:
            if kind is DayKind.OFF:
                off.add(day)
                work.discard(day)
                years.add(day.year)
            else:
                work.add(day)
                off.discard(day)
        return cls(frozenset(off), frozenset(work), frozenset(years), table.source if table else "节假日")

    def is_workday(self, day: dt.date) -> bool:
        if day in self.work:
            return True
        if day in self.off:
            return False
        return day.weekday() < 5

    def is_known(self, year: int) -> bool:
        return year in self.known_years

    def unknown_years(self, days: Iterable[dt.date | None]) -> list[int]:
        """The years among ``days`` (and the spans they start) counted with the Mon–Fri fallback."""
        return sorted({d.year for d in days if d is not None and d.year not in self.known_years})

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The *n*-th working day after ``start`` (``start`` itself does not count); n = 0 → ``start``."""
        if n < 0:
            raise ValueError("n must be >= 0")
        day = start
        while n:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def workdays_after(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: how many working days ``end`` lies after ``start`` (0 if not after)."""
        if end <= start:
            return 0
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def roll_forward(self, day: dt.date) -> dt.date:
        """A calendar deadline on a day off becomes the next working day."""
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day


def month_day_in(year: int, month: int, day: int) -> dt.date:
    """``MM-DD`` of a setting in ``year``; 02-29 in a common year is the last day of February."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        if month == 2 and day == 29:
            return dt.date(year, 2, 28)
        raise
