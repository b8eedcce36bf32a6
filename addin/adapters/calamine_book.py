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

openpyxl stays for writing and for files whose formatting must be kept.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator, Sequence
from itertools import count
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

from addin.adapters.files import check_workbook_file
from addin.adapters.sheet_parts import big_sheet, rows_in_parts
from addin.core.errors import AddinError
from addin.core.table import Row, Table, normalise_cell, trim_trailing_blank
from addin.core.validation.scan import SheetRows
from addin.ports import CellMark, CellValue, SheetOut


class CalamineBook:
    """A workbook file opened read-only with python-calamine (:class:`~addin.ports.WorkbookPort`)."""

    def __init__(self, workbook: CalamineWorkbook, path: Path) -> None:
        self._wb = workbook
        self.path = path

    @classmethod
    def read(cls, path: Path) -> CalamineBook:
        check_workbook_file(path)
        try:
            return cls(CalamineWorkbook.from_path(str(path)), path)
        except PasswordError as err:
            raise AddinError("file.encrypted", "工作簿设置了打开密码，无法读取。请在 Excel 中取消密码后另存为 .xlsx 再试。") from err
        except (CalamineError, XmlError, ZipError, OSError, ValueError) as err:
            raise AddinError("file.corrupt", f"工作簿无法读取（文件可能已损坏）：{err}", {"path": str(path)}) from err

    def sheet_names(self) -> list[str]:
        return list(self._wb.sheet_names)

    def iter_raw_rows(self, sheet: str) -> Iterator[list[Any]]:
        """The sheet's rows as calamine returns them, from Excel's row 1 and column A, lazily.

        python-calamine (≥ 0.3) yields the rows from row 1, but starting at the first *used* column (issue
        #177 of python-calamine); we put the missing leading columns back, so that positions are Excel's.
        """
        if sheet not in self._wb.sheet_names:
            raise AddinError("sheet.not-found", f"工作簿中没有名为“{sheet}”的工作表。", {"sheet": sheet})
        try:
            ws = self._wb.get_sheet_by_name(sheet)
        except (CalamineError, XmlError, ZipError, ValueError) as err:
            raise AddinError("file.corrupt", f"工作表“{sheet}”无法读取：{err}", {"sheet": sheet}) from err
        start, end = ws.start, ws.end
        if start is None or end is None:
            return iter(())
        first_col = start[1]
        rows: Iterator[list[Any]] = iter(ws.iter_rows())
        if first_col:
            pad = [""] * first_col
            rows = (pad + values if values else values for values in rows)
        return rows

    def stream(self, sheet: str) -> SheetRows:
        """The sheet as a stream of raw rows below its header (row 1), for :func:`read_sheet`: no Table and
        no per-cell normalisation here (the validation normalises each distinct value once). A very large
        sheet is read in parts (:mod:`addin.adapters.sheet_parts`), so that memory stays bounded."""
        if sheet not in self._wb.sheet_names:
            raise AddinError("sheet.not-found", f"工作簿中没有名为“{sheet}”的工作表。", {"sheet": sheet})
        rows = self._in_parts(sheet)
        if rows is None:
            rows = zip(count(1), self.iter_raw_rows(sheet))
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
        for number, values in enumerate(self.iter_raw_rows(sheet), start=1):
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
        self._wb.close()


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
