"""The python-calamine adapter: fast, read-only access to workbook files for validation.

calamine (Rust) reads the cells several times faster than openpyxl and, unlike openpyxl, knows the Chinese
built-in date formats (number formats 27–36 and 50–58 that zh-CN Excel uses for 2024年5月1日 and the like).
What it returns, and what we make of it (through :func:`addin.core.table.normalise_cell`, the same as for
every adapter):

- every number is a ``float`` (``1.0``) → integral floats become ``int``; a code that Excel stored as a number
  comes back as its digits (an 18-digit code has already lost digits in Excel: the validator says so);
- date cells come back as ``date``/``datetime`` (midnight → ``date``);
- empty cells are ``''`` → ``None``; shared and inline strings are both plain ``str``;
- a formula gives its cached value (``''`` when the file was never calculated, like openpyxl's ``None``).

Every format calamine knows is read by its content (:func:`addin.adapters.formats.workbook_format`): .xlsx
content under an .xls name, an .xls or WPS .et file, an .ods. openpyxl stays for writing and for files whose
formatting must be kept; XML Spreadsheet 2003 has its own reader (:mod:`addin.adapters.xml2003`), and
:func:`addin.adapters.readers.open_reader` picks the reader for any file.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import count
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

from addin.adapters.cell_errors import Errors, sheet_errors, with_errors
from addin.adapters.formats import EXTENSIONS, XLSX, XML2003, workbook_format
from addin.adapters.sheet_parts import big_sheet, rows_in_parts
from addin.core.errors import AddinError
from addin.core.table import Row, Table, normalise_cell, trim_trailing_blank
from addin.core.validation.scan import SheetRows
from addin.ports import CellMark, CellValue, SheetOut


class CalamineBook:
    """A workbook file opened read-only with python-calamine (:class:`~addin.ports.WorkbookPort`)."""

    def __init__(self, workbook: CalamineWorkbook, path: Path, kind: str = XLSX) -> None:
        self._wb = workbook
        self.path = path
        self.kind = kind  # the format by content (addin.adapters.formats)
        self._loaded: tuple[str, Any] | None = None  # the last sheet calamine loaded (it loads a sheet whole)
        self._parts: set[str] = set()  # sheets read in parts (never loaded whole)

    @classmethod
    def read(cls, path: Path, kind: str | None = None) -> CalamineBook:
        """Open ``path`` (its format ``kind`` when already found by :func:`workbook_format`)."""
        kind = kind or workbook_format(path).kind
        if kind == XML2003:
            raise AddinError("file.not-a-workbook", "这是 XML 电子表格 2003，请用 addin.adapters.readers.open_reader 读取。")
        try:
            if path.suffix.lower() in EXTENSIONS[kind] and _utf8(path):
                workbook = CalamineWorkbook.from_path(str(path))
            else:
                # calamine chooses its reader by the extension, and takes only UTF-8 paths: give it the content
                with path.open("rb") as fh:
                    workbook = CalamineWorkbook.from_filelike(fh)
        except PasswordError as err:
            raise AddinError("file.encrypted", "工作簿设置了打开密码，无法读取。请在 Excel 中取消密码后另存为 .xlsx 再试。") from err
        except (CalamineError, XmlError, ZipError, OSError, ValueError) as err:
            raise AddinError("file.corrupt", f"工作簿无法读取（文件可能已损坏）：{err}", {"path": str(path)}) from err
        if not workbook.sheet_names:
            workbook.close()
            raise AddinError("file.corrupt", "工作簿中没有任何工作表（文件可能已损坏）。", {"path": str(path)})
        return cls(workbook, path, kind)

    def sheet_names(self) -> list[str]:
        return list(self._wb.sheet_names)

    def iter_raw_rows(self, sheet: str) -> Iterator[list[Any]]:
        """The sheet's rows as calamine returns them, from Excel's row 1 and column A, lazily.

        python-calamine (≥ 0.3) yields the rows from row 1, but starting at the first *used* column (issue
        #177 of python-calamine); we put the missing leading columns back, so that positions are Excel's.
        """
        if sheet not in self._wb.sheet_names:
            raise AddinError("sheet.not-found", f"工作簿中没有名为“{sheet}”的工作表。", {"sheet": sheet})
        ws = self._sheet(sheet)
        start, end = ws.start, ws.end
        if start is None or end is None:
            return iter(())
        first_col = start[1]
        rows: Iterator[list[Any]] = iter(ws.iter_rows())
        if first_col:
            pad = [""] * first_col
            rows = (pad + values if values else values for values in rows)
        return rows

    def rows(self, sheet: str) -> Iterator[tuple[int, Sequence[Any]]]:
        """``(Excel row number, raw cells from column A)`` for every row from row 1, lazily: no per-cell
        normalisation here (the validation normalises each distinct value once). A very large sheet is read
        in parts (:mod:`addin.adapters.sheet_parts`), so that memory stays bounded."""
        if sheet not in self._wb.sheet_names:
            raise AddinError("sheet.not-found", f"工作簿中没有名为“{sheet}”的工作表。", {"sheet": sheet})
        errors = self._errors(sheet)
        rows = self._in_parts(sheet) if self.kind == XLSX else None
        if rows is not None:
            self._parts.add(sheet)
            return with_errors(rows, errors())
        return with_errors(zip(count(1), self.iter_raw_rows(sheet)), errors())

    def _errors(self, sheet: str) -> Callable[[], Errors]:
        """The formula error values of the sheet (calamine reads them as blanks), to be put back as
        :class:`~addin.core.table.CellError` (.xlsx only). Found in a second pass over the sheet XML: about a
        tenth of calamine's own reading (not in a thread: under a worker's memory limit a thread's own malloc
        arena may be what fails)."""
        return partial(sheet_errors, self.path, sheet) if self.kind == XLSX else dict

    def merged(self, sheet: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """The merged cell ranges of the sheet, ((first row, first column), (last row, last column)), 0-based;
        empty when the format does not give them (.ods) or the sheet is read in parts."""
        if sheet in self._parts:
            return []
        try:
            ranges = self._sheet(sheet).merged_cell_ranges
        except (AddinError, CalamineError, XmlError, ZipError, ValueError):
            return []
        return [((a, b), (c, d)) for (a, b), (c, d) in ranges or ()]

    def _sheet(self, sheet: str) -> Any:
        if self._loaded is not None and self._loaded[0] == sheet:
            return self._loaded[1]
        try:
            ws = self._wb.get_sheet_by_name(sheet)
        except (CalamineError, XmlError, ZipError, ValueError) as err:
            raise AddinError("file.corrupt", f"工作表“{sheet}”无法读取：{err}", {"sheet": sheet}) from err
        self._loaded = (sheet, ws)
        return ws

    def stream(self, sheet: str) -> SheetRows:
        """The sheet as a stream of raw rows below its header (row 1), for :func:`read_sheet`: no Table (see
        :meth:`rows`)."""
        rows = self.rows(sheet)
        first = next(rows, None)
        if first is None or first[0] != 1:  # no header in row 1: an empty sheet (nothing below is read)
            return SheetRows(sheet, (), iter(()))
        return SheetRows(sheet, _header(first[1]), rows)

    def _in_parts(self, sheet: str) -> Iterator[tuple[int, list[Any]]] | None:
        try:
            zf = zipfile.ZipFile(self.path)
        except (OSError, zipfile.BadZipFile):
            return None
        member = big_sheet(zf, sheet)
        rows = rows_in_parts(zf, member, sheet) if member is not None else None
        if rows is None:
            zf.close()
            return None
        return _closing(rows, zf, sheet)

    def read_table(self, sheet: str, header_row: int = 1) -> Table:
        header: tuple[str, ...] = ()
        rows: list[Row] = []
        errors = self._errors(sheet)
        for number, values in with_errors(enumerate(self.iter_raw_rows(sheet), start=1), errors()):
            if number < header_row:
                continue
            if number == header_row:
                header = _header(values)
                continue
            rows.append(Row(number, tuple(normalise_cell(v) for v in values)))
        return Table(sheet, header, tuple(trim_trailing_blank(rows)), header_row)

    def add_sheet(self, sheet: SheetOut) -> str:
        raise AddinError("book.read-only", "该工作簿以只读方式打开，不能写入。")

    def mark_cells(self, marks: Sequence[CellMark]) -> None:
        raise AddinError("book.read-only", "该工作簿以只读方式打开，不能写入。")

    def append_rows(self, sheet: SheetOut) -> str:
        raise AddinError("book.read-only", "该工作簿以只读方式打开，不能写入。")

    def fill_cells(self, values: Sequence[CellValue]) -> int:
        raise AddinError("book.read-only", "该工作簿以只读方式打开，不能写入。")

    def close(self) -> None:
        self._loaded = None
        self._wb.close()


def _utf8(path: Path) -> bool:
    """Whether the path is valid UTF-8 (a name unpacked from a Windows archive may be GBK bytes)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _closing(rows: Iterator[tuple[int, list[Any]]], zf: zipfile.ZipFile,
             sheet: str) -> Iterator[tuple[int, list[Any]]]:
    try:
        yield from rows
    except (CalamineError, XmlError, ZipError, ValueError, zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise AddinError("file.corrupt", f"工作表“{sheet}”无法读取：{err}", {"sheet": sheet}) from err
    finally:
        zf.close()


def _header(values: Sequence[Any]) -> tuple[str, ...]:
    """Header texts as found (stripped), without trailing empty cells."""
    header = ["" if v is None or v == "" else str(v).strip() for v in values]
    while header and header[-1] == "":
        header.pop()
    return tuple(header)
