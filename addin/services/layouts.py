"""Reading a workbook's sheets through their layouts — the mapping mechanism as a service.

Detect the header → map the columns by name, alias or the user's 列名对照 → (for an import) rewrite the values:
:mod:`addin.core.layout` holds the rules; this module feeds them the first rows of each sheet and hands back
the rest, so that every use case reads a home-made or platform-shaped workbook the same way and keeps the
user's positions (his sheet name, Excel row numbers, column letters):

- :func:`sheet_source` — one sheet: its :class:`~addin.core.layout.SheetLayout` and its data rows (raw, lazily;
  header, notes and samples left out; cells of a vertically merged range filled down, rows that hold nothing but
  such cells left out as the continuation of the row above);
- :func:`book_sources` — every sheet of a workbook, recognised or not, with the reason (``ssj import``);
- :func:`input_sheets` — the input sheets of a workbook for validation and the other steps: one sheet per kind
  (named after it first, else recognised by its columns), and the other sheets of a kind already found;
- :func:`input_table` — one kind as a :class:`~addin.core.table.Table` in standard column names (the freeze,
  the post-draw steps).

It reads any :class:`~addin.ports.WorkbookPort`; a reader that gives numbered raw rows (python-calamine, XML
2003) is read lazily, so header detection costs only the first rows (``bench/layout_bench.py``). A list that is
not an input sheet — a platform's draw result list — is read the same way with its own vocabulary
(``vocabs=``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any, Protocol, runtime_checkable

from addin.core.issues import Issue
from addin.core.layout import (
    BY_COLUMNS,
    HEAD_ROWS,
    ColumnMapping,
    SheetLayout,
    Vocabulary,
    kind_by_name,
    sheet_layout,
    vocabularies,
)
from addin.core.layout.vocabulary import header_key
from addin.core.output_sheets import WRITTEN_SHEETS
from addin.core.schema import SheetSchema
from addin.core.table import Row, Table, normalise_cell, trim_trailing_blank
from addin.core.validation.scan import SheetRows
from addin.ports import WorkbookPort, sheet_copies
from addin.schemas import load_schemas

Merge = tuple[tuple[int, int], tuple[int, int]]
NumberedRows = Iterator[tuple[int, Sequence[Any]]]


@runtime_checkable
class RowReader(Protocol):
    """A workbook that hands a sheet over as numbered raw rows (python-calamine, XML 2003)."""

    def rows(self, sheet: str) -> NumberedRows: ...

    def merged(self, sheet: str) -> list[Merge]: ...


def numbered_rows(book: WorkbookPort, sheet: str) -> NumberedRows:
    """``(Excel row number, cells from column A)`` of every row of ``sheet``, from row 1."""
    if isinstance(book, RowReader):
        return book.rows(sheet)
    table = book.read_table(sheet, 1)
    return chain([(1, table.header)], ((row.number, row.values) for row in table.rows))


@dataclass(slots=True)
class SheetSource:
    """One sheet read through its layout: the layout and the data rows below the header (read once).
    ``continuations`` lists, once the rows are read, the rows left out as continuations of merged cells."""

    layout: SheetLayout
    rows: NumberedRows
    continuations: list[int] = field(default_factory=list)

    @property
    def sheet(self) -> str:
        return self.layout.sheet

    def sheet_rows(self) -> SheetRows:
        """The sheet as the validation streams it: standard header names, the user's rows and columns."""
        return SheetRows(self.sheet, self.layout.header(), self.rows, self.layout.header_row)

    def table(self) -> Table:
        """The sheet as a :class:`Table` in standard column names (values normalised)."""
        rows = [Row(number, tuple(normalise_cell(v) for v in values)) for number, values in self.rows]
        return Table(self.sheet, self.layout.header(), tuple(trim_trailing_blank(rows)), self.layout.header_row)


def sheet_source(book: WorkbookPort, sheet: str, vocabs: Mapping[str, Vocabulary], *,
                 mapping: ColumnMapping | None = None, file: str = "") -> SheetSource:
    """Read the first rows of ``sheet``, find its layout, and return it with the rest of its rows."""
    rows = numbered_rows(book, sheet)
    head = list(islice(rows, HEAD_ROWS))
    mappings = mapping.candidates(file, sheet) if mapping is not None else []
    layout = sheet_layout(sheet, head, vocabs, mappings=mappings)
    if layout.kind is None:
        return SheetSource(layout, iter(()))
    skipped = layout.skipped_rows
    data: NumberedRows = chain(((n, c) for n, c in head if n > layout.header_row and n not in skipped), rows)
    merges = [m for m in book.merged(sheet) if m[1][0] > m[0][0] and m[0][0] >= layout.header_row] \
        if isinstance(book, RowReader) else []
    source = SheetSource(layout, data)
    if merges:
        source.rows = _filled_down(data, merges, source.continuations)
    return source


