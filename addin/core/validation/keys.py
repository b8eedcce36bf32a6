"""Duplicate keys (重复): the key columns of a sheet (``x-keys``) identify one row each — 统一社会信用代码 of
targets, 执法证号 and 身份证号 of inspectors, 事项编码, 任务编号, (执法证号, 统一社会信用代码) of 回避关系 ….

Keys are compared after normalisation (a code typed in lower case or full width is the same code). The first
row keeps the key; every later row with the same key is reported, pointing at the first. A sheet that lists an
entity once per value of a column (``x-listed-per``: a hospital that is 医疗机构 and 放射卫生 is listed on two
rows, one per 检查对象类别) repeats the key under another value of that column: one business with several
categories, not a duplicate; the same key under the same value is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from addin.core import ids
from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.validation.records import SheetRead


def duplicate_keys(read: SheetRead) -> list[Issue]:
    found: list[Issue] = []
    per = read.schema.listed_per
    for key in read.schema.keys:
        if not all(read.has(name) for name in key):
            continue
        listed = read.values(per) if per is not None and per not in key and read.has(per) else None
        values = _key_values(read, key)
        repeats = _repeats(read.rows, values) if listed is None else _repeats_listed(read.rows, values, listed)
        name = key[0]
        for row, value, seen in repeats:
            found.append(issue(
                "row.duplicate-key", sheet=read.sheet, row=row, column=read.column(name), field=name,
                value=_shown(read, name, value if len(key) == 1 else value[0]), first_row=seen,
                key="、".join(key if listed is None else (*key, str(per))),
            ))
    return found


def _repeats(rows: Sequence[int], values: Iterable[Any]) -> Iterator[tuple[int, Any, int]]:
    """(row, key, first row with that key) for every row whose key an earlier row has."""
    first: dict[Any, int] = {}
    for row, value in zip(rows, values, strict=True):
        if value is None:
            continue
        seen = first.setdefault(value, row)
        if seen != row:
            yield row, value, seen


def _repeats_listed(rows: Sequence[int], values: Iterable[Any], listed: Sequence[Any]) -> Iterator[tuple[int, Any, int]]:
    """:func:`_repeats` for a sheet that lists an entity once per value of a column (``x-listed-per``)."""
    keys = list(values)
    per = [_hashable(v) for v in listed]
    if all(p is not None for k, p in zip(keys, per, strict=True) if k is not None):  # the usual case: fast
        pairs = (None if k is None else (k, p) for k, p in zip(keys, per, strict=True))
        yield from ((row, pair[0], seen) for row, pair, seen in _repeats(rows, pairs))
        return
    seen_at = _Listed()
    for row, key, value in zip(rows, keys, per, strict=True):
        if key is None:
            continue
        seen = seen_at.see(key, value, row)
        if seen != row:
            yield row, key, seen


def _key_values(read: SheetRead, key: tuple[str, ...]) -> Iterable[Any]:
    """Each row's key, hashable, or None when a part of it is blank."""
    if len(key) == 1:
        return (None if v is None else _hashable(v) for v in read.values(key[0]))
    columns = [read.values(name) for name in key]
    return (None if None in v else tuple(map(_hashable, v)) for v in zip(*columns, strict=True))


class _Listed:
    """The first row of each key under each value of the ``x-listed-per`` column: the same key under the same
    value is a duplicate, under another value the same entity again; a row without a value repeats any."""

    def __init__(self) -> None:
        self.by_value: dict[tuple[Any, Any], int] = {}
        self.any: dict[Any, int] = {}
        self.blank: dict[Any, int] = {}

    def see(self, key: Any, value: Any, row: int) -> int:
        """The first row ``row`` repeats (``row`` itself when it repeats none)."""
        if value is None:
            seen = self.any.get(key, row)
        else:
            seen = self.by_value.get((key, value), self.blank.get(key, row))
            self.by_value.setdefault((key, value), row)
        self.any.setdefault(key, row)
        if value is None:
            self.blank.setdefault(key, row)
        return seen


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _shown(read: SheetRead, name: str, value: Any) -> Any:
    if read.schema.field(name).format == "idcard":
        return ids.mask_idcard(str(value))
    return value.isoformat() if hasattr(value, "isoformat") else value
