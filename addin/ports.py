"""The workbook port: what every service needs from a workbook, whatever holds it.

Adapters: :mod:`addin.adapters.openpyxl_book` (files), :mod:`addin.adapters.memory` (tests),
:mod:`addin.adapters.xlwings_book` (the live workbook in Excel). Services only speak this protocol.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from addin.core.table import Table

# Fills used for severities and highlights (RGB hex, no '#').
FILL_ERROR = "FFC7CE"
FILL_WARNING = "FFEB9C"
FILL_OK = "C6EFCE"
FILL_HEADER = "D9E1F2"


@dataclass(frozen=True)
class SheetOut:
    """A new sheet to write: optional preamble rows (a title, a summary), a header row, data rows.

    ``row_fills`` maps an index into ``rows`` to a fill colour; ``text_columns`` are 0-based columns whose
    cells are formatted as text (codes must never become numbers); ``widths`` are Excel column widths.

    Every adapter prints it legibly on A4 (:mod:`addin.adapters.page_layout`); the hints: ``title_rows`` — the
    first preamble rows are titles (centred across the page, bold); ``print_columns`` — only the leading
    columns are printed (hashes, JSON stay on screen); ``landscape`` — force the orientation (default: from
    the printed width); ``borders`` — ruled cells, for lists handed out or published; ``pages_wide`` with
    ``repeat_columns`` — a table too wide for one legible page width (统计) is fitted to that many pages
    wide, its leading ``repeat_columns`` columns repeated on each.
    """

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    preamble: Sequence[Sequence[Any]] = ()
    widths: Sequence[float] | None = None
    row_fills: Mapping[int, str] = field(default_factory=dict)
    text_columns: Sequence[int] = ()
    autofilter: bool = True
    freeze_header: bool = True
    hidden: bool = False
    title_rows: Sequence[int] = ()
    print_columns: int | None = None
    landscape: bool | None = None
    borders: bool = False
    pages_wide: int = 1
    repeat_columns: int = 0


@dataclass(frozen=True, slots=True)
class CellMark:
    """Colour one input cell and attach a note (a comment in Excel) — used to show issues in place."""

    sheet: str
    row: int
    column: str
    fill: str
    note: str


@dataclass(frozen=True, slots=True)
class CellValue:
    """A value for one cell of a sheet (Excel row, column letter) — e.g. a 公示日期 filled in by 生成公示."""

    sheet: str
    row: int
    column: str
    value: Any


@runtime_checkable
class WorkbookPort(Protocol):
    def sheet_names(self) -> list[str]:
        """Sheet names in workbook order."""
        ...

    def read_table(self, sheet: str, header_row: int = 1) -> Table:
        """The sheet as a :class:`Table` (values normalised, trailing blank rows dropped)."""
        ...

    def add_sheet(self, sheet: SheetOut) -> str:
        """Write a **new** sheet; a name already taken gets a numbered suffix. Returns the name used."""
        ...

    def mark_cells(self, marks: Sequence[CellMark]) -> None:
        """Colour input cells and attach notes (never changes a value)."""
        ...

    def fill_cells(self, values: Sequence[CellValue]) -> int:
        """Write ``values`` into cells that are **empty**; a cell holding anything is left as it is (a value
        the user entered is never replaced). Returns the number of cells written."""
        ...

    def append_rows(self, sheet: SheetOut) -> str:
        """Append ``sheet.rows`` below the last row of the sheet that grows (an append-only log such as
        抽取记录): the last of ``sheet.name`` and its numbered copies whose header row starts with
        ``sheet.header``. When there is none, ``sheet`` is written as a new sheet (:meth:`add_sheet`: a name
        taken by another kind of sheet gets a numbered suffix). Existing rows are never changed. Returns the
        name of the sheet written to."""
        ...


def sheet_copies(name: str, existing: Sequence[str]) -> list[str]:
    """``name`` and its numbered copies ``name (2)`` … among ``existing``, in workbook order."""
    pattern = re.compile(rf"^{re.escape(name)}(?: \(\d+\))?$")
    return [s for s in existing if pattern.match(s)]


def append_target(sheet: SheetOut, existing: Sequence[str], header_of: Callable[[str], Sequence[Any]]) -> str | None:
    """The sheet :meth:`WorkbookPort.append_rows` appends to: the last copy of ``sheet.name`` whose header row
    (``header_of(name)``, the cells of row ``len(sheet.preamble) + 1``) starts with ``sheet.header``."""
    wanted = tuple(sheet.header)
    found = None
    for name in sheet_copies(sheet.name, existing):
        cells = tuple("" if v is None else str(v).strip() for v in header_of(name))
        if cells[: len(wanted)] == wanted:
            found = name
    return found


def unique_sheet_name(wanted: str, existing: Sequence[str]) -> str:
    """``校验结果`` → ``校验结果 (2)`` → ``校验结果 (3)`` …, as Excel names copies; at most 31 characters."""
    taken = {name.casefold() for name in existing}
    base = wanted[:31]
    if base.casefold() not in taken:
        return base
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = wanted[: 31 - len(suffix)] + suffix
        if candidate.casefold() not in taken:
            return candidate
        n += 1


@dataclass(frozen=True, slots=True)
class SeriesOut:
    """One series of a chart: values from column ``values`` of rows ``first``–``last`` (0-based indices into the
    sheet's ``rows``), categories from column ``categories``; optional error bars from the columns ``plus`` and
    ``minus`` (distances above and below the value, as in Excel's custom error bars)."""

    name: str
    first: int
    last: int
    categories: int
    values: int
    plus: int | None = None
    minus: int | None = None


@dataclass(frozen=True, slots=True)
class ChartOut:
    """A native Excel chart on the sheet it belongs to (``kind``: column / bar / line), placed at the cell
    ``anchor``, or — without one — under the table, from a new page, so that it prints with the sheet."""

    kind: str
    title: str
    series: tuple[SeriesOut, ...]
    anchor: str = ""
    x_title: str = ""
    y_title: str = ""
    percent: bool = True  # the value axis shows percentages
    maximum: float | None = None  # top of the value axis (None: the application's choice)
    size: tuple[int, int] = (720, 360)  # width, height in pixels


@dataclass(frozen=True)
class ReportSheet:
    """A sheet of a write-only report file: the table, number formats per 0-based column (``"0.0%"``), charts."""

    sheet: SheetOut
    number_formats: Mapping[int, str] = field(default_factory=dict)
    charts: tuple[ChartOut, ...] = ()
