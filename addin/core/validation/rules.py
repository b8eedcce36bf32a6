"""Compiled per-field rules: each column of a :class:`~addin.core.schema.SheetSchema` becomes one function
that normalises a cell into a typed value and checks type, enumeration, pattern, format and range.

The rules are equivalent to JSON Schema validation of the *normalised instance* of a row (``Outcome.instance``:
dates as ISO text, multi-value cells as lists, percentages as numbers, codes normalised) with the format
checkers ``uscc`` (check digit of a well-formed 统一社会信用代码), ``idcard`` (check digit of a well-formed
身份证号) and ``date`` (ISO date) — ``tests/validation/test_differential.py`` holds them to that.
Warnings (date typed as text, 组织机构代码, legacy 注册号) and the birth-date check lie outside that equivalence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import compress, repeat
from operator import eq, itemgetter, mod
from typing import Any

from addin.core import ids
from addin.core.catalogue import default_severity
from addin.core.issues import Severity
from addin.core.schema import FieldSpec, SheetSchema
from addin.core.validation.normalise import (
    EnumMatcher,
    clean_text,
    label,
    label_changed,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_month_day,
    parse_percent,
    split_multi,
)


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem with one cell (or one part of a multi-value cell), not yet pinned to a sheet position."""

    code: str
    value: Any
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outcome:
    """``value``: the typed value (None when blank or unusable); ``instance``: the JSON instance value
    (None when blank); ``findings``: what is wrong or worth a warning."""

    value: Any
    instance: Any
    findings: tuple[Finding, ...] = ()

    @property
    def has_error(self) -> bool:
        return any(default_severity(f.code) is Severity.ERROR for f in self.findings)

Check = Callable[[Any, dt.date], Outcome]


@dataclass(frozen=True, slots=True)
class FieldRule:
    spec: FieldSpec
    check: Check  # (raw non-blank cell value, today) → Outcome

    @property
    def plain(self) -> bool:
        """Plain text: any value is fine, the cell is only stripped (:func:`clean_text`)."""
        spec = self.spec
        return (spec.type == "string" and not spec.multi and spec.format != "date" and not spec.month_day
                and not spec.enum and not spec.pattern and not spec.label)


@dataclass(frozen=True, slots=True)
class CompiledSheet:
    schema: SheetSchema
    rules: tuple[FieldRule, ...]

    def rule(self, name: str) -> FieldRule:
        for rule in self.rules:
            if rule.spec.name == name:
                return rule
        raise KeyError(name)


def compile_sheet(schema: SheetSchema) -> CompiledSheet:
    return CompiledSheet(schema, tuple(FieldRule(spec, compile_field(spec)) for spec in schema.fields))


def compile_field(spec: FieldSpec) -> Check:
    if spec.multi or spec.type == "array":
        return _multi(spec, _scalar(spec, spec.item_type or "string"))
    return _scalar(spec, spec.type)


def _scalar(spec: FieldSpec, type_: str) -> Check:
    if type_ == "integer":
        return _number(spec, parse_integer, "整数")
    if type_ == "number":
        return _number(spec, parse_percent if spec.percent else parse_decimal,
                       "百分比（如 30% 或 0.3）" if spec.percent else "数字")
    if spec.format == "date":
        return _date(spec)
    if spec.month_day:
        return _month_day(spec)
    if spec.enum:
        return _enum(spec)
    if spec.pattern:
        return _code(spec)
    if spec.label:
        return _label
    return lambda raw, today: Outcome(clean_text(raw), clean_text(raw))


def _label(raw: Any, today: dt.date) -> Outcome:
    """A label (``x-label``): read as :func:`label`; white space or control characters inside it are dropped
    with a warning, so that validation and freeze see the same label (``公共 场所`` is ``公共场所``)."""
    value = label(raw)
    if not value:
        return Outcome(None, None)
    if label_changed(raw):
        return Outcome(value, value, (Finding("schema.label-normalised", clean_text(raw), {"label": value}),))
    return Outcome(value, value)


def _multi(spec: FieldSpec, item: Check) -> Check:
    def check(raw: Any, today: dt.date) -> Outcome:
        values: list[Any] = []
        instance: list[Any] = []
        findings: list[Finding] = []
        for part in split_multi(raw):
            out = item(part, today)
            findings.extend(out.findings)
            instance.append(out.instance)
            if out.value is not None and out.value not in values:
                values.append(out.value)
        if not instance:
            return Outcome(None, None)
        return Outcome(values or None, instance, tuple(findings))

    return check


