"""The openpyxl adapter: workbook files on disk.

Two ways in: :meth:`OpenpyxlBook.read` (read-only streaming, for validation: values only, low memory) and
:meth:`OpenpyxlBook.edit` (full load that keeps formatting and VBA, for services that add sheets and save a
*new* file with :meth:`save_as`).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from addin.adapters.cell_errors import sheet_errors, with_errors
from addin.adapters.files import atomic_write, check_workbook_file
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
from addin.core.display import clip, shown
from addin.core.errors import AddinError
from addin.core.table import Row, Table, column_letter, normalise_cell, trim_trailing_blank
from addin.ports import FILL_HEADER, CellMark, CellValue, SheetOut, append_target, unique_sheet_name

TEXT_FORMAT = "@"
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=TITLE_PT)
HEADER_ALIGN = Alignment(vertical="center", horizontal="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
CENTRE = Alignment(vertical="center", horizontal="center", wrap_text=True)
NOTE_ALIGN = Alignment(vertical="top", wrap_text=True)
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


class OpenpyxlBook:
    """A workbook file behind the :class:`~addin.ports.WorkbookPort` protocol."""

    def __init__(self, wb: Workbook, path: Path | None = None, *, read_only: bool = False) -> None:
        self.wb = wb
        self.path = path
        self.read_only = read_only

    # -- opening ---------------------------------------------------------------------------------------
    @classmethod
    def read(cls, path: Path) -> OpenpyxlBook:
        """Open for reading values only (streaming). Raises ``AddinError`` for an unusable file."""
        return cls(_load(path, read_only=True), path, read_only=True)

    @classmethod
    def edit(cls, path: Path) -> OpenpyxlBook:
        """Open fully (formatting, VBA of an .xlsm kept) to add sheets and save as a new file."""
        return cls(_load(path, read_only=False), path)

    @classmethod
    def new(cls) -> OpenpyxlBook:
        wb = openpyxl.Workbook()
        default = wb.active
        if default is not None:
            wb.remove(default)
        return cls(wb)

    # -- the port --------------------------------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return list(self.wb.sheetnames)

    def read_table(self, sheet: str, header_row: int = 1) -> Table:
        if sheet not in self.wb.sheetnames:
            raise AddinError("sheet.not-found", f"工作簿中没有名为“{sheet}”的工作表。", {"sheet": sheet})
        ws = self.wb[sheet]
        header: tuple[str, ...] = ()
        rows: list[Row] = []
        try:
            for number, values in self._with_errors(sheet, enumerate(ws.iter_rows(values_only=True), start=1)):
                if number < header_row:
                    continue
                if number == header_row:
                    header = tuple("" if v is None else str(v).strip() for v in values)
                    continue
                rows.append(Row(number, tuple(normalise_cell(v) for v in values)))
        except (SyntaxError, KeyError, OSError, ValueError, TypeError, zipfile.BadZipFile) as err:
            # read-only mode parses the sheet's XML lazily: a damaged sheet fails here, not at opening
            # (xml.etree's ParseError is a SyntaxError)
            raise AddinError("file.corrupt", f"工作表“{sheet}”无法读取（文件可能已损坏）：{err}",
                             {"sheet": sheet}) from err
        while header and header[-1] == "":
            header = header[:-1]
        return Table(sheet, header, tuple(trim_trailing_blank(rows)), header_row)

    def rows(self, sheet: str) -> Iterator[tuple[int, Sequence[Any]]]:
        """``(Excel row number, raw cells from column A)`` of every row from row 1, lazily."""
        if sheet not in self.wb.sheetnames:
            raise AddinError("sheet.not-found", f"工作簿中没有名为“{sheet}”的工作表。", {"sheet": sheet})
        ws = self.wb[sheet]

        def read() -> Iterator[tuple[int, Sequence[Any]]]:
            try:
                yield from self._with_errors(sheet, enumerate(ws.iter_rows(values_only=True), start=1))
            except (SyntaxError, KeyError, OSError, ValueError, TypeError, zipfile.BadZipFile) as err:
                raise AddinError("file.corrupt", f"工作表“{sheet}”无法读取（文件可能已损坏）：{err}",
                                 {"sheet": sheet}) from err

        return read()

    def _with_errors(self, sheet: str, rows: Iterator[tuple[int, Sequence[Any]]]) -> Iterator[tuple[int, Sequence[Any]]]:
        """Formula error values (openpyxl reads ``#N/A`` as text) as :class:`CellError`, as the other readers
        give them — so that validate and freeze read the same cells."""
        if self.path is None or not zipfile.is_zipfile(self.path):
            return rows
        return with_errors(rows, sheet_errors(self.path, sheet))

    def merged(self, sheet: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """Merged ranges, 0-based ((first row, first column), (last row, last column)); none when read-only
        (streaming does not keep them)."""
        ws = self.wb[sheet]
        ranges = getattr(ws, "merged_cells", None)
        if ranges is None:
            return []
        return [((r.min_row - 1, r.min_col - 1), (r.max_row - 1, r.max_col - 1)) for r in ranges.ranges]

    def add_sheet(self, sheet: SheetOut) -> str:
        self._require_writable()
        name = unique_sheet_name(sheet.name, self.sheet_names())
        ws = self.wb.create_sheet(name)
        write_sheet(ws, sheet)
        return name

    def mark_cells(self, marks: Sequence[CellMark]) -> None:
        self._require_writable()
        for mark in marks:
            if mark.sheet not in self.wb.sheetnames:
                continue
            cell = self.wb[mark.sheet][f"{mark.column}{mark.row}"]
            cell.fill = PatternFill("solid", fgColor=mark.fill)
            cell.comment = Comment(mark.note, "ssj")

    def fill_cells(self, values: Sequence[CellValue]) -> int:
        self._require_writable()
        written = 0
        for value in values:
            if value.sheet not in self.wb.sheetnames:
                continue
            cell = self.wb[value.sheet][f"{value.column}{value.row}"]
            if cell.value in (None, ""):
                cell.value = _cell_value(value.value)
                if isinstance(value.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                written += 1
        return written

    def append_rows(self, sheet: SheetOut) -> str:
        self._require_writable()
        header_row = len(sheet.preamble) + 1
        name = append_target(sheet, self.sheet_names(), lambda n: [c.value for c in self.wb[n][header_row]])
        if name is None:
            return self.add_sheet(sheet)
        ws = self.wb[name]
        start = _last_row(ws, header_row) + 1
        for offset, values in enumerate(sheet.rows):
            _put_row(ws, start + offset, values, sheet.text_columns)
        if ws.auto_filter.ref and sheet.header:
            last = column_letter(len(sheet.header) - 1)
            ws.auto_filter.ref = f"A{header_row}:{last}{max(_last_row(ws, header_row), header_row + 1)}"
        return name

    # -- saving ----------------------------------------------------------------------------------------
    def save_as(self, target: Path) -> Path:
        """Save atomically to a new file; never over the workbook this book was read from."""
        self._require_writable()
        inputs = (self.path,) if self.path else ()
        return atomic_write(target, lambda tmp: self.wb.save(tmp), inputs=inputs)

    def close(self) -> None:
        if self.read_only:
            self.wb.close()

    def _require_writable(self) -> None:
        if self.read_only:
            raise AddinError("book.read-only", "该工作簿以只读方式打开，不能写入。")


def _load(path: Path, *, read_only: bool) -> Workbook:
    check_workbook_file(path)
    keep_vba = path.suffix.lower() == ".xlsm"
    # openpyxl judges by the extension: .xlsx content under another name (.xls, .et) is handed over as a stream
    source: Any = path if path.suffix.lower() in (".xlsx", ".xlsm", ".xltx", ".xltm") else io.BytesIO(path.read_bytes())
    try:
        return openpyxl.load_workbook(source, read_only=read_only, data_only=True, keep_vba=keep_vba)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as err:
        # SyntaxError: xml.etree's ParseError, for a damaged XML part
        raise AddinError("file.corrupt", f"工作簿无法读取（文件可能已损坏）：{err}", {"path": str(path)}) from err


def write_sheet(ws: Worksheet, sheet: SheetOut) -> None:
    """Fill a fresh worksheet from a :class:`SheetOut`: preamble, bold header, rows, fills, widths, and the
    print setup of :mod:`addin.adapters.page_layout` (A4, fitted to the page width, legible)."""
    page = layout(sheet)
    for values in sheet.preamble:
        ws.append([_cell_value(v) for v in values])
    header_row = page.header_row
    ws.append([_cell_value(v) for v in sheet.header])
    for cell in ws[header_row]:
        cell.font = BOLD
        cell.fill = PatternFill("solid", fgColor=FILL_HEADER)
        cell.alignment = HEADER_ALIGN
        if sheet.borders:
            cell.border = BOX
    for offset, values in enumerate(sheet.rows):
        _put_row(ws, header_row + 1 + offset, values, sheet.text_columns)
    for index, colour in sheet.row_fills.items():
        fill = PatternFill("solid", fgColor=colour)
        for cell in ws[header_row + 1 + index]:
            cell.fill = fill
    if sheet.freeze_header:
        ws.freeze_panes = f"A{header_row + 1}"
    if sheet.autofilter and sheet.header:
        last = column_letter(len(sheet.header) - 1)
        ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(sheet.rows), 1)}"
    if sheet.hidden:
        ws.sheet_state = "hidden"
    apply_layout(ws, page, borders=sheet.borders)


def fill_list(ws: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Any]], text_columns: Sequence[int]) -> None:
    """Make ``ws`` hold exactly ``header`` (row 1) and ``rows`` below it, keeping the sheet's formats (the
    template's text and date formats, widths, drop-downs): every cell is written or cleared. When the existing
    header was in another order, the sheet's drop-downs (tied to column letters) are removed."""
    old = [c.value for c in ws[1]] if ws.max_row >= 1 else []
    if [v for v in old if v not in (None, "")] != list(header[:len([v for v in old if v not in (None, "")])]):
        ws.data_validations.dataValidation = []
    width = max(ws.max_column, len(header))
    last = max(ws.max_row, len(rows) + 1)
    for col in range(1, width + 1):
        cell = ws.cell(1, col, header[col - 1] if col <= len(header) else None)
        if col <= len(header):
            cell.font = BOLD
            cell.alignment = HEADER_ALIGN
            if cell.fill is None or cell.fill.fgColor.rgb in (None, "00000000"):
                cell.fill = PatternFill("solid", fgColor=FILL_HEADER)
    for offset, values in enumerate(rows):
        _put_row(ws, offset + 2, list(values) + [None] * (width - len(values)), text_columns)
    for row in range(len(rows) + 2, last + 1):
        for col in range(1, width + 1):
            ws.cell(row, col).value = None
    ws.freeze_panes = "A2"


def apply_layout(ws: Worksheet, page: PageLayout, *, borders: bool = False) -> None:
    """Widths, wrapped body cells, row heights, merged titles and the A4 page setup of ``page``."""
    for i, width in enumerate(page.widths):
        ws.column_dimensions[column_letter(i)].width = width
    for row in range(page.header_row + 1, page.last_row + 1):
        for cell in ws[row][: page.printed]:
            cell.alignment = WRAP
            if borders:
                cell.border = BOX
    for row in page.title_rows:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=page.merge_to)
        ws.cell(row, 1).font = TITLE_FONT
        ws.cell(row, 1).alignment = CENTRE
    for row in page.note_rows:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=page.merge_to)
        ws.cell(row, 1).alignment = NOTE_ALIGN
    for row, height in page.heights.items():
        ws.row_dimensions[row].height = height
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = ws.ORIENTATION_LANDSCAPE if page.landscape else ws.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    setup.fitToWidth = page.pages_wide
    setup.fitToHeight = 0
    ws.print_title_rows = f"{page.header_row}:{page.header_row}"
    if page.repeat_columns:
        ws.print_title_cols = f"A:{column_letter(page.repeat_columns - 1)}"
    ws.print_area = page.print_area
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins
    margins.left = margins.right = MARGIN_SIDE_IN
    margins.top, margins.bottom, margins.footer = MARGIN_TOP_IN, MARGIN_BOTTOM_IN, FOOTER_IN
    ws.oddFooter.center.text = FOOTER


