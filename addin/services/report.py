"""Use case ``ssj report``: the monthly report (月报表) of a month, filled into the form's template.

:func:`monthly_report` reads any workbook port (the ribbon: the live workbook, whose printable form is saved
beside it and summarised in a short 月报表 sheet by :func:`report_sheet`). Row 5 (本系统) adds this unit's
month to the months of the subordinate units' workbooks found under ``--units FOLDER`` (a city bureau collects
its counties' workbooks); a workbook that cannot be read is reported and left out, never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from addin.adapters.files import find_workbooks
from addin.adapters.monthly_form import CONTENT_CELLS, ROWS, fill, level_labels
from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core.errors import AddinError
from addin.core.monthly import MonthlyReport, UnitMonth, build_monthly, unit_month
from addin.core.output_sheets import MONTHLY_REPORT
from addin.ports import SheetOut, WorkbookPort
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
          others: Sequence[UnitMonth]) -> MonthlyReport:
    s = inputs.settings
    accepted = check(inputs, filled_on).accepted
    return build_monthly(s.unit_name or "", year, month, filled_on, inputs.activities, inputs.tasks, inputs.draws,
                         accepted, inputs.items, list(others), (s.contact or "", s.phone or "", s.mobile or ""),
                         s.unit_level or "")


def monthly_report(book: WorkbookPort, year: int, month: int, filled_on: dt.date,
                   others: Sequence[UnitMonth] = ()) -> MonthlyReport:
    """The month's report from any workbook port (the plan sheet is not required)."""
    return build(load(book, filled_on, need_plan=False), year, month, filled_on, others)


def report_rows(report: MonthlyReport) -> list[list[str]]:
    """The filled parts of the form as rows (序号, 项目, 内容), labelled as on the form."""
    labels = {row: (number, label) for row, number, label, _hint in ROWS}
    for ref, label in level_labels(report.level or None).items():
        row = int(ref[1:])
        labels[row] = (labels[row][0], label)
    rows, number = [], ""
    for attribute, ref in CONTENT_CELLS.items():
        at = int(ref[1:])
        found, label = labels[at]
        if label.startswith("（"):  # a hint row: the label is the row above's
            found, above = labels[at - 1]
            label = above + label
        number = found or number
        rows.append([number, label, getattr(report, attribute)])
    return rows


def report_sheet(report: MonthlyReport, form: Path) -> SheetOut:
    """The short 月报表 sheet of the live workbook: what was filled, and where the printable form was saved
    (the form has merged cells and a fitted A4 page, which a plain sheet does not)."""
    title = f"{report.unit}“双随机、一公开”监管工作月报表（{report.year}年{report.month}月）"
    day = report.filled_on
    return SheetOut(MONTHLY_REPORT, ("序号", "项目", "内容"), report_rows(report),
                    preamble=[[title], [f"可打印的月报表（一页 A4）已另存为：{form}"],
                              [f"填表时间：{day.year}年{day.month}月{day.day}日"]],
                    widths=(6, 40, 90), autofilter=False, title_rows=(0,))


def report(book: Path, month: str, target: Path, today: dt.date, units: Path | None = None) -> Reported:
    if target.suffix.lower() != ".xlsx":
        raise AddinError("cli.bad-output", f"--out 须是 .xlsx 文件：{target.name}")
    year, mon = parse_month(month)
    others, failed = subordinate_months(units, year, mon, today, skip=book) if units else ([], [])
    reader = OpenpyxlBook.read(book)
    try:
        filled = monthly_report(reader, year, mon, today, others)
    finally:
        reader.close()
    path = fill(filled, target, inputs=(book,))
    return Reported(path, filled, tuple(others), tuple(failed))
