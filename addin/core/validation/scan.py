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
from itertools import compress, islice, repeat, zip_longest
from operator import itemgetter
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue, Severity
from addin.core.table import CellError, Table, normalise_cell
from addin.core.validation.rules import FieldRule, Finding, bulk_accept

CHUNK_ROWS = 4096
MEMO_LIMIT = 65_536  # distinct values remembered per column; a column of unique codes just starts again

# A checked cell: (typed value, JSON instance value, findings, missing, blank, has_error).
# ``missing``: the field has no value (blank, or a multi-value cell of separators only);
# ``blank``: the cell itself is empty (for telling blank rows).
Cell = tuple[Any, Any, tuple[Finding, ...], bool, bool, bool]
BLANK: Cell = (None, None, (), True, True, False)
PRESENT: Cell = (None, None, (), False, False, False)  # a non-blank cell of a column nobody reads
_SAFE_TYPES = frozenset({str, dt.date, dt.datetime, type(None)})  # never equal to a value of another type
_STR = frozenset({str})
_VALUE, _INSTANCE, _FINDINGS, _MISSING, _BLANK = (itemgetter(i) for i in range(5))


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
    """One matched column: its rule, its position, and a memo of the cells already checked.

    A chunk of the column is checked once per *distinct* value: ``set(column)`` and a table look-up per cell
    run in C. Values of types that compare equal across types (``1 == 1.0 == True``) are keyed with their
    type. A plain text column (no enumeration, pattern or format) whose values nobody reads is only looked
    at for blanks when it is required (``presence``), and not at all otherwise (``skip``).
    """

    __slots__ = ("_memo", "_memo_other", "accept", "index", "keep", "letter", "name", "plain", "presence",
                 "required", "rule", "skip", "today")

    def __init__(self, rule: FieldRule, index: int, letter: str, today: dt.date, *, keep: bool,
                 instances: bool = False) -> None:
        self.rule = rule
        self.name = rule.spec.name
        self.required = rule.spec.required
        self.index = index
        self.letter = letter
        self.today = today
        self.keep = keep
        self.plain = rule.plain
        self.accept = bulk_accept(rule.spec)
        unread = rule.plain and not keep and not instances
        self.presence = unread and self.required
        self.skip = unread and not self.required
        self._memo: dict[Any, Cell] = {}  # raw value → cell, for str, dates and None
        self._memo_other: dict[tuple[type, Any], Cell] = {}  # numbers and the rest: 1 == 1.0 == True

    def cells(self, column: Sequence[Any]) -> list[Cell]:
        """The checked cell of every raw value of ``column`` (a chunk of the sheet's column)."""
        types = set(map(type, column))
        if not types <= _SAFE_TYPES:
            return [self._miss(raw) for raw in column]
        distinct = list(set(column))
        if self.presence and types == _STR:  # only blanks matter: '' and white space
            blank = set(compress(distinct, map(str.isspace, distinct)))
            if "" in column:
                blank.add("")
            return [PRESENT] * len(column) if not blank else [BLANK if v in blank else PRESENT for v in column]
        if len(distinct) * 2 > len(column):  # mostly distinct values (codes): a memo would not pay
            check = self._check
            if self.accept is not None and types == _STR:
                fine = self.accept(distinct)  # valid as they stand: the cell is (code, code, no finding)
                cells = zip(fine, fine, repeat(()), repeat(False), repeat(False), repeat(False))
                table = dict(zip(fine, cells, strict=True))
                table.update((raw, check(raw)) for raw in set(distinct).difference(fine))
            else:
                table = {raw: check(raw) for raw in distinct}
        else:
            memo = self._memo
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            get, miss = memo.get, self._miss
            table = {raw: get(raw) or miss(raw) for raw in distinct}
        return list(map(table.__getitem__, column))

    def _miss(self, raw: Any) -> Cell:
        cls = raw.__class__
        if cls in _SAFE_TYPES:
            memo: dict[Any, Cell] = self._memo
            key: Any = raw
        else:
            memo, key = self._memo_other, (cls, raw)
        cell = memo.get(key)
        if cell is None:
            cell = memo[key] = self._check(raw)
        return cell

    def _check(self, raw: Any) -> Cell:
        if raw.__class__ is CellError:  # #N/A of a formula: an error at its cell, never a blank or a text
            return (None, str(raw), (Finding("schema.formula-error", str(raw)),), False, False, True)
        if self.plain and raw.__class__ is str:
            text = raw.strip()  # = normalise_cell + clean_text for a string (U+3000 is white space)
            if not text:
                return BLANK
            return PRESENT if self.presence else (text, text, (), False, False, False)
        value = normalise_cell(raw)
        if value is None:
            return BLANK
        if self.presence:
            return PRESENT
        outcome = self.rule.check(value, self.today)
        if outcome.instance is None:  # a multi-value cell of separators only: no value, nothing to report
            return (None, None, (), True, False, False)
        if not outcome.findings:
            return (outcome.value, outcome.instance, (), False, False, False)
        return (outcome.value, outcome.instance, outcome.findings, False, False, outcome.has_error)


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
    checked: list[list[Cell]] = []
    candidates: set[int] | None = None  # rows blank in every matched column so far
    scanned = [s for s in scans if not s.skip]
    for s in scanned:
        cells = s.cells(columns[s.index] if s.index < len(columns) else nothing)
        checked.append(cells)
        if candidates is None or candidates:
            blank = set(compress(range(n), map(_BLANK, cells)))
            candidates = blank if candidates is None else candidates & blank
    blank_rows = {i for i in (range(n) if candidates is None else candidates)
                  if all(normalise_cell(v) is None for v in chunk[i])}
    keep_rows = None if not blank_rows else [i for i in range(n) if i not in blank_rows]
    rows.extend(numbers if keep_rows is None else [numbers[i] for i in keep_rows])
    bad: list[tuple[int, int, Cell]] = []
    for position, (s, cells) in enumerate(zip(scanned, checked, strict=True)):
        for i in compress(range(n), map(_FINDINGS, cells)):
            if i not in blank_rows:
                bad.append((i, position, cells[i]))
        if s.required:
            for i in compress(range(n), map(_MISSING, cells)):
                if i not in blank_rows:
                    bad.append((i, position, cells[i]))
        if s.keep:
            values = list(map(_VALUE, cells))
            data[s.name].extend(values if keep_rows is None else [values[i] for i in keep_rows])
        if inst is not None:
            values = list(map(_INSTANCE, cells))
            inst[s.name].extend(values if keep_rows is None else [values[i] for i in keep_rows])
    bad.sort(key=itemgetter(0, 1))
    for i, position, cell in bad:
        s = scanned[position]
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
