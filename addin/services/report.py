"""Use case ``ssj report``: the monthly report (月报表) of a month, filled into the form's template.

Row 5 (本系统) adds this unit's month to the months of the subordinate units' workbooks found under
``--units FOLDER`` (a city bureau collects its counties' workbooks); a workbook that cannot be read is
reported and left out, never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from addin.adapters.files import find_workbooks
from addin.adapters.monthly_form import fill
from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core.errors import AddinError
from addin.core.monthly import MonthlyReport, UnitMonth, build_monthly, unit_month
from addin.services.post_book import PostInputs, load
from addin.services.results import check


@dataclass(frozen=True, slots=True)
class Reported:
    path: Path
    report: MonthlyReport
    units: tuple[UnitMonth, ...]
    unreadable: tuple[tuple[Path, str], ...]


def _read(path: Path, today: dt.date) -> PostInputs:
    book = OpenpyxlBook.read(path)
    try:
        return load(book, today, need_plan=False)
    finally:
        book.close()


def parse_month(text: str) -> tuple[int, int]:
    try:
        day = dt.date.fromisoformat(f"{text.strip()}-01")
    except ValueError as err:
        raise AddinError("cli.bad-month", f"月份应写成 YYYY-MM，如 2024-06：{text}") from err
    return day.year, day.month


def subordinate_months(folder: Path, year: int, month: int, today: dt.date,
                       skip: Path | None = None) -> tuple[list[UnitMonth], list[tuple[Path, str]]]:
    if not folder.is_dir():
        raise AddinError("cli.bad-units", f"--units 须是一个文件夹：{folder}")
    months, failed = [], []
    for path in find_workbooks(folder):
        if skip is not None and path.resolve() == skip.resolve():
            continue
        try:
            inputs = _read(path, today)
        except AddinError as err:
            failed.append((path, err.message))
            continue
        accepted = check(inputs, today).accepted
        months.append(unit_month(inputs.settings.unit_name or path.stem, accepted, year, month))
    return months, failed


def build(inputs: PostInputs, year: int, month: int, filled_on: dt.date,
          others: list[UnitMonth]) -> MonthlyReport:
    s = inputs.settings
    accepted = check(inputs, filled_on).accepted
    return build_monthly(s.unit_name or "", year, month, filled_on, inputs.activities, inputs.tasks, inputs.draws,
                         accepted, inputs.items, others, (s.contact or "", s.phone or "", s.mobile or ""))


def report(book: Path, month: str, target: Path, today: dt.date, units: Path | None = None) -> Reported:
    if target.suffix.lower() != ".xlsx":
        raise AddinError("cli.bad-output", f"--out 须是 .xlsx 文件：{target.name}")
    year, mon = parse_month(month)
    inputs = _read(book, today)
    others, failed = subordinate_months(units, year, mon, today, skip=book) if units else ([], [])
    filled = build(inputs, year, mon, today, others)
    path = fill(filled, target, inputs=(book,))
    return Reported(path, filled, tuple(others), tuple(failed))