def _put_row(ws: Worksheet, row: int, values: Sequence[Any], text_columns: Sequence[int]) -> None:
    """One data row: codes in ``text_columns`` stored as text cells formatted as text (a code read from a
    user's workbook as a number, 121405994136650866, is written as its digits), times shown to the second,
    and a value copied from a user's workbook that starts with "=" kept as text (never a formula)."""
    for col, value in enumerate(values, 1):
        if col - 1 in text_columns and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(int(value)) if float(value).is_integer() else str(value)
        cell = ws.cell(row, col, _cell_value(value))
        if cell.data_type == "f":
            cell.data_type = "s"
        if isinstance(value, dt.datetime):
            cell.number_format = TIME_FORMAT
    for col in text_columns:
        ws.cell(row, col + 1).number_format = TEXT_FORMAT


def _last_row(ws: Worksheet, header_row: int) -> int:
    """The last row holding a value (at least the header row)."""
    row = ws.max_row
    while row > header_row and all(c.value in (None, "") for c in ws[row]):
        row -= 1
    return max(row, header_row)


CELL_LIMIT = 32_000  # Excel holds at most 32,767 characters in a cell


def _cell_value(value: Any) -> Any:
    """Lists become 、-joined text; text that a cell cannot hold is made so that it can — control characters
    (a user's cell read as ``_x0001_``) as escapes (``\\x01``), more than Excel's 32,767 characters cut with a
    note of the full length; a number beyond the double range as words. Everything else is written as is."""
    if isinstance(value, list | tuple | set | frozenset):
        value = "、".join(str(v) for v in value)
    if isinstance(value, str):
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
        return clip(value, CELL_LIMIT)
    if isinstance(value, float) and not math.isfinite(value):
        return shown(value)
    return value
