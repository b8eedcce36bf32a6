"""Use case: validate a workbook (校验) — the live one through the ribbon, files through the command line.

:func:`validate_book` works on any :class:`~addin.ports.WorkbookPort`; :func:`validate_path` opens a file
read-only (python-calamine, fast) and turns an unusable file into a report with status ``unreadable`` and the
Chinese reason, so that a folder of submissions is checked to the end whatever one file holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from addin.adapters.listing import shown
from addin.adapters.readers import open_reader
from addin.core.catalogue import CATALOGUE, issue
from addin.core.errors import AddinError
from addin.core.issues import Issue, count
from addin.core.layout import SheetLayout
from addin.core.table import Table
from addin.core.validation import check_tables
from addin.core.validation.book import in_sheet_order
from addin.core.validation.scan import SheetRows
from addin.ports import WorkbookPort
from addin.schemas import load_schemas
from addin.services.layouts import InputSheets, input_sheets, with_header_issues

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
    layouts: tuple[SheetLayout, ...] = ()  # every sheet looked at: what it was recognised as, and why


@dataclass(frozen=True, slots=True)
class FileReport(_Counted):
    """:class:`BookReport` of a file, or ``unreadable`` with one issue that gives the reason."""

    path: str
    status: str
    issues: tuple[Issue, ...]
    sheets_found: tuple[str, ...] = field(default=())
    rows: int = 0  # data rows read (all sheets)
    layouts: tuple[SheetLayout, ...] = field(default=())


def validate_book(book: WorkbookPort, *, today: dt.date) -> BookReport:
    """Every rule on the input sheets the workbook holds, read where they are. Raises :class:`AddinError`
    (``file.no-known-sheet``, with what each sheet looked like) when it holds none of them."""
    schemas = load_schemas()
    found = input_sheets(book, schemas)
    if not found.chosen and found.settings is None:
        raise AddinError("file.no-known-sheet", no_known_sheet(found))
    tables: dict[str, Table | SheetRows] = {kind: src.sheet_rows() for kind, src in found.chosen.items()}
    if found.settings is not None:
        tables["settings"] = book.read_table(found.settings)
    checked = check_tables(tables, schemas, today=today)
    issues = with_header_issues(list(checked.issues), found.chosen.values())
    rows = sum(len(read.rows) for read in checked.reads.values())
    for other in found.others:
        alone = check_tables({other.layout.kind or "": other.sheet_rows()}, schemas, today=today)
        issues += with_header_issues([i for i in alone.issues if i.sheet == other.sheet], [other])
        rows += sum(len(read.rows) for read in alone.reads.values())
        first = found.chosen[other.layout.kind or ""]
        issues.append(issue("sheet.same-kind", sheet=other.sheet, kind=schemas[other.layout.kind or ""].sheet,
                            reason=other.layout.reason, used=first.sheet))
    ordered = in_sheet_order(issues, schemas, tables)
    status = INVALID if any(i.is_error for i in ordered) else OK
    names = tuple(found.chosen[kind].sheet if kind in found.chosen else found.settings or ""
                  for kind in checked.kinds)
    return BookReport(tuple(ordered), status, names, rows, tuple(found.layouts))


def no_known_sheet(found: InputSheets) -> str:
    """Why no sheet of a workbook was taken for a list, sheet by sheet."""
    names = "、".join(s.sheet for s in load_schemas().values())
    lines = [f"工作簿中没有可识别的工作表（应至少包含以下之一，或列名与之相符：{names}）。"]
    lines += [f"工作表“{layout.sheet}”：{layout.reason}" for layout in found.layouts[:10]]
    return "\n".join(lines) + "\n请改用标准工作表名，或用 ssj import 按列名对照导入。"


def validate_path(path: Path, *, today: dt.date) -> FileReport:
    """Open ``path`` read-only and validate it; an unusable file gives status ``unreadable``."""
    try:
        book = open_reader(path)
        try:
            report = validate_book(book, today=today)
        finally:
            book.close()
    except AddinError as err:
        return FileReport(shown(path), UNREADABLE, (unreadable_issue(err),))
    return FileReport(shown(path), report.status, report.issues, report.sheets_found, report.rows, report.layouts)


def unreadable_issue(err: AddinError) -> Issue:
    """The one issue of an unreadable file: the AddinError's code when catalogued, else ``file.unreadable``."""
    code = err.code if err.code in CATALOGUE and err.code.startswith("file.") else "file.unreadable"
    return issue(code, reason=err.message)
