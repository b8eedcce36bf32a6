"""What the layout of one sheet is found to be: its kind, its header row, what each column is, rows skipped.

:class:`SheetLayout` is the answer of :func:`addin.core.layout.detect.sheet_layout` and what every later step
works from: validation in place (the user's sheet name, row numbers and column letters), ``ssj import`` (导入说明
and 列名对照 list it), and any list read through a :class:`~addin.core.layout.vocabulary.Vocabulary`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from addin.core.issues import Issue
from addin.core.layout.vocabulary import ALIAS, EXACT
from addin.core.table import column_letter

MAPPING = "mapping"  # the user's 列名对照 said so
UNUSED = "unused"  # no standard column: kept as it is (导入时保留在名录中)
ROW_NUMBER = "row-number"  # 序号: a running number, not data
CLASH = "clash"  # two columns name one standard column and neither is the standard name: none is used
DUPLICATE = "duplicate"  # the column is named a second time: the first one is used
LEFT_OUT = "left-out"  # the 列名对照 says not to use it

HOW_LABELS: Mapping[str, str] = {
    EXACT: "标准列名", ALIAS: "别名", MAPPING: "列名对照", UNUSED: "未使用，已保留", ROW_NUMBER: "序号，未导入",
    CLASH: "与其他列冲突，未使用", DUPLICATE: "重复的列，未使用", LEFT_OUT: "列名对照指定不使用",
}

BY_NAME, BY_ALIAS, BY_COLUMNS, BY_MAPPING = "name", "alias", "columns", "mapping"


@dataclass(frozen=True, slots=True)
class ColumnUse:
    """One column of a source sheet: its 0-based ``index``, its header text as found (``source``; for a
    two-row header, the lower cell or, where that is blank, the merged label above), the group label above
    it (``group``), and the standard column it gives (``field``, None when not used) and how (``how``)."""

    index: int
    source: str
    field: str | None
    how: str
    group: str = ""

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def used(self) -> bool:
        return self.field is not None and self.how in (EXACT, ALIAS, MAPPING)


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row under the header that is not data — a sample (示例), fill-in notes (填写说明), format hints, a
    row of column numbers or a repeated header — with the reason and the cell that tells."""

    row: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """One sheet as found: ``kind`` (None: not a list the add-in knows), ``header_row`` (the Excel row of the
    header; for a two-row header the lower row, ``group_row`` the row of group labels above), the columns,
    the rows skipped under the header, how the kind was found (``found_by``) and why (``reason``, Chinese),
    and the issues of the header itself (clashes, repeated columns, skipped rows)."""

    sheet: str
    kind: str | None
    header_row: int
    columns: tuple[ColumnUse, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()
    found_by: str = ""
    reason: str = ""
    issues: tuple[Issue, ...] = ()
    group_row: int | None = None
    clashes: frozenset[str] = frozenset()  # standard columns named by two alias columns (none used)

    @property
    def recognised(self) -> bool:
        return self.kind is not None

    def positions(self) -> dict[str, int]:
        """Standard column name → 0-based column index, for the columns used."""
        return {c.field: c.index for c in self.columns if c.used and c.field is not None}

    def header(self) -> tuple[str, ...]:
        """The header row in standard names: each used column's standard name, blank for the others; the
        texts as found when no column is known at all (so that every required column is reported missing)."""
        if not any(c.used for c in self.columns):
            return tuple(c.source for c in self.columns)
        return tuple(c.field if c.used and c.field is not None else "" for c in self.columns)

    @property
    def skipped_rows(self) -> frozenset[int]:
        return frozenset(s.row for s in self.skipped)

    @property
    def standard(self) -> bool:
        """Whether the sheet is exactly in the template's layout: its standard name, the header in row 1,
        every column known by its standard name, nothing skipped."""
        return (self.found_by == BY_NAME and self.header_row == 1 and self.group_row is None and not self.skipped
                and all(c.how == EXACT for c in self.columns if c.source))
