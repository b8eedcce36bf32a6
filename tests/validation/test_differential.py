"""The compiled rules agree with JSON Schema: jsonschema (the oracle) validating the *normalised instance* of
each row reports the same (row, field, code) set as the compiled per-field rules.

Rows are generated from each table schema with a seeded generator that mixes valid values, what users really
type (aliases, lower case, full width, dates as text, percentages as 30 / 30% / 0.3, numbers as text) and
plain mistakes (garbage, wrong check digits, out-of-range numbers, blanks). Only schema-level codes take part:
``schema.*`` (not the date-as-text warning) and the check-digit formats ``id.uscc-checksum`` /
``id.idcard-checksum``. The format checkers are: ``uscc`` and ``idcard`` — the check digit of a value of the
right shape (the shape itself is the pattern's business); ``date`` — an ISO calendar date.

10,000 rows per sheet kind; jsonschema is run once per distinct property value (see :class:`Oracle`).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from sample_books import TODAY, idcard, uscc, wrong_check

from addin.adapters.memory import MemoryBook
from addin.core.schema import FieldSpec, SheetSchema, format_checker
from addin.core.validation import read_sheet
from addin.core.validation.scan import SheetRows
from addin.schemas import load_schemas, raw_schemas

ROWS = 10_000
TABLE_KINDS = [k for k, s in load_schemas().items() if s.layout == "table"]
ORACLE_CODES = {"schema.required", "schema.type", "schema.enum", "schema.pattern", "schema.format", "schema.range",
                "id.uscc-checksum", "id.idcard-checksum"}
checker = format_checker()


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _code_value(rnd: random.Random, spec: FieldSpec) -> Any:
    if spec.format == "uscc":
        good = uscc(rnd.randrange(10**7))
        return rnd.choice([good, good, good.lower(), full_width(good), wrong_check(good), "110105000123456",
                           good[:-1], "91110000600037341O", rnd.randrange(10**17, 10**18) * 1.0, 123456789012345])
    if spec.format == "idcard":
        good = idcard(rnd.randrange(1000))
        return rnd.choice([good, good, wrong_check(good, "0123456789X"), good[:-1] + "x", good[:10],
                           "11010520990101001X", full_width(good), "ABCDEFGHIJKLMNOPQR"])
    return rnd.choice(["S01", "s01", "T-2024.01", full_width("WJ001"), "ab c", "!!", "-01", 1001, 12.5, "é1",
                       "X" * 65, "中文"])


def _enum_value(rnd: random.Random, spec: FieldSpec) -> Any:
    canonical = rnd.choice(spec.enum)
    aliases = list((spec.aliases or {}).keys())
    return rnd.choice([canonical, canonical, full_width(canonical), f" {canonical.lower()} ",
                       rnd.choice(aliases) if aliases else canonical, "无效值", 7, canonical + "类型"])


def _date_value(rnd: random.Random) -> Any:
    return rnd.choice([dt.date(2024, 5, 1), dt.datetime(2024, 5, 1, 9, 30), "2024/5/1", "2024年5月1日", "20240501",
                       20240501, "2024-13-01", "明天", 45000, 3.5, True, "2024-02-30", "２０２４-05-01", "2024.5.1"])


def _number_value(rnd: random.Random, spec: FieldSpec) -> Any:
    if spec.percent:
        return rnd.choice(["30%", 0.3, 30, "0.3", "abc", "1.5", -5, "%", "３０％", 1, 0, 150])
    return rnd.choice([1, 3, "3", "３", 3.5, "abc", 0, -1, 99999, True, " 12 ", "1e3"])


def _scalar(rnd: random.Random, spec: FieldSpec, type_: str) -> Any:
    if type_ in ("integer", "number"):
        return _number_value(rnd, spec)
    if spec.format == "date":
        return _date_value(rnd)
    if spec.enum:
        return _enum_value(rnd, spec)
    if spec.pattern:
        return _code_value(rnd, spec)
    return rnd.choice(["文本", "  两边有空格  ", 123, dt.date(2024, 1, 2), "x、y"])


def cell(rnd: random.Random, spec: FieldSpec) -> Any:
    if rnd.random() < 0.12:
        return rnd.choice([None, "", "  ", "\u3000"])
    if spec.type == "array":
        parts = [str(_scalar(rnd, spec, spec.item_type or "string")) for _ in range(rnd.randint(1, 3))]
        return rnd.choice(["、", "，", ",", ";", "；", "\n", " 、 "]).join(parts) if rnd.random() > 0.05 else "、、"
    return _scalar(rnd, spec, spec.type)


class Oracle:
    """jsonschema (with the format checkers above) on the normalised instances, in bulk.

    The table schemas have no keyword that ties two properties together (asserted below), so the errors of an
    instance are those of each of its properties alone — validated with the sheet's own schema, its
    ``required`` set aside — plus ``required``, validated on the instance's key set. Both are remembered per
    distinct value and key set, which makes tens of thousands of rows quick. ``whole`` is the plain oracle
    (one instance at a time) that the decomposition is checked against on a sample.
    """

    def __init__(self, schema: SheetSchema, raw: dict[str, Any]) -> None:
        assert set(raw) <= {"$id", "$schema", "additionalProperties", "description", "properties", "required",
                            "title", "type"} | {k for k in raw if k.startswith("x-")}
        self.schema = schema
        self.validator = Draft202012Validator(raw, format_checker=checker)
        self.per_property = Draft202012Validator({**raw, "required": []}, format_checker=checker)
        self.required = Draft202012Validator({"type": "object", "required": raw.get("required", [])})
        self._values: dict[tuple[str, str], set[str]] = {}
        self._keys: dict[frozenset[str], set[str]] = {}

    def errors(self, row: int, instance: dict[str, Any]) -> set[tuple[int, str, str]]:
        found = {(row, name, "schema.required") for name in self._missing(instance)}
        for name, value in instance.items():
            key = (name, json.dumps(value, ensure_ascii=False, sort_keys=True))
            if key not in self._values:
                self._values[key] = {code for _, _, code in self._run(self.per_property, 0, {name: value})}
            found |= {(row, name, code) for code in self._values[key]}
        return found

    def whole(self, row: int, instance: dict[str, Any]) -> set[tuple[int, str, str]]:
        return self._run(self.validator, row, instance)

    def _missing(self, instance: dict[str, Any]) -> set[str]:
        keys = frozenset(instance)
        if keys not in self._keys:
            self._keys[keys] = {name for _, name, _ in self._run(self.required, 0, dict.fromkeys(keys))}
        return self._keys[keys]

    def _run(self, validator: Draft202012Validator, row: int,
             instance: dict[str, Any]) -> set[tuple[int, str, str]]:
        found: set[tuple[int, str, str]] = set()
        for error in validator.iter_errors(instance):
            found |= _mapped(self.schema, error, row, instance)
        return found


def _mapped(schema: SheetSchema, error: ValidationError, row: int, instance: dict[str, Any]) -> set[tuple[int, str, str]]:
    if error.validator == "required":
        return {(row, name, "schema.required") for name in schema.required if name not in instance}
    name = str(error.absolute_path[0])
    codes: dict[str, Callable[[], str]] = {
        "type": lambda: "schema.type", "enum": lambda: "schema.enum", "pattern": lambda: "schema.pattern",
        "minimum": lambda: "schema.range", "maximum": lambda: "schema.range", "minItems": lambda: "schema.required",
        "format": lambda: {"uscc": "id.uscc-checksum", "idcard": "id.idcard-checksum"}.get(
            str(error.validator_value), "schema.format"),
    }
    return {(row, name, codes[str(error.validator)]())}


def as_calamine_reads(value: Any) -> Any:
    """What python-calamine hands over for a cell: every number a float, an empty cell ``''``."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _rows(kind: str) -> tuple[SheetSchema, list[str], list[list[Any]]]:
    schema = load_schemas()[kind]
    rnd = random.Random(f"differential-{kind}")
    return schema, [spec.name for spec in schema.fields], [[cell(rnd, spec) for spec in schema.fields]
                                                           for _ in range(ROWS)]


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_compiled_rules_agree_with_jsonschema(kind: str) -> None:
    schema, header, rows = _rows(kind)
    oracle = Oracle(schema, raw_schemas()[kind])
    table = MemoryBook({schema.sheet: [header, *rows]}).read_table(schema.sheet)
    read = read_sheet(table, schema, today=TODAY, instances=True)
    ours = {(i.row, i.field, i.code) for i in read.issues if i.code in ORACLE_CODES}
    theirs: set[tuple[int, str, str]] = set()
    for record in read.records:
        theirs |= oracle.errors(record.row, dict(record.instance))
    assert len(read.records) > ROWS * 0.9
    codes = {code for _, _, code in theirs}
    assert "schema.required" in codes
    assert len(codes) >= 3  # the mutations reach more than blanks
    assert sorted(ours - theirs) == []
    assert sorted(theirs - ours) == []
    for record in read.records[:: ROWS // 400]:  # the decomposition is the oracle itself
        instance = dict(record.instance)
        assert oracle.whole(record.row, instance) == oracle.errors(record.row, instance)


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_raw_calamine_cells_give_the_same_issues(kind: str) -> None:
    """The validation reads python-calamine's cells as they come (floats, ``''``) in a stream: the issues are
    exactly those of the normalised Table that the other adapters give."""
    schema, header, rows = _rows(kind)
    table = MemoryBook({schema.sheet: [header, *rows]}).read_table(schema.sheet)
    stream = SheetRows(schema.sheet, table.header,
                       ((n, [as_calamine_reads(v) for v in row]) for n, row in enumerate(rows, start=2)))
    expected = read_sheet(table, schema, today=TODAY).issues
    found = read_sheet(stream, schema, today=TODAY).issues
    assert [(i, i.value, i.params) for i in found] == [(i, i.value, i.params) for i in expected]
