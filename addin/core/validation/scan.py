"""Reading a sheet column by column, at close to the speed of the file reader.

A sheet arrives as a stream of rows (:class:`SheetRows`: raw cells as the adapter reads them, or the
normalised rows of a :class:`~addin.core.table.Table` — :func:`~addin.core.table.normalise_cell` is applied
here and is idempotent). Rows are taken in chunks; each chunk is turned into columns, and each column is
checked by its compiled rule (:mod:`addin.core.validation.rules`) **once per distinct value**: categories,
乡镇, enumerations and dates repeat a lot, and a cell that is fine costs one dictionary look-up. An
:class:`~addin.core.issues.Issue` is only built for a cell that is actually wrong.

Only the columns asked for are kept (``keep``), as plain lists aligned with the Excel row numbers of the
non-blank rows: a 1,000,000-row registry keeps its key and the columns other sheets refer to, not 15 million
cells. The findings are exactly those of checking every cell (``tests/validation/test_differential.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, islice, zip_longest
from operator import itemgetter
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue, Severity
from addin.core.table import Table, normalise_cell
from addin.core.validation.rules import FieldRule, Finding

CHUNK_ROWS = 4096
MEMO_LIMIT = 65_536  # distinct values remembered per column; a column of unique codes just starts again

# A checked cell: (typed value, JSON instance value, findings, missing, blank, has_error).
# ``missing``: the field has no value (blank, or a multi-value cell of separators only);
# ``blank``: the cell itself is empty (for telling blank rows).
Cell = tuple[Any, Any, tuple[Finding, ...], bool, bool, bool]
BLANK: Cell = (None, None, (), True, True, False)
_SAFE_KEYS = (str, dt.date, dt.datetime, type(None))  # types that never compare equal to another type's value
_FINDINGS, _MISSING, _BLANK = itemgetter(2), itemgetter(3), itemgetter(4)


@dataclass(frozen=True, slots=True)
class SheetRows:
    """A sheet as a stream: its name, the header texts, and ``(Excel row number, cells)`` for the rows below
    the header (blank rows may be included; they are skipped)."""

    sheet: str
    header: tuple[str, ...]
    rows: Iterable[tuple[int, Sequence[Any]]]
    header_row: int = 1


def rows_of(table: Table) -> SheetRows:
    return SheetRows(table.sheet, table.header, ((row.number, row.values) for row in table.rows),
                     table.header_row)


class ColumnScan:
    """One matched column: its rule, its position, and a memo of the cells already checked."""

    __slots__ = ("_memo", "_memo_other", "index", "keep", "letter", "name", "required", "rule", "today")

    def __init__(self, rule: FieldRule, index: int, letter: str, today: dt.date, *, keep: bool) -> None:
        self.rule = rule
        self.name = rule.spec.name
        self.required = rule.spec.required
        self.index = index
        self.letter = letter
        self.today = today
        self.keep = keep
        self._memo: dict[Any, Cell] = {}  # raw value → cell, for str, dates and None
        self._memo_other: dict[tuple[type, Any], Cell] = {}  # numbers and the rest: 1 == 1.0 == True

    def cells(self, column: Sequence[Any]) -> list[Cell | None]:
        """The checked cell of every raw value of ``column`` (a chunk of the sheet's column)."""
        memo = self._memo
        found: list[Cell | None] = list(map(memo.get, column))
        if None in found:
            for i, cell in enumerate(found):
                if cell is None:
                    found[i] = self._miss(column[i])
        return found

    def _miss(self, raw: Any) -> Cell:
        cls = raw.__class__
        if cls in _SAFE_KEYS:
            memo: dict[Any, Cell] = self._memo
            key: Any = raw
        else:
            memo, key = self._memo_other, (cls, raw)
            cell = memo.get(key)
            if cell is not None:
                return cell
        cell = self._check(raw)
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[key] = cell
        return cell

    def _check(self, raw: Any) -> Cell:
        value = normalise_cell(raw)
        if value is None:
            return BLANK
        outcome = self.rule.check(value, self.today)
        if outcome.instance is None:  # a multi-value cell of separators only: no value, nothing to report
            return (None, None, (), True, False, False)
        has_error = outcome.has_error
        return (outcome.value, outcome.instance, outcome.findings, False, False, has_error)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan gives: the Excel rows of the non-blank rows, the kept columns (aligned with ``rows``),
    the JSON instance columns when asked for, and the issues of the cells in row, then field order."""

    rows: list[int]
    data: dict[str, list[Any]]
    instances: dict[str, list[Any]] | None
    issues: list[Issue]


def scan(source: SheetRows, scans: Sequence[ColumnScan], *, instances: bool = False) -> ScanResult:
    """Check every cell of the matched columns of ``source`` (``scans``, in schema field order)."""
    rows: list[int] = []
    data: dict[str, list[Any]] = {s.name: [] for s in scans if s.keep}
    inst: dict[str, list[Any]] | None = {s.name: [] for s in scans} if instances else None
    issues: list[Issue] = []
    for numbers, chunk in _chunks(iter(source.rows)):
        _scan_chunk(source.sheet, numbers, chunk, scans, rows, data, inst, issues)
    return ScanResult(rows, data, inst, issues)


def _chunks(rows: Iterator[tuple[int, Sequence[Any]]]) -> Iterator[tuple[list[int], list[Sequence[Any]]]]:
    while batch := list(islice(rows, CHUNK_ROWS)):
        yield list(map(itemgetter(0), batch)), list(map(itemgetter(1), batch))


def _columns(chunk: list[Sequence[Any]]) -> list[Sequence[Any]]:
    if len(set(map(len, chunk))) == 1:
        return list(zip(*chunk, strict=True))
    return list(zip_longest(*chunk, fillvalue=None))


def _scan_chunk(sheet: str, numbers: list[int], chunk: list[Sequence[Any]], scans: Sequence[ColumnScan],
                rows: list[int], data: dict[str, list[Any]], inst: dict[str, list[Any]] | None,
                issues: list[Issue]) -> None:
    n = len(chunk)
    columns = _columns(chunk)
    nothing = (None,) * n
    checked: list[list[Cell | None]] = []
    candidates: set[int] | None = None  # rows blank in every matched column so far
    for s in scans:
        cells = s.cells(columns[s.index] if s.index < len(columns) else nothing)
        checked.append(cells)
        if candidates is None or candidates:
            blank = set(compress(range(n), map(_BLANK, cells)))  # type: ignore[arg-type]
            candidates = blank if candidates is None else candidates & blank
    blank_rows = {i for i in (range(n) if candidates is None else candidates)
                  if all(normalise_cell(v) is None for v in chunk[i])}
    keep_rows = None if not blank_rows else [i for i in range(n) if i not in blank_rows]
    rows.extend(numbers if keep_rows is None else [numbers[i] for i in keep_rows])
    bad: list[tuple[int, int, Cell]] = []
    for position, (s, cells) in enumerate(zip(scans, checked, strict=True)):
        for i in compress(range(n), map(_FINDINGS, cells)):  # type: ignore[arg-type]
            if i not in blank_rows:
                bad.append((i, position, cells[i]))  # type: ignore[arg-type]
        if s.required:
            for i in compress(range(n), map(_MISSING, cells)):  # type: ignore[arg-type]
                if i not in blank_rows:
                    bad.append((i, position, cells[i]))  # type: ignore[arg-type]
        if s.keep:
            values = [c[0] for c in cells]  # type: ignore[index]
            data[s.name].extend(values if keep_rows is None else [values[i] for i in keep_rows])
        if inst is not None:
            values = [c[1] for c in cells]  # type: ignore[index]
            inst[s.name].extend(values if keep_rows is None else [values[i] for i in keep_rows])
    bad.sort(key=itemgetter(0, 1))
    for i, position, cell in bad:
        s = scans[position]
        if cell[3]:  # missing (a missing cell has no findings: see ColumnScan._check)
            issues.append(issue("schema.required", sheet=sheet, row=numbers[i], column=s.letter, field=s.name))
        else:
            issues.extend(issue(f.code, sheet=sheet, row=numbers[i], column=s.letter, field=s.name,
                                value=f.value, **f.params) for f in cell[2])


def error_fields(issues: Iterable[Issue]) -> dict[int, set[str]]:
    """Excel row → the fields with an error among ``issues`` (what :attr:`Record.errors` holds)."""
    found: dict[int, set[str]] = {}
    for i in issues:
        if i.severity is Severity.ERROR and i.row is not None and i.field is not None:
            found.setdefault(i.row, set()).add(i.field)
    return found