def _number(spec: FieldSpec, parse: Callable[[object], Any], expected: str) -> Check:
    def check(raw: Any, today: dt.date) -> Outcome:
        number = parse(raw)
        if number is None:
            return Outcome(None, raw, (Finding("schema.type", raw, {"expected": expected}),))
        instance = float(number) if isinstance(number, Decimal) else number
        low, high = spec.minimum, spec.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            bounds = {"minimum": _show(low), "maximum": _show(high)}
            return Outcome(None, instance, (Finding("schema.range", number, bounds),))
        return Outcome(number, instance)

    return check


def _show(bound: float | None) -> str:
    if bound is None:
        return "不限"
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def _date(spec: FieldSpec) -> Check:
    def check(raw: Any, today: dt.date) -> Outcome:
        found, as_text = parse_date(raw)
        if found is None:
            if isinstance(raw, str):
                return Outcome(None, raw, (Finding("schema.format", raw),))
            return Outcome(None, raw, (Finding("schema.type", raw, {"expected": "日期"}),))
        findings = (Finding("schema.date-as-text", raw, {"date": found.isoformat()}),) if as_text else ()
        return Outcome(found, found.isoformat(), findings)

    return check


def _month_day(spec: FieldSpec) -> Check:
    pattern = re.compile(spec.pattern or r"^\d{2}-\d{2}$")

    def check(raw: Any, today: dt.date) -> Outcome:
        text = parse_month_day(raw)
        if text is None:
            if not isinstance(raw, str):
                return Outcome(None, raw, (Finding("schema.type", raw, {"expected": "月-日（如 02-28）"}),))
            text = clean_text(raw)
        if not pattern.search(text):
            return Outcome(None, text, (Finding("schema.pattern", raw, {"hint": "应为 月-日，如 02-28"}),))
        return Outcome(text, text)

    return check


def _enum(spec: FieldSpec) -> Check:
    matcher = EnumMatcher(spec.enum, spec.aliases)
    allowed = " / ".join(spec.enum)

    def check(raw: Any, today: dt.date) -> Outcome:
        found = matcher.match(raw)
        if found is None:
            text = clean_text(raw)
            return Outcome(None, text, (Finding("schema.enum", text, {"allowed": allowed}),))
        return Outcome(found, found)

    return check


def _code(spec: FieldSpec) -> Check:
    """Codes (统一社会信用代码, 身份证号, 执法证号, 事项编码 …): normalised text, a pattern, check digits."""
    assert spec.pattern is not None
    match = re.compile(spec.pattern).search
    hint = PATTERN_HINTS.get(spec.format or "", "只能包含字母和数字（事项编码、任务编号还可含 - _ .）")
    format_ = spec.format

    def check(raw: Any, today: dt.date) -> Outcome:
        # plain ASCII letters and digits are already in normal form but for the case (the usual cell)
        code = raw.upper() if raw.__class__ is str and raw.isascii() and raw.isalnum() else ids.normalise_code(raw)
        if not match(code):
            why = hint
            if isinstance(raw, float) or (isinstance(raw, int) and format_ in ("uscc", "idcard")):
                why = hint + "；该单元格被 Excel 存成了数字，请把该列设为文本格式后重新输入"
            shown = ids.mask_idcard(code) if format_ == "idcard" else code
            return Outcome(code, code, (Finding("schema.pattern", shown, {"hint": why}),))
        if format_ is None:
            return Outcome(code, code)
        return Outcome(code, code, _id_findings(format_, code, today))

    return check


PATTERN_HINTS = {
    "uscc": "应为 18 位统一社会信用代码（数字和大写字母，不含 I、O、Z、S、V）或 15 位注册号",
    "idcard": "应为 18 位身份证号（前 17 位为数字，最后一位为数字或 X）",
}


