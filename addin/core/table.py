"""A sheet as the core sees it: a header and rows that remember the Excel row number a user sees.

Adapters build a :class:`Table`; the core never sees a cell object. Values are already normalised by the
adapter (see :func:`normalise_cell`): integral floats → ``int``, ``''`` → ``None``, datetimes at midnight →
``date``, strings stripped.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_SPACES = re.compile(r"\s+", re.UNICODE)


def normalise_header(text: object) -> str:
    """The form in which header texts are compared: NFKC, no white space at all (also U+3000)."""
    if text is None:
        return ""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(text)))


class CellError(str):
    """A formula's error value as Excel shows it (``#N/A``, ``#DIV/0!``, ``#REF!``, ``#VALUE!`` …): text to
    whoever reads it as text, and recognised by the validation (``schema.formula-error``) — never a blank."""

    __slots__ = ()


def normalise_cell(value: object) -> Any:
    """Normalise a raw cell value read by an adapter (the single definition every adapter uses)."""
    if value is None:
        return None
    if value.__class__ is CellError:
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date()
        return value
    if isinstance(value, str):
        stripped = value.strip().strip("\u3000").strip()
        return stripped or None
    return value


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    if index < 0:
        raise ValueError(index)
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Excel letters → 0-based column index (A → 0)."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - 64)
    return index - 1


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: ``number`` is the row number Excel shows (the header row counts)."""

    number: int
    values: tuple[Any, ...]

    def get(self, index: int | None) -> Any:
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def is_blank(self) -> bool:
        return all(v is None for v in self.values)


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet: its name, the header texts as found (stripped), and the data rows below the header.

    Trailing blank rows are dropped by the adapters; blank rows in the middle are kept (with their numbers)
    so that positions stay right, and are skipped by :meth:`data_rows`.
    """

    sheet: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    header_row: int = 1

    def index(self, name: str) -> int | None:
        """Position of the column whose header matches ``name`` after :func:`normalise_header`."""
        wanted = normalise_header(name)
        for i, text in enumerate(self.header):
            if normalise_header(text) == wanted:
                return i
        return None

    def data_rows(self) -> Iterator[Row]:
        return (row for row in self.rows if not row.is_blank())

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(Excel row, {normalised header: value}) for every non-blank row; unnamed columns are left out."""
        names = [normalise_header(h) for h in self.header]
        for row in self.data_rows():
            yield row.number, {n: v for n, v in zip(names, row.values, strict=False) if n}


def trim_trailing_blank(rows: list[Row]) -> list[Row]:
    """Drop blank rows at the end (Excel often keeps formatted but empty rows)."""
    end = len(rows)
    while end and rows[end - 1].is_blank():
        end -= 1
    return rows[:end]
