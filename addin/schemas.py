"""Load the sheet schemas from ``schemas/`` (in a checkout) or ``addin/_schemas`` (in an installed wheel)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from addin.core.schema import SheetSchema, parse_schema
from addin.resources import shipped

# Input sheets in the order of the contract (and of the template workbook).
SHEET_ORDER = ("settings", "targets", "inspectors", "conflicts", "items", "plan", "results", "history", "referrals",
               "activities", "holidays")


def schema_dir() -> Path:
    folder = shipped("schemas")
    if not folder.is_dir():
        raise FileNotFoundError("schemas/ not found beside the package")
    return folder


@cache
def raw_schemas() -> dict[str, dict[str, object]]:
    """kind → the schema as parsed JSON, in :data:`SHEET_ORDER`."""
    folder = schema_dir()
    found = {kind: json.loads((folder / f"{kind}.schema.json").read_text(encoding="utf-8")) for kind in SHEET_ORDER}
    return {kind: _extended(raw, found) for kind, raw in found.items()}


def _extended(raw: dict[str, object], found: dict[str, dict[str, object]]) -> dict[str, object]:
    """A schema with ``"x-extends": KIND`` has every column of that kind's schema first, then its own
    (往年检查结果 = the 检查结果 columns + the profile of that time): one source for the shared columns."""
    base = raw.get("x-extends")
    if not isinstance(base, str):
        return raw
    inherited, own = found[base]["properties"], raw["properties"]
    if not isinstance(inherited, dict) or not isinstance(own, dict):
        raise TypeError(f"schema {base}: properties must be an object")
    return {**raw, "properties": {**inherited, **own}}


@cache
def load_schemas() -> dict[str, SheetSchema]:
    """kind → :class:`SheetSchema`, in :data:`SHEET_ORDER`."""
    return {kind: parse_schema(raw) for kind, raw in raw_schemas().items()}


def by_sheet_name() -> dict[str, SheetSchema]:
    """Chinese sheet name → schema."""
    return {schema.sheet: schema for schema in load_schemas().values()}