def _filled_down(rows: NumberedRows, merges: Sequence[Merge], continuations: list[int]) -> NumberedRows:
    """Cells of a vertically merged range get the value of its top cell; a row holding nothing but such cells is
    the continuation of the row above (one record drawn over two rows) and is left out."""
    starts: dict[int, list[tuple[int, int]]] = {}
    for (top, column), (bottom, _right) in merges:
        starts.setdefault(top + 1, []).append((column, bottom + 1))
    open_ranges: dict[int, tuple[Any, int]] = {}
    for number, cells in rows:
        values = list(cells)
        own = any(v not in (None, "") for v in values)
        filled = False
        for column, (value, bottom) in list(open_ranges.items()):
            if number > bottom:
                del open_ranges[column]
            elif column < len(values) and values[column] in (None, ""):
                values[column] = value
                filled = True
            elif column >= len(values):
                values += [""] * (column - len(values)) + [value]
                filled = True
        for column, bottom in starts.get(number, ()):
            if column < len(values):
                open_ranges[column] = (values[column], bottom)
        if filled and not own:
            continuations.append(number)
            continue
        yield number, values


def _is_written(sheet: str) -> bool:
    return any(sheet_copies(name, [sheet]) for name in WRITTEN_SHEETS)


def book_sources(book: WorkbookPort, vocabs: Mapping[str, Vocabulary] | None = None, *,
                 mapping: ColumnMapping | None = None, file: str = "") -> list[SheetSource]:
    """Every sheet of ``book`` read through its layout (the add-in's own output sheets are passed over)."""
    vocabs = vocabs if vocabs is not None else vocabularies(load_schemas())
    return [sheet_source(book, sheet, vocabs, mapping=mapping, file=file) for sheet in book.sheet_names()
            if not _is_written(sheet)]


@dataclass(slots=True)
class InputSheets:
    """The input sheets of a workbook: the one sheet of each kind (``chosen``), the other sheets of a kind
    already chosen (``others``), 设置 (``settings``: its name), and every sheet looked at (``layouts``)."""

    chosen: dict[str, SheetSource]
    others: list[SheetSource]
    settings: str | None
    layouts: list[SheetLayout]

    @property
    def kinds(self) -> list[str]:
        return list(self.chosen)


def settings_sheet(book: WorkbookPort, schemas: Mapping[str, SheetSchema] | None = None) -> str | None:
    """The name of 设置 in ``book`` (found by name, ignoring white space and full-width forms), or None."""
    schema = (schemas or load_schemas())["settings"]
    wanted = {header_key(schema.sheet), *(header_key(a) for a in schema.sheet_aliases)}
    return next((s for s in book.sheet_names() if header_key(s) in wanted), None)


def input_sheets(book: WorkbookPort, schemas: Mapping[str, SheetSchema] | None = None, *,
                 kinds: Iterable[str] | None = None) -> InputSheets:
    """The input sheets of ``book`` (of ``kinds`` only, when given), by name or else by columns; the first
    sheet of each kind — by name before by columns — is ``chosen``, the others are ``others``. The add-in's own
    output sheets are never taken for a list."""
    schemas = schemas or load_schemas()
    every = vocabularies(schemas)
    wanted = set(kinds) if kinds is not None else set(every)
    names = [s for s in book.sheet_names() if not _is_written(s)]
    by_name = {s: kind_by_name(s, every) for s in names}
    by_columns = {k: v for k, v in every.items() if k in wanted}
    chosen: dict[str, SheetSource] = {}
    others: list[SheetSource] = []
    layouts: list[SheetLayout] = []
    settings = settings_sheet(book, schemas)
    for sheet in names:
        named = by_name[sheet]
        if sheet == settings or (named is not None and named[0] not in wanted):
            continue
        source = sheet_source(book, sheet, every if named is not None else by_columns)
        layouts.append(source.layout)
        kind = source.layout.kind
        if kind is None:
            continue
        if kind not in chosen:
            chosen[kind] = source
        elif source.layout.found_by != BY_COLUMNS and chosen[kind].layout.found_by == BY_COLUMNS:
            others.append(chosen[kind])  # a sheet named after the kind comes first
            chosen[kind] = source
        else:
            others.append(source)
    ordered = {k: chosen[k] for k in schemas if k in chosen}
    return InputSheets(ordered, others, settings, layouts)


def with_header_issues(issues: Iterable[Issue], sources: Iterable[SheetSource]) -> list[Issue]:
    """``issues`` of the sheets plus those of their headers (clashes, repeated columns, rows that are not
    data); a required column named only by clashing columns is reported once, as the clash."""
    found = list(issues)
    for source in sources:
        layout = source.layout
        found += layout.issues
        if layout.clashes:
            found = [i for i in found if not (i.code == "sheet.missing-column" and i.sheet == layout.sheet
                                              and i.field in layout.clashes)]
    return found


def input_table(book: WorkbookPort, kind: str, schemas: Mapping[str, SheetSchema] | None = None) -> Table | None:
    """The sheet of ``kind`` in ``book`` as a Table in standard column names, or None when there is none."""
    schemas = schemas or load_schemas()
    if kind == "settings":
        name = settings_sheet(book, schemas)
        return book.read_table(name) if name is not None else None
    found = input_sheets(book, schemas, kinds=[kind]).chosen.get(kind)
    return found.table() if found is not None else None
