"""Formula error values of an .xlsx sheet (``#N/A``, ``#DIV/0!`` …), which python-calamine reads as blanks.

A cell whose formula fails is stored as ``<c r="F3" t="e"><f>…</f><v>#N/A</v></c>``. Read as a blank, a
``#N/A`` left by a VLOOKUP in 信用风险分类 would make the business 未分类 without a word; this module finds those
cells in the sheet XML (streamed, a few MB at a time) so that the reader can hand them on as
:class:`~addin.core.table.CellError` and the validation report them at their cell.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from addin.adapters.sheet_parts import sheet_member
from addin.core.table import CellError

_BLOCK = 8 * 1024 * 1024
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?\bt="e"[^>]*)>(.*?)</(?:\w+:)?c>', re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]{1,32})</(?:\w+:)?v>")

Errors = dict[int, dict[int, str]]  # Excel row → 0-based column → the error text


def _column(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1


def errors_in(data: bytes, found: Errors) -> None:
    """Add the error cells of a piece of sheet XML (whole cells only) to ``found``."""
    if b't="e"' not in data:
        return
    for match in _ERROR_CELL.finditer(data):
        ref, value = _REF.search(match.group(1)), _VALUE.search(match.group(2))
        if ref is None:  # a cell without its reference cannot be placed (rare writers): left as read
            continue
        text = value.group(1).decode("utf-8", "replace") if value else "#VALUE!"
        found.setdefault(int(ref.group(2)), {})[_column(ref.group(1))] = text


def sheet_errors(path: Path, sheet: str) -> Errors:
    """The error cells of ``sheet`` in the .xlsx package ``path`` (empty when none, or the sheet not found)."""
    found: Errors = {}
    try:
        with zipfile.ZipFile(path) as zf:
            member = sheet_member(zf, sheet)
            if member is None or member not in zf.NameToInfo:
                return found
            with zf.open(member) as stream:
                rest = b""
                while block := stream.read(_BLOCK):
                    data = rest + block
                    cut = data.rfind(b"</c>")  # scan whole cells; the tail joins the next block
                    cut = cut + 4 if cut >= 0 else 0
                    errors_in(data[:cut], found)
                    rest = data[cut:]
                errors_in(rest, found)
    except (OSError, zipfile.BadZipFile, KeyError, EOFError, ValueError):
        return found
    return found


def with_errors(rows: Iterator[tuple[int, Sequence[Any]]], errors: Errors) -> Iterator[tuple[int, Sequence[Any]]]:
    """``rows`` (Excel row number, cells from column A) with each error cell as :class:`CellError`."""
    if not errors:
        yield from rows
        return
    for number, values in rows:
        cells = errors.get(number)
        if cells:
            values = list(values)
            for col, text in cells.items():
                if col >= len(values):
                    values.extend([""] * (col + 1 - len(values)))
                if values[col] in ("", None, text):  # calamine reads a blank, openpyxl the error's text
                    values[col] = CellError(text)
        yield number, values
