"""Rendering issues as Chinese text: the only place where a catalogue template meets its params.

Values are shown as a user typed them (dates as 2024-05-01, lists joined with 、, ratios as given); the
validation has already masked every 身份证号, and no message template names a phone number.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from addin.core.catalogue import CATALOGUE
from addin.core.display import clip, shown
from addin.core.issues import Issue, Severity

PARAM_LIMIT = 1000  # a parameter (the allowed values, a hint) may be longer than a cell's value; never unbounded
SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


def show(value: Any) -> str:
    """A value as text for a message or a cell."""
    if value is None:
        return "（空）"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "、".join(show(v) for v in value)
    if isinstance(value, Decimal):
        return shown(f"{value.normalize():f}")
    return shown(value)  # control characters escaped, a long value cut with its full length, ∞ named


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(issue: Issue) -> str:
    """The issue's Chinese message."""
    params = _Params(sheet=issue.sheet or "", row=issue.row if issue.row is not None else "",
                     column=issue.column or "", field=issue.field or "", value=show(issue.value))
    params.update({k: show(v) if not isinstance(v, str) else shown(v, PARAM_LIMIT) for k, v in issue.params.items()})
    return CATALOGUE[issue.code].template.format_map(params)


def title(code: str) -> str:
    return CATALOGUE[code].title


def json_value(value: Any) -> Any:
    """A value as JSON holds it: dates as ISO text, Decimal as a number, lists as lists; text cut to a sensible
    length with a note of its full length, and a number JSON cannot hold (∞, a 5,000-digit integer) as text."""
    if isinstance(value, str):
        return clip(value)
    if isinstance(value, float) and not math.isfinite(value):
        return shown(value)
    if isinstance(value, Decimal) and not value.is_finite():
        return shown(float(value))
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 600:  # beyond ~180 digits
        return shown(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
