"""Reading a sheet through its schema: typed records plus the issues found on the way.

This is the one way every use case (validate, freeze, results, reports) reads an input sheet:
:func:`read_sheet` for the table sheets, :func:`read_key_value` for 设置 (项目 / 值).

Headers are matched after NFKC without any white space (a full-width space or a stray blank in a header cell
is ignored) and without a trailing ``*`` (templates may mark required columns). Extra columns are ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.schema import SheetSchema
from addin.core.table import Table, column_letter, normalise_header
from addin.core.validation.rules import CompiledSheet, Finding, compile_sheet
from addin.core.validation.scan import ColumnScan, SheetRows, error_fields, rows_of, scan


def header_key(text: object) -> str:
    """How header texts are compared: NFKC, no white space, no trailing required-marker ``*``."""
    return normalise_header(text).rstrip("*")


@dataclass(frozen=True, slots=True)
class Record:
    """One data row: ``row`` is the Excel row number; ``values`` holds every schema field (None when blank or
    unusable) as typed values — str, int, Decimal (percentages as fractions of 1), date, list[str];
    ``instance`` is the normalised JSON instance (blank fields absent); ``errors`` the fields with an error."""

    row: int
    values: Mapping[str, Any]
    instance: Mapping[str, Any]
    errors: frozenset[str] = frozenset()

    def get(self, name: str) -> Any:
        return self.values.get(name)

    @property
    def valid(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class SheetRead:
    """A sheet read through its schema. ``columns`` maps each field found to its column letter.

    The values are held column-wise: ``rows`` are the Excel row numbers of the non-blank rows and ``data``
    the typed values of the kept fields, aligned with ``rows`` (see :func:`read_sheet`'s ``keep``);
    :attr:`records` gives them row-wise.
    """

    schema: SheetSchema
    sheet: str
    issues: tuple[Issue, ...]
    columns: Mapping[str, str] = field(default_factory=dict)
    header_row: int = 1
    empty: bool = False
    rows: Sequence[int] = ()
    data: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    instances: Mapping[str, Sequence[Any]] | None = None
    _records: list[tuple[Record, ...]] = field(default_factory=list, compare=False, repr=False)

    def column(self, name: str) -> str | None:
        return self.columns.get(name)

    def has(self, name: str) -> bool:
        return name in self.columns

    def values(self, name: str) -> Sequence[Any]:
        """The typed values of field ``name``, aligned with :attr:`rows` (all None when the column is absent).
        Raises ``KeyError`` for a column that is present but was not kept: a rule reading it is a bug."""
        if name in self.data:
            return self.data[name]
        if name in self.columns:
            raise KeyError(f"{self.sheet}: column {name} was read but not kept")
        return [None] * len(self.rows)

    @property
    def records(self) -> tuple[Record, ...]:
        """Every non-blank row as a :class:`Record` (fields not kept or absent are None)."""
        if not self._records:
            self._records.append(self._build_records())
        return self._records[0]

    def _build_records(self) -> tuple[Record, ...]:
        names = [spec.name for spec in self.schema.fields]
        kept = [(name, self.data[name]) for name in names if name in self.data]
        blank = dict.fromkeys(names)
        errors = error_fields(self.issues)
        instances = list((self.instances or {}).items())
        found = []
        for i, row in enumerate(self.rows):
            values = blank | {name: column[i] for name, column in kept}
            instance = {name: column[i] for name, column in instances if column[i] is not None}
            found.append(Record(row, values, instance, frozenset(errors.get(row, ()))))
        return tuple(found)


def finding_issue(finding: Finding, *, sheet: str, row: int | None, column: str | None, name: str) -> Issue:
    return issue(finding.code, sheet=sheet, row=row, column=column, field=name, value=finding.value,
                 **finding.params)


def match_columns(header: Sequence[str], sheet: str, header_row: int,
                  schema: SheetSchema) -> tuple[dict[str, int], list[Issue]]:
    """field → 0-based column index for the fields whose header is present; duplicates → a warning."""
    wanted = {header_key(f.name): f.name for f in schema.fields}
    found: dict[str, int] = {}
    issues: list[Issue] = []
    for index, text in enumerate(header):
        name = wanted.get(header_key(text))
        if name is None:
            continue
        if name in found:
            issues.append(issue("sheet.duplicate-column", sheet=sheet, row=header_row,
                                column=column_letter(index), field=name, value=text))
            continue
        found[name] = index
    return found, issues


def read_sheet(table: Table | SheetRows, schema: SheetSchema, *, today: dt.date,
               compiled: CompiledSheet | None = None, keep: Collection[str] | None = None,
               instances: bool = False) -> SheetRead:
    """Every non-blank row of ``table`` (a :class:`Table`, or a stream of raw rows) read through ``schema``,
    with the issues of its cells. ``keep``: the fields whose typed values are kept (default: all);
    ``instances``: also keep the JSON instance of each row (for the differential test)."""
    compiled = compiled or compile_sheet(schema)
    source = rows_of(table) if isinstance(table, Table) else table
    sheet = source.sheet
    if not any(source.header):
        return SheetRead(schema, sheet, (issue("sheet.empty", sheet=sheet, row=source.header_row),),
                         header_row=source.header_row, empty=True)
    positions, issues = match_columns(source.header, sheet, source.header_row, schema)
    letters = {name: column_letter(i) for name, i in positions.items()}
    issues.extend(
        issue("sheet.missing-column", sheet=sheet, row=source.header_row, field=spec.name)
        for spec in schema.fields
        if spec.required and spec.name not in positions
    )
    scans = [ColumnScan(rule, positions[rule.spec.name], letters[rule.spec.name], today,
                        keep=keep is None or rule.spec.name in keep, instances=instances)
             for rule in compiled.rules if rule.spec.name in positions]
    found = scan(source, scans, instances=instances)
    issues.extend(found.issues)
    return SheetRead(schema, sheet, tuple(issues), letters, source.header_row, rows=found.rows, data=found.data,
                     instances=found.instances)


@dataclass(frozen=True, slots=True)
class KeyValueRead:
    """设置 read as 项目 / 值 pairs: typed ``values`` of the items present, their Excel ``rows``."""

    sheet: str
    values: Mapping[str, Any]
    instance: Mapping[str, Any]
    rows: Mapping[str, int]
    issues: tuple[Issue, ...]
    value_column: str | None = None


def read_key_value(table: Table, schema: SheetSchema, *, today: dt.date) -> KeyValueRead:
    """A two-column sheet (``x-columns``, e.g. 项目 / 值): one schema field per row, matched by its 项目 text.

    Unknown items are ignored; an item given twice counts once (the first row) with a warning; a required
    item that is absent or blank is ``schema.required``.
    """
    compiled = compile_sheet(schema)
    sheet = table.sheet
    key_header, value_header = schema.raw.get("x-columns", ("项目", "值"))
    key_index, value_index = table.index(key_header), table.index(value_header)
    issues: list[Issue] = []
    for header, index in ((key_header, key_index), (value_header, value_index)):
        if index is None:
            issues.append(issue("sheet.missing-column", sheet=sheet, row=table.header_row, field=header))
    if key_index is None or value_index is None:
        return KeyValueRead(sheet, {}, {}, {}, tuple(issues))
    letter = column_letter(value_index)
    wanted = {header_key(f.name): f.name for f in schema.fields}
    values: dict[str, Any] = {}
    instance: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for row in table.data_rows():
        name = wanted.get(header_key(row.get(key_index)))
        if name is None:
            continue
        if name in rows:
            issues.append(issue("settings.duplicate-item", sheet=sheet, row=row.number,
                                column=column_letter(key_index), field=name, first_row=rows[name]))
            continue
        rows[name] = row.number
        raw = row.get(value_index)
        if raw is None:
            continue
        outcome = compiled.rule(name).check(raw, today)
        if outcome.instance is not None:
            instance[name] = outcome.instance
            values[name] = outcome.value
        issues.extend(finding_issue(f, sheet=sheet, row=row.number, column=letter, name=name)
                      for f in outcome.findings)
    for spec in schema.fields:
        if spec.required and spec.name not in instance:
            issues.append(issue("schema.required", sheet=sheet, row=rows.get(spec.name),
                                column=letter if spec.name in rows else None, field=spec.name))
    return KeyValueRead(sheet, values, instance, rows, tuple(issues), letter)
