"""Which header texts name which column, and which sheet names name which sheet (列名和工作表名的别名).

A :class:`Vocabulary` describes one kind of list the add-in reads: its standard sheet name and the other names
it goes by, its columns with the other header texts each is known by in real registries and platform exports,
and the columns that identify such a list. For the input sheets it is built from ``schemas/``
(:func:`vocabulary_of`: property names, ``x-column-aliases``, ``x-sheet-aliases``, ``x-keys``) — the one place
where aliases are kept, beside each column, like the value aliases (``x-aliases``). A list that is not an input
sheet (a platform's draw result list) gets a vocabulary built by hand with the same class.

Texts are compared in :func:`header_key` form: NFKC (full-width letters and brackets become half-width), no
white space (line breaks inside a header cell included), no case, without the required-markers ``*``/``★``
and a closing colon. A header with a trailing note in brackets — ``统一社会信用代码（必填）``,
``执法证有效期(YYYY-MM-DD)`` — matches when the text without the note does, unless the whole text is itself
an alias (``法定代表人（负责人）``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from addin.core.schema import SheetSchema

EXACT, ALIAS = "exact", "alias"
"""How a header text matched: the standard column name itself, or one of its aliases."""

ROW_NUMBER_HEADERS = frozenset({"序号", "序", "行号", "no", "no."})
"""Header texts of a running-number column (序号): never data, never mapped."""

_SPACES = re.compile(r"\s+")
_MARKERS = "*★☆※"
_TRAILING_NOTE = re.compile(r"^(.+?)[(\[【〔<《][^()\[\]【】〔〕<>《》]*[)\]】〕>》]$")


def header_key(text: object) -> str:
    """The comparison form of a header text or sheet name (module docstring)."""
    if text is None:
        return ""
    folded = _SPACES.sub("", unicodedata.normalize("NFKC", str(text))).casefold()
    return folded.strip(_MARKERS).rstrip(":").strip(_MARKERS)


def header_keys(text: object) -> tuple[str, ...]:
    """The keys a header text is looked up by: its :func:`header_key`, then that key without a trailing
    bracketed note."""
    key = header_key(text)
    note = _TRAILING_NOTE.match(key)
    return (key, note.group(1).strip(_MARKERS)) if note else (key,)


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a list: its standard name, the other header texts it goes by, whether it is required."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False


class Vocabulary:
    """The names of one kind of list (see the module docstring). Immutable once built.

    ``keys``: sets of columns that identify the list; a sheet with another name is recognised as this kind by
    its columns when it holds every column of one set (and at least two known columns), or — for lists
    published without codes — at least three known columns including half of the required ones.
    """

    __slots__ = ("_columns", "_lookup", "_names", "keys", "kind", "sheet", "sheet_aliases")

    def __init__(self, kind: str, sheet: str, columns: Sequence[Column], *, sheet_aliases: Sequence[str] = (),
                 keys: Sequence[Sequence[str]] = ()) -> None:
        self.kind = kind
        self.sheet = sheet
        self.sheet_aliases = tuple(sheet_aliases)
        self._columns = tuple(columns)
        self.keys = tuple(tuple(k) for k in keys)
        lookup: dict[str, tuple[str, str]] = {header_key(c.name): (c.name, EXACT) for c in self._columns}
        for column in self._columns:
            for alias in column.aliases:
                key = header_key(alias)
                taken = lookup.get(key)
                if taken is not None and taken[0] != column.name:
                    raise ValueError(f"{sheet}: “{alias}” names both {taken[0]} and {column.name}")
                lookup.setdefault(key, (column.name, ALIAS))
        self._lookup = lookup
        names = {header_key(sheet): EXACT}
        names.update((header_key(alias), ALIAS) for alias in self.sheet_aliases)
        self._names = names

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self._columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self._columns if c.required)

    def column(self, name: str) -> Column:
        for column in self._columns:
            if column.name == name:
                return column
        raise KeyError(name)

    def match(self, text: object) -> tuple[str, str] | None:
        """``(standard column name, EXACT|ALIAS)`` for a header text, or None."""
        for key in header_keys(text):
            found = self._lookup.get(key)
            if found is not None:
                return found
        return None

    def names_sheet(self, name: str) -> str | None:
        """EXACT when ``name`` is the standard sheet name, ALIAS for one of its other names, else None."""
        return self._names.get(header_key(name))

    def identifies(self, fields: Iterable[str]) -> bool:
        """Whether a sheet holding columns ``fields`` can be taken for this kind by its columns alone."""
        found = set(fields)
        if len(found) >= 2 and any(set(key) <= found for key in self.keys):
            return True
        required = self.required
        return len(found) >= 3 and 2 * len(found & set(required)) >= len(required)


def vocabulary_of(schema: SheetSchema) -> Vocabulary:
    """The vocabulary of an input sheet, from its schema; a sheet without ``x-keys`` is identified by its
    required columns."""
    columns = [Column(f.name, f.column_aliases, f.required) for f in schema.fields]
    keys = schema.keys or (schema.required,)
    return Vocabulary(schema.kind, schema.sheet, columns, sheet_aliases=schema.sheet_aliases, keys=keys)


def vocabularies(schemas: Mapping[str, SheetSchema]) -> dict[str, Vocabulary]:
    """kind → vocabulary of every table sheet of ``schemas`` (设置, a key-value sheet, is found by name)."""
    return {kind: vocabulary_of(s) for kind, s in schemas.items() if s.layout == "table"}


def is_row_number(text: object) -> bool:
    """Whether a header text names a running-number column (序号)."""
    return header_key(text) in ROW_NUMBER_HEADERS
