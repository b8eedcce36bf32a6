"""The xlwings adapter: the workbook open in Excel, for the ribbon buttons (Windows desktop Excel).

Every sheet is read and written **in bulk**: one COM call reads a whole sheet (``range(...).options(ndim=2)
.value``), one writes a whole new sheet, and colours go to multi-area ranges (``"A2,C5:C7"``) — never a
round trip per cell, which would take minutes on a registry of 20,000 rows. Only the notes on marked cells
(批注) are per cell, because Excel has no bulk call for comments; at most :data:`MAX_NOTES` are written (the
校验结果 sheet lists everything). A note the user wrote is never replaced: only notes that start with
:data:`NOTE_PREFIX` (ours, from an earlier run) are.

xlwings is imported lazily (it is the optional extra ``ssj-addin[excel]``); what this adapter uses of it is
small and is reproduced by the fake in ``tests/excel/fake_xlwings.py``: ``Book.sheets`` (iterate, index,
``add``), ``Book.fullname``, ``Sheet.name / range / used_range / activate / api``, ``Range.value /
options(ndim=2) / color / number_format / column_width / last_cell / api``, and through ``api`` the COM
members ``Font.Bold``, ``AutoFilter``, ``Comment``, ``AddComment``, ``Visible``, the window's ``FreezePanes``,
and for the print setup ``WrapText``, ``VerticalAlignment``, ``HorizontalAlignment``, ``Borders.LineStyle``,
``Merge``, ``Font.Size``, ``Range.row_height``, ``PageSetup`` and ``Application.PrintCommunication``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from addin.adapters.page_layout import (
    FOOTER,
    FOOTER_IN,
    MARGIN_BOTTOM_IN,
    MARGIN_SIDE_IN,
    MARGIN_TOP_IN,
    TITLE_PT,
    PageLayout,
    layout,
)
from addin.adapters.text_cells import looks_typed
from addin.core.errors import AddinError
from addin.core.table import Row, Table, column_letter, normalise_cell, trim_trailing_blank
from addin.ports import FILL_HEADER, CellMark, CellValue, SheetOut, append_target, unique_sheet_name

MAX_NOTES = 2000
NOTE_PREFIX = "【双随机】"
_ADDRESS_LIMIT = 250  # Excel refuses a range address longer than 255 characters
_XL_SHEET_HIDDEN = 0
_XL_TOP, _XL_CENTER, _XL_CONTINUOUS = -4160, -4108, 1
_XL_PAPER_A4, _XL_PORTRAIT, _XL_LANDSCAPE = 9, 1, 2


class XlwingsBook:
    """A live workbook (an ``xlwings.Book``) behind the :class:`~addin.ports.WorkbookPort` protocol."""

    def __init__(self, book: Any) -> None:
        self.book = book

    @classmethod
    def caller(cls) -> XlwingsBook:
        """The workbook the ribbon button was pressed in (``xlwings.Book.caller()`` reads ``sys.argv``)."""
        try:
            import xlwings
        except ImportError as err:
            raise AddinError(
                "excel.no-xlwings", "未安装 xlwings：请按安装说明安装 ssj-addin[excel]（含 xlwings 和 pywin32）。"
            ) from err
        return cls(xlwings.Book.caller())

    # -- the port --------------------------------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def read_table(self, sheet: str, header_row: int = 1) -> Table:
        ws = self._sheet(sheet)
        last = ws.used_range.last_cell
        grid = ws.range((1, 1), (max(last.row, header_row), last.column)).options(ndim=2).value or []
        header_cells = grid[header_row - 1] if len(grid) >= header_row else []
        header = tuple("" if v is None else str(v).strip() for v in header_cells)
        while header and header[-1] == "":
            header = header[:-1]
        rows = [
            Row(number, tuple(normalise_cell(v) for v in values))
            for number, values in enumerate(grid[header_row:], start=header_row + 1)
        ]
        return Table(sheet, header, tuple(trim_trailing_blank(rows)), header_row)

    def add_sheet(self, sheet: SheetOut) -> str:
        name = unique_sheet_name(sheet.name, self.sheet_names())
        sheets = self.book.sheets
        ws = sheets.add(name=name, after=sheets[len(sheets) - 1])
        width = max([len(sheet.header), *(len(r) for r in sheet.preamble), *(len(r) for r in sheet.rows), 1])
        header_row = len(sheet.preamble) + 1
        first_data, last_data = header_row + 1, header_row + len(sheet.rows)
        for col in sheet.text_columns:  # before the values: codes must stay text
            if sheet.rows:
                letter = column_letter(col)
                ws.range(f"{letter}{first_data}:{letter}{last_data}").number_format = "@"
        grid = [_row(r, width) for r in sheet.preamble]
        grid.append(_row(sheet.header, width))
        grid.extend(_row(r, width) for r in sheet.rows)
        ws.range((1, 1), (len(grid), width)).value = grid
        header = ws.range((header_row, 1), (header_row, max(len(sheet.header), 1)))
        header.color = rgb(FILL_HEADER)
        header.api.Font.Bold = True
        by_fill: dict[str, list[str]] = {}
        for index, fill in sheet.row_fills.items():
            row = first_data + index
            by_fill.setdefault(fill, []).append(f"A{row}:{column_letter(width - 1)}{row}")
        for fill, addresses in by_fill.items():
            for address in join_addresses(addresses):
                ws.range(address).color = rgb(fill)
        if sheet.autofilter and sheet.header:
            last = column_letter(len(sheet.header) - 1)
            ws.range(f"A{header_row}:{last}{max(last_data, first_data)}").api.AutoFilter()
        if sheet.freeze_header:
            ws.activate()
            window = self.book.app.api.ActiveWindow
            window.FreezePanes = False
            window.SplitColumn = 0
            window.SplitRow = header_row
            window.FreezePanes = True
        if sheet.hidden:
            ws.api.Visible = _XL_SHEET_HIDDEN
        self._apply_layout(ws, layout(sheet), borders=sheet.borders)
        return name

    def _apply_layout(self, ws: Any, page: PageLayout, *, borders: bool) -> None:
        """The print setup of :mod:`addin.adapters.page_layout` in a few bulk calls (ranges, not cells)."""
        for i, w in enumerate(page.widths):
            ws.range(f"{column_letter(i)}1").column_width = w
        last = page.last_printed
        body = ws.range(f"A{page.header_row}:{last}{max(page.last_row, page.header_row)}")
        body.api.WrapText = True
        body.api.VerticalAlignment = _XL_TOP
        if borders:
            body.api.Borders.LineStyle = _XL_CONTINUOUS
        merged = column_letter(page.merge_to - 1)
        for row in page.title_rows:
            title = ws.range(f"A{row}:{merged}{row}")
            title.api.Merge()
            title.api.HorizontalAlignment = _XL_CENTER
            title.api.Font.Bold = True
            title.api.Font.Size = TITLE_PT
        for row in page.note_rows:
            note = ws.range(f"A{row}:{merged}{row}")
            note.api.Merge()
            note.api.WrapText = True
        by_height: dict[float, list[str]] = {}
        for row, height in page.heights.items():
            by_height.setdefault(height, []).append(f"A{row}")
        for height, cells in by_height.items():
            for address in join_addresses(cells):
                ws.range(address).row_height = height
        app = self.book.app.api
        app.PrintCommunication = False  # page setup is slow while Excel talks to the printer for each property
        try:
            setup = ws.api.PageSetup
            setup.PaperSize = _XL_PAPER_A4
            setup.Orientation = _XL_LANDSCAPE if page.landscape else _XL_PORTRAIT
            setup.Zoom = False
            setup.FitToPagesWide = page.pages_wide
            setup.FitToPagesTall = False
            setup.PrintTitleRows = f"${page.header_row}:${page.header_row}"
            if page.repeat_columns:
                setup.PrintTitleColumns = f"$A:${column_letter(page.repeat_columns - 1)}"
            setup.PrintArea = f"$A$1:${last}${page.last_row}"
            setup.CenterHorizontally = True
            setup.CenterFooter = FOOTER
            setup.LeftMargin = setup.RightMargin = MARGIN_SIDE_IN * 72
            setup.TopMargin, setup.BottomMargin = MARGIN_TOP_IN * 72, MARGIN_BOTTOM_IN * 72
            setup.FooterMargin = FOOTER_IN * 72
        finally:
            app.PrintCommunication = True

    def mark_cells(self, marks: Sequence[CellMark]) -> None:
        names = set(self.sheet_names())
        by_sheet: dict[str, list[CellMark]] = {}
        for mark in marks:
            if mark.sheet in names:
                by_sheet.setdefault(mark.sheet, []).append(mark)
        notes = 0
        for sheet, found in by_sheet.items():
            ws = self.book.sheets[sheet]
            by_fill: dict[str, list[str]] = {}
            for mark in found:
                by_fill.setdefault(mark.fill, []).append(f"{mark.column}{mark.row}")
            for fill, addresses in by_fill.items():
                for address in join_addresses(addresses):
                    ws.range(address).color = rgb(fill)
            for mark in found:
                if notes >= MAX_NOTES:
                    return
                _note(ws.range(f"{mark.column}{mark.row}").api, NOTE_PREFIX + mark.note)
                notes += 1

    def append_rows(self, sheet: SheetOut) -> str:
        """One read of the growing sheet (its header and its last row) and one write of the new rows, below
        the last row holding a value; the text columns of the new rows are formatted as text first."""
        header_row = len(sheet.preamble) + 1
        grids: dict[str, list[list[Any]]] = {}

        def header_of(name: str) -> list[Any]:
            ws = self.book.sheets[name]
            last = ws.used_range.last_cell
            grids[name] = ws.range((1, 1), (max(last.row, header_row), max(last.column, 1))).options(ndim=2).value or []
            grid = grids[name]
            return grid[header_row - 1] if len(grid) >= header_row else []

        name = append_target(sheet, self.sheet_names(), header_of)
        if name is None:
            return self.add_sheet(sheet)
        grid = grids[name]
        last = len(grid)
        while last > header_row and all(v in (None, "") for v in grid[last - 1]):
            last -= 1
        if not sheet.rows:
            return name
        ws = self.book.sheets[name]
        first, end = last + 1, last + len(sheet.rows)
        width = max([len(sheet.header), *(len(r) for r in sheet.rows), 1])
        for col in sheet.text_columns:
            letter = column_letter(col)
            ws.range(f"{letter}{first}:{letter}{end}").number_format = "@"
        ws.range((first, 1), (end, width)).value = [_row(r, width) for r in sheet.rows]
        return name

    def fill_cells(self, values: Sequence[CellValue]) -> int:
        """One read of each column range concerned and one write per run of consecutive rows (never a cell
        that holds a value)."""
        names = set(self.sheet_names())
        runs: dict[tuple[str, str], dict[int, Any]] = {}
        for value in values:
            if value.sheet in names:
                runs.setdefault((value.sheet, value.column), {})[value.row] = value.value
        written = 0
        for (sheet, column), cells in runs.items():
            ws = self.book.sheets[sheet]
            first, last = min(cells), max(cells)
            current = ws.range(f"{column}{first}:{column}{last}").options(ndim=2).value or []
            empty = {row: v for row, v in cells.items()
                     if current[row - first][0] in (None, "")}
            for start, block in _runs(empty):
                ws.range(f"{column}{start}").value = [[excel_value(v)] for v in block]
                written += len(block)
        return written

    @property
    def path(self) -> Path | None:
        """The workbook's file on disk; ``None`` for a workbook never saved (``Book1``) or one opened from a
        web address (OneDrive, SharePoint): files written beside the workbook need a real folder."""
        name = str(self.book.fullname)
        if "://" in name or ("\\" not in name and "/" not in name):
            return None
        return Path(name)

    # -- helpers ---------------------------------------------------------------------------------------
    def _sheet(self, name: str) -> Any:
        if name not in self.sheet_names():
            raise AddinError("sheet.not-found", f"工作簿中没有名为“{name}”的工作表。", {"sheet": name})
        return self.book.sheets[name]


def _note(cell: Any, text: str) -> None:
    """Attach a note; replace one of ours, keep one the user wrote."""
    existing = cell.Comment
    if existing is not None:
        if not str(existing.Text()).startswith(NOTE_PREFIX):
            return
        existing.Delete()
    cell.AddComment(text)


def _runs(cells: dict[int, Any]) -> list[tuple[int, list[Any]]]:
    """Consecutive rows as (first row, values) blocks."""
    blocks: list[tuple[int, list[Any]]] = []
    for row in sorted(cells):
        if blocks and blocks[-1][0] + len(blocks[-1][1]) == row:
            blocks[-1][1].append(cells[row])
        else:
            blocks.append((row, [cells[row]]))
    return blocks


def rgb(fill: str) -> tuple[int, int, int]:
    """``"FFC7CE"`` → ``(255, 199, 206)`` (xlwings takes colours as RGB tuples)."""
    return int(fill[0:2], 16), int(fill[2:4], 16), int(fill[4:6], 16)


def join_addresses(addresses: Iterable[str]) -> list[str]:
    """Group cell addresses into comma-separated multi-area addresses Excel accepts (≤ 255 characters)."""
    groups: list[str] = []
    current = ""
    for address in addresses:
        if current and len(current) + 1 + len(address) > _ADDRESS_LIMIT:
            groups.append(current)
            current = ""
        current = f"{current},{address}" if current else address
    if current:
        groups.append(current)
    return groups


def _row(values: Sequence[Any], width: int) -> list[Any]:
    cells = [excel_value(v) for v in values]
    return cells + [None] * (width - len(cells))


def excel_value(value: Any) -> Any:
    """A value as Excel must receive it: lists joined with 、, dates as datetimes, and text that Excel would
    turn into a number, date or formula protected by a leading apostrophe (Excel stores the text as is)."""
    if isinstance(value, list | tuple | set | frozenset):
        value = "、".join(str(v) for v in value)
    if isinstance(value, str):
        return "'" + value if _needs_quote(value) else value
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _needs_quote(text: str) -> bool:
    return looks_typed(text)
