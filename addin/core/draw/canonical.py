"""Reading the canonical TSV inputs (规范化输入文件, spec §2) from bytes, refusing any that is not canonical.

A canonical TSV is UTF-8 (NFC), TAB-separated, every line ending in LF (no CR, no header, no blank line),
strictly ascending by its key columns' bytes with no duplicates. The bytes are the commitment — their SHA-256
enters the freeze entry — so nothing is repaired here: the first offending line is named and the file refused
with the code ``draw.not-canonical``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from addin.core.draw.model import Conflict, Inspector, Target, TeamConflict
from addin.core.errors import AddinError

ID = r"[0-9A-Z]{1,64}"
STRATUM = r"[A-Za-z0-9_.:-]{1,64}"
TEXT = r"[^\t\n\r]*"
LABEL = r"[^\t\n\r,]+"
LABELS = rf"(?:{LABEL}(?:,{LABEL})*)?"
INDUSTRY_LABEL = r"[^\t\n\r ]+"
"""A draw-v2 industry label: no white space (the field separates its labels by single spaces)."""
CAP = r"[1-9][0-9]{0,14}"
REASON_CODES = ("EMP", "OTHER", "PREV", "REL")
REASONS = r"(?:REL|EMP|PREV|OTHER)(?:,(?:REL|EMP|PREV|OTHER))*"


@dataclass(frozen=True, slots=True)
class TsvLayout:
    """The columns of one canonical file: (Chinese description, pattern) per column, and the key width."""

    file: str
    columns: tuple[tuple[str, str], ...]
    key_width: int

    def line_pattern(self) -> re.Pattern[str]:
        return re.compile("\t".join(f"({p})" for _, p in self.columns))

    def file_pattern(self) -> re.Pattern[str]:
        line = "\t".join(p for _, p in self.columns)
        return re.compile(f"(?:{line}\n)*")


POOL = TsvLayout("pool.tsv", (("检查对象代码 entity_id", ID), ("风险分类 stratum", STRATUM),
                              ("检查对象类别 industry", TEXT), ("区域 region", TEXT)), 1)
ROSTER = TsvLayout("roster.tsv", (("执法人员编号 inspector_id", ID), ("部门 dept", r"[^\t\n\r]+"),
                                  ("专业领域 tags", LABELS), ("工作量上限 cap", CAP)), 1)
CONFLICTS = TsvLayout("conflicts.tsv", (("执法人员编号 inspector_id", ID), ("检查对象代码 entity_id", ID),
                                        ("回避原因 reasons", REASONS)), 2)
TEAM_CONFLICTS = TsvLayout("team_conflicts.tsv", (("执法人员编号 a", ID), ("执法人员编号 b", ID)), 2)


def not_canonical(file: str, line: int, reason: str) -> AddinError:
    """The error for a file that is not canonical, naming the file and the 1-based line."""
    return AddinError(
        "draw.not-canonical",
        f"{file} 第 {line} 行不是规范格式：{reason}。冻结文件必须原样使用，不能手工修改。",
        {"file": file, "line": line, "reason": reason},
    )


def _text_lines(layout: TsvLayout, data: bytes) -> tuple[str, list[str]]:
    """Decode and split into lines, refusing bad encoding, CR, a missing final LF and non-NFC text."""
    name = layout.file
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise not_canonical(name, data[: err.start].count(b"\n") + 1, "不是 UTF-8 编码") from err
    if text.startswith("\ufeff"):
        raise not_canonical(name, 1, "文件开头有 BOM 标记")
    if "\r" in text:
        raise not_canonical(name, text.count("\n", 0, text.index("\r")) + 1, "含有回车符 CR（行尾只能是 LF）")
    if text and not text.endswith("\n"):
        raise not_canonical(name, text.count("\n") + 1, "最后一行没有以换行符 LF 结尾")
    lines = text.split("\n")
    lines.pop()
    if not unicodedata.is_normalized("NFC", text):
        for number, line in enumerate(lines, 1):
            if not unicodedata.is_normalized("NFC", line):
                raise not_canonical(name, number, "文字不是 Unicode NFC 规范形式")
    return text, lines


def _explain(layout: TsvLayout, number: int, line: str) -> AddinError:
    """Say precisely why one line does not match the layout."""
    if line == "":
        return not_canonical(layout.file, number, "空行")
    fields = line.split("\t")
    if len(fields) != len(layout.columns):
        return not_canonical(layout.file, number, f"应有 {len(layout.columns)} 列（TAB 分隔），实有 {len(fields)} 列")
    for (title, pattern), value in zip(layout.columns, fields, strict=True):
        if not re.fullmatch(pattern, value):
            return not_canonical(layout.file, number, f"“{title}”的值不合格式：{value!r}")
    return not_canonical(layout.file, number, "格式不符")


def split_rows(layout: TsvLayout, data: bytes) -> list[list[str]]:
    """The fields of every line, after checking encoding, line ends, columns and the ascending unique key."""
    text, lines = _text_lines(layout, data)
    if not layout.file_pattern().fullmatch(text):
        pattern = layout.line_pattern()
        for number, line in enumerate(lines, 1):
            if not pattern.fullmatch(line):
                raise _explain(layout, number, line)
    rows = [line.split("\t") for line in lines]
    width = layout.key_width
    # Python compares str by code point, which is the order of their UTF-8 bytes.
    previous: list[str] | None = None
    for number, row in enumerate(rows, 1):
        key = row[:width]
        if previous is not None and key <= previous:
            what = "与上一行的键重复" if key == previous else "未按键的字节升序排列（应严格升序）"
            raise not_canonical(layout.file, number, f"{what}：{'⇥'.join(key)}")
        previous = key
    return rows


T = TypeVar("T")


def _parse(layout: TsvLayout, data: bytes, make: Callable[[int, Sequence[str]], T]) -> tuple[T, ...]:
    return tuple(make(number, row) for number, row in enumerate(split_rows(layout, data), 1))


def parse_pool(data: bytes, spec: str = "draw-v1") -> tuple[Target, ...]:
    """``pool.tsv`` → targets in entity_id byte order. In draw-v2 the industry field holds the target's labels
    (检查对象类别) separated by single spaces, sorted by bytes, unique — a business in several categories."""
    rows = split_rows(POOL, data)
    if spec == "draw-v1":
        return tuple(Target(r[0], r[1], r[2], r[3], (r[2],)) for r in rows)
    return tuple(Target(r[0], r[1], r[2], r[3], _industries(number, r[2])) for number, r in enumerate(rows, 1))


def _industries(number: int, field: str) -> tuple[str, ...]:
    labels = tuple(field.split(" ")) if field else ()
    if any(not label for label in labels) or any(b <= a for a, b in pairwise(labels)):
        raise not_canonical(POOL.file, number, "检查对象类别 industry 应为按字节升序、不重复、以一个空格分隔的非空标签"
                            f"（draw-v2）：{field!r}")
    return labels


def _inspector(number: int, row: Sequence[str]) -> Inspector:
    tags = tuple(row[2].split(",")) if row[2] else ()
    if any(b <= a for a, b in pairwise(tags)):
        raise not_canonical(ROSTER.file, number, f"专业领域 tags 未按字节升序排列或有重复：{row[2]!r}")
    return Inspector(row[0], row[1], tags, int(row[3]))


def parse_roster(data: bytes) -> tuple[Inspector, ...]:
    """``roster.tsv`` → inspectors in inspector_id byte order; tags sorted and unique."""
    return _parse(ROSTER, data, _inspector)


def parse_conflicts(data: bytes) -> tuple[Conflict, ...]:
    """``conflicts.tsv`` → (inspector, target) pairs that must not meet, with reason codes."""
    return _parse(CONFLICTS, data, lambda _n, r: Conflict(r[0], r[1], tuple(r[2].split(","))))


def _team_conflict(number: int, row: Sequence[str]) -> TeamConflict:
    if not row[0] < row[1]:
        raise not_canonical(TEAM_CONFLICTS.file, number, f"每行的两人必须满足 a < b（按字节）：{row[0]} ⇥ {row[1]}")
    return TeamConflict(row[0], row[1])


def parse_team_conflicts(data: bytes) -> tuple[TeamConflict, ...]:
    """``team_conflicts.tsv`` → pairs of inspectors who must not share a team."""
    return _parse(TEAM_CONFLICTS, data, _team_conflict)
