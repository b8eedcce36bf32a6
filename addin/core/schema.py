"""The sheet schemas (``schemas/*.schema.json``, JSON Schema 2020-12) as typed values.

The JSON files are the single source of truth for every input sheet: headers (the property names), types,
enumerations with aliases (``x-aliases``), formats (``uscc``, ``idcard``, ``date``), required columns,
duplicate keys (``x-keys``), Chinese descriptions, column widths (``x-width``), code columns kept as text
(``x-text``), multi-value cells (``x-multi``), percentages (``x-percent``), private fields (``x-private``).
This module only interprets the dictionaries; :mod:`addin.schemas` loads them from disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


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
    )
