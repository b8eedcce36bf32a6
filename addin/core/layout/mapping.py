"""The user's 列名对照 (column mapping): which standard column each column of his sheets is.

``ssj import`` writes a 列名对照 sheet (来源文件 | 工作表 | 识别为 | 表头行 | 列 | 原列名 | 标准列名 | 说明) listing
every column of every sheet it read; the user corrects 标准列名 (or writes 不导入) and passes the workbook back
with ``--mapping``, so that the next export of the same platform is imported in one step. Only 工作表, 原列名 and
标准列名 are needed; 来源文件 narrows a row to one file, 识别为 names the kind of the sheet, 表头行 the header row
(used when the mapped 原列名 are found in that row).

Which rows apply to a sheet: those of its file and sheet name; else those without a file; else — a
platform's next export has another file name — the rows of a file with the same sheet name whose 原列名 best
fit the sheet (at least half of them found in its first rows).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.layout.model import HOW_LABELS, LEFT_OUT, SheetLayout
from addin.core.layout.vocabulary import Column, Vocabulary, header_key
from addin.core.table import Table, column_letter

SHEET = "列名对照"
COLUMNS = ("来源文件", "工作表", "识别为", "表头行", "列", "原列名", "标准列名", "说明")
REQUIRED = ("工作表", "原列名", "标准列名")
LEAVE_OUT = frozenset({"不导入", "不使用", "忽略", "(不导入)", "-", "—"})
WRITTEN_LEAVE_OUT = "不导入"

MAPPING_VOCABULARY = Vocabulary("column-mapping", SHEET, [Column(name, required=name in REQUIRED) for name in COLUMNS],
                                keys=[REQUIRED])
"""The 列名对照 sheet itself, read like any list (its header found among the first rows, under a note)."""


@dataclass(frozen=True, slots=True)
class SheetMapping:
    """The 列名对照 rows of one source sheet: ``columns`` maps the key of a 原列名 (:func:`header_key`) to a
    standard column name, or to None (不导入)."""

    file: str
    sheet: str
    kind: str | None = None
    header_row: int | None = None
    columns: Mapping[str, str | None] = field(default_factory=dict)

    def target(self, text: str) -> tuple[str | None, str] | None:
        """``(standard column or None, 'mapping')`` when the 列名对照 names this header text."""
        key = header_key(text)
        if key not in self.columns:
            return None
        return self.columns[key], "mapping"


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """A whole 列名对照: the entries per (file, sheet)."""

    sheets: tuple[SheetMapping, ...] = ()

    def candidates(self, file: str, sheet: str) -> list[SheetMapping]:
        """The entries that may apply to ``sheet`` of ``file`` (module docstring), best first."""
        same = [m for m in self.sheets if header_key(m.sheet) == header_key(sheet)]
        exact = [m for m in same if m.file and m.file.casefold() == file.casefold()]
        if exact:
            return exact
        anywhere = [m for m in same if not m.file]
        return anywhere or same


def choose_mapping(candidates: Sequence[SheetMapping], texts: Iterable[str]) -> SheetMapping | None:
    """The entry whose 原列名 best fit a sheet's first rows (``texts``): the only one when it is for this file
    or for any file; else the best fit with at least half of its 原列名 found."""
    if not candidates:
        return None
    if len(candidates) == 1 and (candidates[0].file == "" or _fit(candidates[0], texts) >= 0.5):
        return candidates[0]
    present = {header_key(t) for t in texts if t}
    scored = sorted(((_fit(m, present), i) for i, m in enumerate(candidates)), reverse=True)
    score, index = scored[0]
    return candidates[index] if score >= 0.5 else None


def _fit(mapping: SheetMapping, texts: Iterable[str]) -> float:
    present = texts if isinstance(texts, set) else {header_key(t) for t in texts if t}
    if not mapping.columns:
        return 1.0
    return sum(key in present for key in mapping.columns) / len(mapping.columns)


def parse_mapping(table: Table, vocabs: Mapping[str, Vocabulary]) -> tuple[ColumnMapping, list[Issue]]:
    """A 列名对照 sheet → the mapping, and its problems with their positions (errors: an unknown 识别为 or
    标准列名, a 原列名 mapped two ways)."""
    issues: list[Issue] = []
    where = {name: table.index(name) for name in COLUMNS}
    missing = [name for name in REQUIRED if where[name] is None]
    if missing:
        return ColumnMapping(), [issue("sheet.missing-column", sheet=table.sheet, row=table.header_row, field=n)
                                 for n in missing]
    by_kind_name = {v.sheet: k for k, v in vocabs.items()} | {k: k for k in vocabs}
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for row in table.data_rows():
        def cell(name: str, row: Any = row) -> str:
            index = where[name]
            value = row.get(index)
            return "" if value is None else str(value).strip()

        sheet, source, target = cell("工作表"), cell("原列名"), cell("标准列名")
        if not sheet or not (source or cell("识别为")):
            continue  # a row with only 识别为 names the kind of a sheet that was not recognised
        group = groups.setdefault((cell("来源文件"), sheet), {"kind": None, "row": None, "columns": {}})
        kind_text = cell("识别为")
        if kind_text:
            kind = by_kind_name.get(kind_text)
            if kind is None:
                issues.append(_bad(table, row.number, where["识别为"], "识别为", kind_text,
                                   "应为 " + "、".join(v.sheet for v in vocabs.values())))
            else:
                group["kind"] = group["kind"] or kind
        header_text = cell("表头行")
        if header_text.isdigit() and int(header_text) > 0:
            group["row"] = group["row"] or int(header_text)
        if not source:
            continue
        key = header_key(source)
        value: str | None = None if (not target or header_key(target) in LEAVE_OUT) else target
        if value is not None:
            kind = group["kind"]
            names = vocabs[kind].column_names if kind else {n for v in vocabs.values() for n in v.column_names}
            if value not in names:
                issues.append(_bad(table, row.number, where["标准列名"], "标准列名", value,
                                   "不是" + (f"“{vocabs[kind].sheet}”的" if kind else "任何名录的") + "标准列名"))
                continue
        if not target:
            continue  # blank: the column is found as usual
        columns = group["columns"]
        if key in columns and columns[key] != value:
            issues.append(_bad(table, row.number, where["标准列名"], "标准列名", target, f"“{source}”已对应到其他列"))
            continue
        columns[key] = value
    sheets = tuple(SheetMapping(file, sheet, g["kind"], g["row"], dict(g["columns"]))
                   for (file, sheet), g in groups.items())
    return ColumnMapping(sheets), issues


def _bad(table: Table, row: int, index: int | None, name: str, value: str, reason: str) -> Issue:
    return issue("mapping.invalid", sheet=table.sheet, row=row, column=None if index is None else column_letter(index),
                 field=name, value=value, reason=reason)


def mapping_rows(file: str, layout: SheetLayout, vocabs: Mapping[str, Vocabulary]) -> list[list[Any]]:
    """The 列名对照 rows (:data:`COLUMNS`) of one sheet as read: one per column, its 标准列名 filled in when it is
    used (blank when it is not: the user writes one in, or 不导入), or — for a sheet that is no known list — one
    row that says why, where the user can name its kind (识别为) and its columns."""
    if layout.kind is None:
        return [[file, layout.sheet, "", None, "", "", "", layout.reason]]
    kind = vocabs[layout.kind].sheet if layout.kind in vocabs else layout.kind
    rows: list[list[Any]] = []
    for column in layout.columns:
        if not column.source:
            continue
        target = column.field if column.used else (WRITTEN_LEAVE_OUT if column.how == LEFT_OUT else "")
        rows.append([file, layout.sheet, kind, layout.header_row, column.letter, column.source, target,
                     HOW_LABELS.get(column.how, column.how)])
    return rows
