"""Use case: validate a workbook (校验) — the live one through the ribbon, files through the command line.

:func:`validate_book` works on any :class:`~addin.ports.WorkbookPort`; :func:`validate_path` opens a file
read-only (python-calamine, fast) and turns an unusable file into a report with status ``unreadable`` and the
Chinese reason, so that a folder of submissions is checked to the end whatever one file holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from addin.adapters.calamine_book import CalamineBook
from addin.core.catalogue import CATALOGUE, issue
from addin.core.errors import AddinError
from addin.core.issues import Issue, count
from addin.core.table import Table
from addin.core.validation import check_tables, recognise
from addin.core.validation.scan import SheetRows
from addin.ports import WorkbookPort
from addin.schemas import load_schemas

OK, INVALID, UNREADABLE = "ok", "invalid", "unreadable"


class _Counted:
    """Errors and warnings counted from ``issues``."""

    __slots__ = ()
    issues: tuple[Issue, ...]

    @property
    def errors(self) -> int:
        return count(self.issues)[0]

    @property
    def warnings(self) -> int:
        return count(self.issues)[1]


@dataclass(frozen=True, slots=True)
class BookReport(_Counted):
    """The validation of one workbook: its issues (sorted), ``status`` ``ok`` (no error; warnings allowed) or
    ``invalid``, and the input sheets found (their names in the workbook, in contract order)."""

    issues: tuple[Issue, ...]
    status: str
    sheets_found: tuple[str, ...]
    rows: int = 0  # data rows read (all sheets)


@dataclass(frozen=True, slots=True)
class FileReport(_Counted):
    """:class:`BookReport` of a file, or ``unreadable`` with one issue that gives the reason."""

    path: str
    status: str
    issues: tuple[Issue, ...]
    sheets_found: tuple[str, ...] = field(default=())
    rows: int = 0  # data rows read (all sheets)


def validate_book(book: WorkbookPort, *, today: dt.date) -> BookReport:
    """Every rule on the input sheets the workbook holds. Raises :class:`AddinError` (``file.no-known-sheet``)
    when it holds none of them: then it is not a workbook of this kind at all."""
    schemas = load_schemas()
    found = recognise(book.sheet_names(), schemas)
    if not found:
        names = "、".join(s.sheet for s in schemas.values())
        raise AddinError("file.no-known-sheet",
                         f"工作簿中没有可识别的工作表（应至少包含以下之一：{names}）。请使用模板填写。")
    tables: Mapping[str, Table | SheetRows] = {kind: _source(book, kind, name) for kind, name in found.items()}
    checked = check_tables(tables, schemas, today=today)
    status = INVALID if any(i.is_error for i in checked.issues) else OK
    rows = sum(len(read.rows) for read in checked.reads.values())
    return BookReport(checked.issues, status, tuple(found[kind] for kind in checked.kinds), rows)


@runtime_checkable
class RowStreams(Protocol):
    """A workbook that can hand a sheet over as a stream of raw rows (the calamine adapter): the validation
    then never builds a Table of the sheet."""

    def stream(self, sheet: str) -> SheetRows: ...


def _source(book: WorkbookPort, kind: str, name: str) -> Table | SheetRows:
    if kind != "settings" and isinstance(book, RowStreams):
        return book.stream(name)
    return book.read_table(name)


def validate_path(path: Path, *, today: dt.date) -> FileReport:
    """Open ``path`` read-only and validate it; an unusable file gives status ``unreadable``."""
    try:
        book = CalamineBook.read(path)
        try:
            report = validate_book(book, today=today)
        finally:
            book.close()
    except AddinError as err:
        return FileReport(str(path), UNREADABLE, (unreadable_issue(err),))
    return FileReport(str(path), report.status, report.issues, report.sheets_found, report.rows)


def unreadable_issue(err: AddinError) -> Issue:
    """The one issue of an unreadable file: the AddinError's code when catalogued, else ``file.unreadable``."""
    code = err.code if err.code in CATALOGUE and err.code.startswith("file.") else "file.unreadable"
    return issue(code, reason=err.message)
