"""Turning what users type into typed values, the way a user would expect.

- Multi-value cells (多选) accept 、，,;； and line breaks as separators.
- Labels (检查对象类别, 所属乡镇, 所属单位, 发起部门 …) are read in one form, :func:`label`, by the validation and
  by the freeze alike: a label that differs only by white space or control characters is the same label.
- Enumerations match after NFKC, without white space and without case (``ａ类`` = ``A类``), aliases included.
- Dates: a real date, or text such as ``2024-05-01``, ``2024/5/1``, ``2024.5.1``, ``2024年5月1日``, ``20240501``
  (text is accepted; the caller reports it with a warning).
- Percentages (比例): ``30%`` → 0.3; ``0.3`` → 0.3; ``30`` → 0.3 (a number above 1 is read as a percentage,
  as in "比例 30"; ``1`` is 100 %, the value Excel stores for a cell showing 100%).
- Numbers stored as text (``"3"``) are numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache

SEPARATORS = re.compile(r"[、，,;；\n\r]+")
CATEGORY_SEPARATORS = re.compile(r"[、，,;；]+")
_DATE_TEXT = (
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T]0{1,2}:0{2}(?::0{2})?)?$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_MONTH_DAY_TEXT = (
    re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})$"),
    re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"),
)


# White space (Unicode: also U+3000 and no-break spaces), control characters (C0, DEL, C1) and the invisible
# format characters that pasted text carries (soft hyphen, zero-width spaces and joiners, direction marks,
# word joiner, BOM, interlinear annotation marks).
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
                        r"\ufeff\ufff9-\ufffb]+")
_BRACKETS = str.maketrans({"(": "（", ")": "）"})


def label(value: object) -> str:
    """A label — 检查对象类别, 所属乡镇, 所属单位, 发起部门, 配合部门 — in the one form in which the validation
    compares it and the freeze writes it into the draw files (标签规范化): NFKC (全角字母、数字 → 半角), every
    white space and control character removed, also inside (``公共 场所``, ``公共⇥场所``, a line break in
    ``城关\n镇``), brackets as the full-width （）. ``None`` → ``""``; a whole number → its digits."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _label(str(value))


@lru_cache(maxsize=8192)
def _label(text: str) -> str:
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).translate(_BRACKETS)


def category_labels(value: object) -> tuple[str, ...]:
    """The 检查对象类别 of a target as labels: one, or several written in one cell (``公共场所、游泳场（馆）``: a hotel
    with a pool) separated by 、，,;； — a line break is not a separator here: inside a category it is Excel's
    wrapping (``公共\n场所`` is 公共场所, :func:`label`)."""
    if value is None:
        return ()
    parts = value if isinstance(value, list | tuple) else CATEGORY_SEPARATORS.split(str(value))
    return tuple(dict.fromkeys(x for x in map(label, parts) if x))


def label_changed(value: object) -> bool:
    """True when :func:`label` drops white space or control characters from inside the trimmed text, which
    the user cannot see in the cell (the validation warns, naming the cell)."""
    text = unicodedata.normalize("NFKC", clean_text(value))
    return _INVISIBLE.search(text) is not None


def fold(text: object) -> str:
    """The form in which enumeration values are compared: :func:`label`, case-folded."""
    return label(text).casefold()


def clean_text(value: object) -> str:
    """A text cell: NFKC is *not* applied (names keep their characters), outer white space is dropped."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip().strip("\u3000").strip()


def split_multi(value: object) -> list[str]:
    """A multi-value cell → its parts in order, blanks and repeats dropped."""
    if isinstance(value, dt.date):
        parts = [clean_text(value)]
    else:
        parts = [p.strip().strip("\u3000").strip() for p in SEPARATORS.split(str(value))]
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return seen


class EnumMatcher:
    """Maps any accepted spelling of an enumeration value (canonical or alias) to the canonical value."""

    __slots__ = ("_lookup",)

    def __init__(self, values: Iterable[str], aliases: Mapping[str, str] | None = None) -> None:
        lookup: dict[str, str] = {}
        for value in values:
            lookup[fold(value)] = value
        for alias, target in (aliases or {}).items():
            lookup.setdefault(fold(alias), target)
        self._lookup = lookup

    def match(self, value: object) -> str | None:
        return self._lookup.get(fold(value))


def parse_date(value: object) -> tuple[dt.date | None, bool]:
    """``(date, typed_as_text)``; ``(None, False)`` when the value is not a date at all."""
    if isinstance(value, dt.datetime):
        return value.date(), False
    if isinstance(value, dt.date):
        return value, False
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return _from_parts(_DATE_TEXT[2].match(str(value))), True
    if not isinstance(value, str):
        return None, False
    text = unicodedata.normalize("NFKC", value).strip()
    for pattern in _DATE_TEXT:
        found = _from_parts(pattern.match(text))
        if found is not None:
            return found, True
    return None, False


def _from_parts(match: re.Match[str] | None) -> dt.date | None:
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_month_day(value: object) -> str | None:
    """A 月日 setting (``MM-DD``): a date (Excel often turns ``02-28`` into one), ``2-28``, ``2月28日``."""
    if isinstance(value, dt.date):
        return f"{value.month:02d}-{value.day:02d}"
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    for pattern in _MONTH_DAY_TEXT:
        match = pattern.match(text)
        if match:
            month, day = (int(g) for g in match.groups())
            return f"{month:02d}-{day:02d}"
    return None


def parse_decimal(value: object) -> Decimal | None:
    """A number cell or a number stored as text (``"3"``, ``"１２"``, ``" 2.5 "``); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None  # 1e309 in a cell reads as infinity
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if not isinstance(value, str):
        return None
    text = "".join(unicodedata.normalize("NFKC", value).split()).replace(",", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex already excludes it
        return None


def parse_integer(value: object) -> int | None:
    number = parse_decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def parse_percent(value: object) -> Decimal | None:
    """A ratio as a fraction of 1: ``30%``, ``0.3`` and ``30`` are all 0.3 (see the module docstring)."""
    if isinstance(value, str):
        text = "".join(unicodedata.normalize("NFKC", value).split())
        if text.endswith("%"):
            number = parse_decimal(text[:-1])
            return None if number is None else _tidy(number / 100)
        number = parse_decimal(text)
    else:
        number = parse_decimal(value)
    if number is None:
        return None
    return _tidy(number / 100 if number > 1 else number)


def _tidy(number: Decimal) -> Decimal:
    """0.30 → 0.3, 1.00 → 1 (a stable spelling for reports)."""
    normal = number.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal
