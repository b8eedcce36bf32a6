"""Use case: write sheets built by the reporters into a **new** workbook file (e.g. the 校验结果 report).

The file is written atomically and never over one of the inputs (``addin.adapters.files.atomic_write``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from addin.adapters.files import atomic_write
from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.ports import SheetOut


def write_workbook(sheets: Sequence[SheetOut], target: Path, *, inputs: Sequence[Path] = ()) -> Path:
    """A new .xlsx at ``target`` holding ``sheets`` in order; returns the path written."""
    book = OpenpyxlBook.new()
    for sheet in sheets:
        book.add_sheet(sheet)
    return atomic_write(target, lambda tmp: book.wb.save(tmp), inputs=tuple(inputs))
