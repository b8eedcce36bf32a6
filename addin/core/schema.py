"""The sheet schemas (``schemas/*.schema.json``, JSON Schema 2020-12) as typed values.

The JSON files are the single source of truth for every input sheet: headers (the property names), types,
enumerations with aliases (``x-aliases``), formats (``uscc``, ``idcard``, ``date``), required columns,
duplicate keys (``x-keys``), Chinese descriptions, column widths (``x-width``), code columns kept as text
(``x-text``), multi-value cells (``x-multi``), labels (``x-label``: see
:func:`addin.core.validation.normalise.label`), percentages (``x-percent``), private fields (``x-private``),
the other header texts a column is known by in real registries and platform exports (``x-column-aliases``) and
the other names of a sheet (``x-sheet-aliases``), and the column a sheet may list one entity under several times
(``x-listed-per``: a business is listed once per 检查对象类别 — the same key under another category is the same
business again, not a duplicate).
This module only interprets the dictionaries; :mod:`addin.schemas` loads them from disk.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import FormatChecker

from addin.core import ids


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One column of an input sheet."""

    name: str
    type: str  # "string" | "integer" | "number" | "array"
    description: str
    required: bool
    item_type: str | None = None  # for multi-value cells
    enum: tuple[str, ...] = ()
    aliases: Mapping[str, str] | None = None
    pattern: str | None = None
    format: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    default: Any = None
    width: float = 14
    text: bool = False
    multi: bool = False
    percent: bool = False
    month_day: bool = False
    private: bool = False
    label: bool = False  # a label compared and frozen in the form of normalise.label (x-label)
    column_aliases: tuple[str, ...] = ()  # other header texts of this column (x-column-aliases)


@dataclass(frozen=True, slots=True)
class SheetSchema:
    """One input sheet: its Chinese name, its fields in template order, and its duplicate-key sets."""

    kind: str
    sheet: str
    description: str
    layout: str  # "table" or "key-value" (设置: 项目 / 值)
    fields: tuple[FieldSpec, ...]
    keys: tuple[tuple[str, ...], ...]
    raw: Mapping[str, Any]
    sheet_aliases: tuple[str, ...] = ()  # other names of this sheet (x-sheet-aliases)
    listed_per: str | None = None  # the key may repeat once per value of this column (x-listed-per)

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)


def parse_schema(raw: Mapping[str, Any]) -> SheetSchema:
    required = set(raw.get("required", ()))
    fields = []
    for name, prop in raw["properties"].items():
        item = prop.get("items", {}) if prop.get("type") == "array" else {}
        source = item if item else prop
        fields.append(
            FieldSpec(
                name=name,
                type=prop["type"],
                description=prop.get("description", ""),
                required=name in required,
                item_type=item.get("type") if item else None,
                enum=tuple(source.get("enum", ())),
                aliases=source.get("x-aliases"),
                pattern=source.get("pattern"),
                format=source.get("format"),
                minimum=prop.get("minimum"),
                maximum=prop.get("maximum"),
                default=prop.get("default"),
                width=prop.get("x-width", 14),
                text=bool(prop.get("x-text")),
                multi=bool(prop.get("x-multi")),
                percent=bool(prop.get("x-percent")),
                month_day=bool(prop.get("x-month-day")),
                private=bool(prop.get("x-private")),
                label=bool(source.get("x-label")),
                column_aliases=tuple(prop.get("x-column-aliases", ())),
            )
        )
    return SheetSchema(
        kind=raw["x-kind"],
        sheet=raw["x-sheet"],
        description=raw.get("description", ""),
        layout=raw.get("x-layout", "table"),
        fields=tuple(fields),
        keys=tuple(tuple(k) for k in raw.get("x-keys", ())),
        raw=raw,
        sheet_aliases=tuple(raw.get("x-sheet-aliases", ())),
        listed_per=raw.get("x-listed-per"),
    )


_USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_IDCARD_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def format_checker() -> FormatChecker:
    """jsonschema's checker for the schemas' formats, on the normalised instance of a row.

    ``uscc`` and ``idcard`` check only the check character of a value of the right shape (the shape is the
    ``pattern``'s job); ``date`` wants an ISO calendar date. jsonschema with this checker is the oracle that
    the compiled rules are tested against, and what an outside tool would use to validate with the schemas.
    """
    checker = FormatChecker(formats=())

    @checker.checks("uscc")
    def _uscc(value: object) -> bool:
        return not isinstance(value, str) or not _USCC_SHAPE.match(value) or ids.uscc_checksum_ok(value)

    @checker.checks("idcard")
    def _idcard(value: object) -> bool:
        return not isinstance(value, str) or not _IDCARD_SHAPE.match(value) or ids.idcard_checksum_ok(value)

    @checker.checks("date")
    def _date(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if not _ISO_DATE.match(value):
            return False
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return True

    return checker