def _id_findings(format_: str, code: str, today: dt.date) -> tuple[Finding, ...]:
    """Check digits of a code that has the right shape (the pattern matched)."""
    if format_ == "uscc":
        if len(code) == 15:  # the pattern admits 18 characters over the charset, or 15 digits
            return (Finding("id.uscc-legacy", code),)
        if ids.looks_like_idcard(code, today):  # before the check characters: this is what is wrong
            return (Finding("id.uscc-is-idcard", ids.mask_idcard(code)),)
        expected = uscc_check_char(code)
        if expected != code[17]:
            return (Finding("id.uscc-checksum", code, {"expected": expected}),)
        if not uscc_inner_ok(code):
            return (Finding("id.uscc-inner", code),)
        return ()
    if format_ == "idcard":
        found = []
        if not ids.idcard_checksum_ok(code):
            found.append(Finding("id.idcard-checksum", ids.mask_idcard(code)))
        if not ids.idcard_birthdate_ok(code, today):
            found.append(Finding("id.idcard-birthdate", ids.mask_idcard(code)))
        return tuple(found)
    return ()


# -- check digits of well-formed codes, computed at C speed ----------------------------------------------
# GB 32100 weights are 3^i mod 31, and 34 ≡ 3 (mod 31): Σ v_i·3^i ≡ the code read as a base-34 number with
# its first character as the lowest digit. GB 11714 weights are 2^(8-i) mod 11, and 35 ≡ 2 (mod 11).
# ``tests/validation/test_cells.py`` holds both equal to :mod:`addin.core.ids` (the reference).
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_USCC_AS_BASE34 = str.maketrans({ch: _BASE36[i] for i, ch in enumerate(ids.USCC_CHARSET)})


def uscc_check_char(code: str) -> str:
    """The check character (18th) of a code whose first 17 characters are over the USCC charset."""
    total = int(code[16::-1].translate(_USCC_AS_BASE34), 34)
    return ids.USCC_CHARSET[-total % 31]


def uscc_inner_ok(code: str) -> bool:
    """:func:`addin.core.ids.uscc_inner_ok` for a code over the USCC charset (no Z: digits fit base 35)."""
    check = -2 * int(code[8:16], 35) % 11
    return code[16] == ("0" if check == 0 else "X" if check == 10 else str(check))


# -- bulk acceptance of well-formed codes ------------------------------------------------------------------
# A registry holds one 统一社会信用代码 per row: checking them one by one in Python would cost more than reading
# the file. :func:`valid_usccs` picks, in C loops (``map``/``compress``), the codes that the rule above would
# accept without any finding — already in normal form (upper-case ASCII), well-formed, check character and
# inner 组织机构代码 right. Everything else goes through the rule itself.
_USCC_CANONICAL = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}").fullmatch
_IDCARD_SHAPE = re.compile(r"[0-9]{6}(?:19|20)[0-9]{9}[0-9X]").fullmatch  # a birth year 19xx or 20xx
_FIRST17_REVERSED, _INNER8 = itemgetter(slice(16, None, -1)), itemgetter(slice(8, 16))
_CHECK_FOR_REMAINDER = "".join(ids.USCC_CHARSET[-r % 31] for r in range(31))
_ORG_CHECK_FOR_REMAINDER = "".join("0" if c == 0 else "X" if c == 10 else str(c) for c in (-2 * r % 11
                                                                                            for r in range(11)))


def valid_usccs(values: Sequence[str]) -> list[str]:
    """The values that are valid 18-character codes in normal form, with right check characters."""
    shaped = list(compress(values, map(_USCC_CANONICAL, values)))
    totals = map(int, map(str.translate, map(_FIRST17_REVERSED, shaped), repeat(_USCC_AS_BASE34)), repeat(34))
    checks = map(_CHECK_FOR_REMAINDER.__getitem__, map(mod, totals, repeat(31)))
    checked = list(compress(shaped, map(eq, checks, map(itemgetter(17), shaped))))
    inner = map(_ORG_CHECK_FOR_REMAINDER.__getitem__, map(mod, map(int, map(_INNER8, checked), repeat(35)),
                                                          repeat(11)))
    accepted = list(compress(checked, map(eq, inner, map(itemgetter(16), checked))))
    # a 身份证号 may pass both check characters (110101198503120033): those shaped like one go to the rule
    suspects = set(filter(_IDCARD_SHAPE, accepted))
    return [c for c in accepted if c not in suspects] if suspects else accepted


def bulk_accept(spec: FieldSpec) -> Callable[[Sequence[str]], list[str]] | None:
    """The bulk acceptance of a field's values, when there is one (统一社会信用代码 columns)."""
    if spec.format == "uscc" and not spec.multi and spec.pattern == USCC_PATTERN:
        return valid_usccs
    return None


USCC_PATTERN = "^(?:[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}|[0-9]{15})$"
