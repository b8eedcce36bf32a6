"""Duplicate keys (重复): the key columns of a sheet (``x-keys``) identify one row each — 统一社会信用代码 of
targets, 执法证号 and 身份证号 of inspectors, 事项编码, 任务编号, (执法证号, 统一社会信用代码) of 回避关系 ….

Keys are compared after normalisation (a code typed in lower case or full width is the same code). The first
row keeps the key; every later row with the same key is reported, pointing at the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from addin.core import ids
from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.validation.records import SheetRead


def duplicate_keys(read: SheetRead) -> list[Issue]:
    found: list[Issue] = []
    for key in read.schema.keys:
        if not all(read.has(name) for name in key):
            continue
        first: dict[Any, int] = {}
        columns = [read.values(name) for name in key]
        values: Iterable[Any] = columns[0] if len(key) == 1 else zip(*columns, strict=True)
        for row, value in zip(read.rows, values, strict=True):
            if len(key) == 1:
                if value is None:
                    continue
                value = _hashable(value)
            else:
                value = tuple(map(_hashable, value))
                if None in value:
                    continue
            seen = first.setdefault(value, row)
            if seen != row:
                name = key[0]
                shown = value if len(key) == 1 else value[0]
                found.append(issue(
                    "row.duplicate-key", sheet=read.sheet, row=row, column=read.column(name), field=name,
                    value=_shown(read, name, shown), first_row=seen, key="、".join(key),
                ))
    return found


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _shown(read: SheetRead, name: str, value: Any) -> Any:
    if read.schema.field(name).format == "idcard":
        return ids.mask_idcard(str(value))
    return value.isoformat() if hasattr(value, "isoformat") else value
