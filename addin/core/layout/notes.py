"""Rows under a header that are not data (示例行、填写说明): found, skipped and reported, never read as data.

Templates of provincial platforms put fill-in notes under the header (必填 / 选填, 格式：YYYY-MM-DD, 请从下拉
列表选择) and a sample row ("案例（请删除）", "示例"); printed tables number their columns (1, 2, 3 …); a sheet
copied together from pages repeats its header. Such rows are only looked for in a block directly under the
header (blank rows between them are passed over): the first row that is none of these starts the data, so a
business whose name happens to hold a marker word is never taken for a note.

A row is not data when its first filled cell is a sample marker (示例, 案例（请删除）, 样例：…; a name such as
示例县第一中学 is not one) or a cell holds 请删除 (示例行); when most of its filled cells are fill-in hints (必填, 选填, 文本, 日期, 下拉选择,
格式：…, a date pattern such as ``YYYY-MM-DD``: 填写提示); when a cell starts with 说明： / 注： / 请填写 or holds
填写说明 (填写说明); when its filled cells are exactly 1, 2, 3 … (列序号); or when it repeats the header.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from addin.core.layout.model import SkippedRow
from addin.core.layout.vocabulary import header_key

MAX_NOTE_ROWS = 6  # non-blank rows under the header looked at
_TEXT_LIMIT = 40

_SAMPLE = re.compile(r"^(示例|案例|样例|范例|举例|例子|例)(行|数据)?([:(\[【]|请删除|$)")
_SAMPLE_ANYWHERE = ("请删除", "删除此行", "此行删除", "导入前删除", "填写前删除")
_NOTE_ANYWHERE = ("填写说明", "填表说明", "填报说明")
_NOTE_STARTS = ("说明:", "注:", "注意:", "备注:", "填写要求", "填报要求", "请填写", "请选择", "请输入", "如:", "例如:")
_HINT_STARTS = ("必填", "选填", "非必填", "格式:", "格式为")
_HINTS = frozenset({"可选", "可不填", "文本", "数字", "数值", "整数", "日期", "文本格式", "日期格式", "下拉选择",
                    "下拉框选择", "下拉列表选择", "从下拉列表选择", "是/否", "选择", "单选", "多选"})
_DATE_HINT = re.compile(r"^(yyyy|yy)[-/.年]?(mm|m)[-/.月]?(dd|d)日?$")
_COLUMN_NUMBER = re.compile(r"^(\d{1,3})$")


def _key(cell: Any) -> str:
    """A cell as compared here: NFKC, no white space, no case, brackets around it dropped."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = "".join(unicodedata.normalize("NFKC", str(cell)).split()).casefold()
    return text.strip("*★()[]【】〔〕")


def _shown(cell: Any) -> str:
    text = unicodedata.normalize("NFC", str(cell)).strip().replace("\n", " ")
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1] + "…"


def note_reason(cells: Sequence[Any], header: Sequence[str]) -> tuple[str, str] | None:
    """``(reason, the telling cell)`` when the row under a header is not data, else None."""
    filled = [c for c in cells if c is not None and str(c).strip() != ""]
    if not filled:
        return None
    keys = [_key(c) for c in filled]
    if _SAMPLE.match(keys[0]):  # 示例 / 案例（请删除） opens the row; a value 示例数据 further right is data
        return "示例行", _shown(filled[0])
    for cell, key in zip(filled, keys, strict=True):
        if any(mark in key for mark in _SAMPLE_ANYWHERE):
            return "示例行", _shown(cell)
    hints = [c for c, k in zip(filled, keys, strict=True)
             if k in _HINTS or k.startswith(_HINT_STARTS) or _DATE_HINT.match(k)]
    if 2 * len(hints) > len(keys):
        return "填写提示", _shown(hints[0])
    for cell, key in zip(filled, keys, strict=True):
        if key.startswith(_NOTE_STARTS) or any(mark in key for mark in _NOTE_ANYWHERE):
            return "填写说明", _shown(cell)
    if len(keys) >= 3 and _counting(keys):
        return "列序号", _shown(filled[0])
    known = {header_key(h) for h in header if h}
    if len(keys) >= 2 and 2 * sum(header_key(c) in known for c in filled) > len(keys):
        return "重复的表头", _shown(filled[0])
    return None


def _counting(keys: Sequence[str]) -> bool:
    """1, 2, 3 … (or (1), (2) …): a row numbering the columns."""
    numbers = []
    for key in keys:
        match = _COLUMN_NUMBER.match(key)
        if match is None:
            return False
        numbers.append(int(match.group(1)))
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def notes_below(rows: Iterable[tuple[int, Sequence[Any]]], header: Sequence[str]) -> list[SkippedRow]:
    """The block of note rows directly under the header: ``rows`` are the rows below it, in order."""
    found: list[SkippedRow] = []
    looked = 0
    for number, cells in rows:
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        looked += 1
        reason = note_reason(cells, header)
        if reason is None or looked > MAX_NOTE_ROWS:
            break
        found.append(SkippedRow(number, *reason))
    return found
