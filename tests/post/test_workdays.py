"""Chinese working days: holidays and make-up days from chinesecalendar, the 节假日 sheet, the fallback."""

from __future__ import annotations

import datetime as dt

from addin.adapters.calendar import builtin_holidays
from addin.core.workdays import DayKind, HolidayTable, WorkCalendar, month_day_in

D = dt.date
BUILTIN = WorkCalendar.build(builtin_holidays())
NAIVE = WorkCalendar.build(None)


def test_domain_example_twenty_working_days_across_national_day() -> None:
    # domain.md: inspection ends 2025-09-26 → publish by 2025-10-30; the start day does not count.
    assert BUILTIN.add_workdays(D(2025, 9, 26), 20) == D(2025, 10, 30)
    assert NAIVE.add_workdays(D(2025, 9, 26), 20) == D(2025, 10, 24)


def test_make_up_saturday_is_a_working_day_and_holiday_weekday_is_not() -> None:
    assert BUILTIN.is_workday(D(2025, 9, 28))  # Sunday, 调休上班
    assert BUILTIN.is_workday(D(2025, 10, 11))  # Saturday, 调休上班
    assert not BUILTIN.is_workday(D(2025, 10, 8))  # Wednesday, 国庆中秋
    assert BUILTIN.workdays_after(D(2025, 9, 26), D(2025, 10, 30)) == 20
    assert BUILTIN.workdays_after(D(2025, 10, 30), D(2025, 10, 30)) == 0


def test_calendar_deadline_on_a_day_off_moves_to_next_working_day() -> None:
    assert BUILTIN.roll_forward(D(2025, 10, 1)) == D(2025, 10, 9)
    assert BUILTIN.roll_forward(D(2025, 12, 20)) == D(2025, 12, 22)  # a Saturday
    assert BUILTIN.roll_forward(D(2025, 10, 11)) == D(2025, 10, 11)  # make-up Saturday stays


def test_sheet_overrides_win_and_supply_an_unknown_year() -> None:
    assert not BUILTIN.is_known(2031)
    sheet = [(D(2031, 1, 1), DayKind.OFF), (D(2031, 1, 4), DayKind.WORK), (D(2025, 10, 8), DayKind.WORK)]
    cal = WorkCalendar.build(builtin_holidays(), sheet)
    assert cal.is_known(2031)
    assert not cal.is_workday(D(2031, 1, 1))  # a Wednesday off
    assert cal.is_workday(D(2031, 1, 4))  # a Saturday on
    assert cal.is_workday(D(2025, 10, 8))


def test_unknown_year_falls_back_to_monday_to_friday_and_says_so() -> None:
    table = HolidayTable(frozenset({D(2024, 10, 1)}), frozenset(), frozenset({2024}), "test")
    cal = WorkCalendar.build(table)
    assert cal.unknown_years([D(2024, 5, 1), D(2031, 1, 1), None]) == [2031]
    assert cal.add_workdays(D(2031, 1, 3), 1) == D(2031, 1, 6)  # Fri → Mon


def test_month_day_of_settings() -> None:
    assert month_day_in(2025, 2, 29) == D(2025, 2, 28)
    assert month_day_in(2024, 2, 29) == D(2024, 2, 29)
