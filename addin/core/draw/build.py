"""Building the canonical input files from raw registry rows (冻结时生成规范化文件) — spec §2, last paragraph.

Raw values are canonicalised — Unicode NFC, trimmed, ASCII a–z → A–Z in ID columns — then the rows are
sorted by the bytes of their key and written as TSV lines ending in LF. Rows may come in any order; the
bytes depend only on the set of rows. Duplicate keys are refused, never merged silently
(``draw.duplicate-key``, naming them); a value that cannot be written (a TAB in a label, a malformed ID) is
refused with ``draw.bad-value``, naming the row by its 1-based position in the input and the column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import Any

from addin.core.draw.canonical import CAP, ID, INDUSTRY_LABEL, LABEL, REASON_CODES, STRATUM, TEXT
from addin.core.draw.hashing import canonical_json
from addin.core.draw.plan import parse_plan
from addin.core.errors import AddinError

_LOWER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def clean_text(value: object) -> str:
    """NFC and trimmed (also full-width spaces); ``None`` → ``""``; integral numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def clean_id(value: object) -> str:
    """An ID column: :func:`clean_text`, then ASCII lower case letters to upper case."""
    return clean_text(value).translate(_LOWER)


def _labels(value: object) -> list[str]:
    """A comma-joined string or an iterable of labels → cleaned labels, empty ones dropped."""
    items: list[object]
    if value is None:
        items = []
    elif isinstance(value, str):
        items = list(value.split(","))
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        items = [value]
    return [c for c in (clean_text(x) for x in items) if c]


def _check(value: str, pattern: str, file: str, index: int, column: str) -> str:
    if not re.fullmatch(pattern, value):
        raise AddinError(
            "draw.bad-value",
            f"生成 {file} 时，第 {index} 条记录的“{column}”不能写入规范文件：{value!r}",
            {"file": file, "index": index, "column": column, "value": value},
        )
    return value


def _write(file: str, rows: list[tuple[str, ...]], key_width: int) -> bytes:
    rows.sort(key=lambda r: r[:key_width])  # str order = UTF-8 byte order
    dups = sorted({"⇥".join(a[:key_width]) for a, b in pairwise(rows)
                   if a[:key_width] == b[:key_width]})
    if dups:
        shown = "、".join(dups[:10]) + (f" 等 {len(dups)} 个" if len(dups) > 10 else "")
        raise AddinError(
            "draw.duplicate-key",
            f"生成 {file} 时发现重复的键（不会自动合并，请先在名录中处理）：{shown}",
            {"file": file, "keys": dups},
        )
    return "".join("\t".join(r) + "\n" for r in rows).encode("utf-8")


def _build(file: str, rows: Iterable[Sequence[Any]], width: int, key_width: int,
           make: Callable[[int, Sequence[Any]], tuple[str, ...]]) -> bytes:
    out = []
    for index, row in enumerate(rows, 1):
        if len(row) != width:
            raise AddinError("draw.bad-value", f"生成 {file} 时，第 {index} 条记录应有 {width} 个字段，实有 {len(row)} 个。",
                             {"file": file, "index": index})
        out.append(make(index, row))
    return _write(file, out, key_width)


def build_pool_tsv(rows: Iterable[Sequence[Any]]) -> bytes:
    """``pool.tsv`` from ``(entity_id, stratum, industry, region)`` rows in any order. ``industry`` is one string
    (draw-v1), or a list or tuple of labels (draw-v2: a business in several categories), written sorted,
    unique and separated by single spaces."""
    f = "pool.tsv"
    return _build(f, rows, 4, 1, lambda i, r: (
        _check(clean_id(r[0]), ID, f, i, "统一社会信用代码"),
        _check(clean_text(r[1]), STRATUM, f, i, "风险分类"),
        _industry(r[2], f, i),
        _check(clean_text(r[3]), TEXT, f, i, "区域"),
    ))


def _industry(value: object, file: str, index: int) -> str:
    if isinstance(value, list | tuple):
        labels = sorted({clean_text(x) for x in value} - {""})
        for label in labels:
            _check(label, INDUSTRY_LABEL, file, index, "检查对象类别")
        return " ".join(labels)
    return _check(clean_text(value), TEXT, file, index, "检查对象类别")


def _tags(value: object, file: str, index: int) -> str:
    tags = sorted(set(_labels(value)))
    for t in tags:
        _check(t, LABEL, file, index, "专业领域")
    return ",".join(tags)


def build_roster_tsv(rows: Iterable[Sequence[Any]]) -> bytes:
    """``roster.tsv`` from ``(inspector_id, dept, tags, cap)``; tags a comma-joined string or a list."""
    f = "roster.tsv"
    return _build(f, rows, 4, 1, lambda i, r: (
        _check(clean_id(r[0]), ID, f, i, "执法证号"),
        _check(clean_text(r[1]), r"[^\t\n\r]+", f, i, "部门"),
        _tags(r[2], f, i),
        _check(clean_text(r[3]), CAP, f, i, "工作量上限"),
    ))


def _reasons(value: object, file: str, index: int) -> str:
    codes = sorted({c.translate(_LOWER) for c in _labels(value)})
    if not codes or any(c not in REASON_CODES for c in codes):
        raise AddinError(
            "draw.bad-value",
            f"生成 {file} 时，第 {index} 条记录的回避原因应为 {'/'.join(REASON_CODES)} 之一或几个：{value!r}",
            {"file": file, "index": index, "column": "回避原因", "value": str(value)},
        )
    return ",".join(codes)


def build_conflicts_tsv(rows: Iterable[Sequence[Any]]) -> bytes:
    """``conflicts.tsv`` from ``(inspector_id, entity_id, reasons)``; reasons codes REL/EMP/PREV/OTHER."""
    f = "conflicts.tsv"
    return _build(f, rows, 3, 2, lambda i, r: (
        _check(clean_id(r[0]), ID, f, i, "执法证号"),
        _check(clean_id(r[1]), ID, f, i, "统一社会信用代码"),
        _reasons(r[2], f, i),
    ))


def _pair(index: int, row: Sequence[Any]) -> tuple[str, str]:
    f = "team_conflicts.tsv"
    a = _check(clean_id(row[0]), ID, f, index, "执法证号 a")
    b = _check(clean_id(row[1]), ID, f, index, "执法证号 b")
    if a == b:
        raise AddinError("draw.bad-value", f"生成 {f} 时，第 {index} 条记录的两人相同：{a}",
                         {"file": f, "index": index, "value": a})
    return (a, b) if a < b else (b, a)


def build_team_conflicts_tsv(rows: Iterable[Sequence[Any]]) -> bytes:
    """``team_conflicts.tsv`` from unordered pairs ``(a, b)`` (written with ``a < b``)."""
    return _build("team_conflicts.tsv", rows, 2, 2, _pair)


def build_plan_json(plan: dict[str, Any]) -> bytes:
    """``plan.json`` as canonical JSON plus LF, after checking it as :func:`parse_plan` would."""
    data = canonical_json(plan) + b"\n"
    parse_plan(data)
    return data


def build_randomness_json(values: Iterable[Sequence[str]]) -> bytes:
    """``randomness.json`` from ``(type, id, value)`` triples, in the plan's order (canonical JSON + LF)."""
    items = [{"type": clean_text(t), "id": clean_text(i), "value": clean_text(v)} for t, i, v in values]
    return canonical_json(items) + b"\n"
