"""``ssj import`` (导入名录): the lists of several files brought into one workbook in the standard layout.

Pure: the sheets come already read through their layouts (:mod:`addin.services.layouts`); this module

- **gathers** the rows of every source sheet of one kind (:func:`gather`) into the standard columns, in the
  order of the schema, with the values rewritten to their standard spelling (:mod:`addin.core.layout.values`),
  the columns that map to none kept to the right (未使用，已保留 — nothing of the source is lost), and the origin
  of every row in 来源文件 / 来源工作表 / 来源行, so any issue leads back to the original. A row that was itself
  imported before keeps its origin. 序号 and the columns the 列名对照 leaves out are not imported; blank rows are
  counted, not imported;
- **finds the duplicates** with the validation's own rule (:func:`duplicates`): across files and within one,
  each with both origins — never merged. A business listed under several 检查对象类别 (``x-listed-per``) is one
  business with several categories, not a duplicate (:func:`several_categories` lists them);
- **explains** the import (:func:`explanation`): the 导入说明 rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from addin.core.layout import CLASH, DUPLICATE, HOW_LABELS, UNUSED, SheetLayout, header_key
from addin.core.layout.values import ValueRewriter
from addin.core.schema import SheetSchema
from addin.core.table import Row, Table, normalise_cell
from addin.core.validation.keys import duplicate_keys
from addin.core.validation.records import SheetRead, read_sheet

SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW = "来源文件", "来源工作表", "来源行"
ORIGIN_COLUMNS = (SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW)
EXPLANATION_SHEET = "导入说明"
EXPLANATION_COLUMNS = ("类别", "来源文件", "工作表", "位置", "内容", "说明")
KEPT = (UNUSED, CLASH, DUPLICATE)  # columns kept as they are, to the right of the standard ones


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an imported row comes from: the file, the sheet and the Excel row the user sees there."""

    file: str
    sheet: str
    row: int

    def shown(self) -> str:
        return f"{self.file}“{self.sheet}”第 {self.row} 行"


@dataclass(slots=True)
class SourceSheet:
    """One recognised sheet of one file: its layout, its data rows (Excel number, raw cells), and the rows left
    out as continuations of merged cells."""

    file: str
    layout: SheetLayout
    rows: Sequence[tuple[int, Sequence[Any]]]
    continuations: Sequence[int] = ()
    imported: int = 0  # rows gathered
    blank: int = 0  # blank rows not imported


@dataclass(slots=True)
class Gathered:
    """The rows of one kind: the output header (standard columns, kept columns, origin columns) and the rows,
    aligned with their origins."""

    kind: str
    sheet: str
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)

    @property
    def table(self) -> Table:
        """The rows as a Table whose row numbers are those of the written sheet (header in row 1)."""
        return Table(self.sheet, tuple(self.header), tuple(Row(n, tuple(v)) for n, v in enumerate(self.rows, 2)))

    def origin(self, row: int) -> Origin:
        """The origin of the written sheet's Excel row ``row``."""
        return self.origins[row - 2]


def _origin_columns(layout: SheetLayout) -> dict[str, int]:
    wanted = {header_key(name): name for name in ORIGIN_COLUMNS}
    return {wanted[header_key(c.source)]: c.index for c in layout.columns
            if c.how in KEPT and header_key(c.source) in wanted}


def gather(schema: SheetSchema, sources: Sequence[SourceSheet], rewriter: ValueRewriter) -> Gathered:
    """The rows of ``sources`` (sheets of the kind of ``schema``) in the standard layout (module docstring)."""
    fields = [spec.name for spec in schema.fields]
    taken = {header_key(name) for name in (*fields, *ORIGIN_COLUMNS)}
    kept: dict[str, str] = {}  # key of a kept column → its header in the output
    plans: list[list[tuple[int, str, str | None]]] = []  # per source: (source index, output header, field)
    for source in sources:
        plan: list[tuple[int, str, str | None]] = []
        own: set[str] = set()
        origin_keys = {header_key(n) for n in _origin_columns(source.layout)}
        for column in source.layout.columns:
            if column.used and column.field is not None:
                plan.append((column.index, column.field, column.field))
            elif column.how in KEPT and column.source and header_key(column.source) not in origin_keys:
                name = column.source
                if header_key(name) in taken or header_key(name) in own:
                    name = f"{column.source}（{column.letter} 列）"
                own.add(header_key(name))
                kept.setdefault(header_key(name), name)
                plan.append((column.index, kept[header_key(name)], None))
        plans.append(plan)
    header = [*fields, *kept.values(), *ORIGIN_COLUMNS]
    at = {name: i for i, name in enumerate(header)}
    gathered = Gathered(schema.kind, schema.sheet, header)
    for source, plan in zip(sources, plans, strict=True):
        origin_at = _origin_columns(source.layout)
        for number, cells in source.rows:
            values: list[Any] = [None] * len(header)
            for index, name, spec in plan:
                value = normalise_cell(cells[index]) if index < len(cells) else None
                values[at[name]] = rewriter.rewrite(spec, value) if spec is not None else value
            if all(v is None for v in values):
                source.blank += 1
                continue
            origin = _earlier_origin(cells, origin_at) or Origin(source.file, source.layout.sheet, number)
            values[-3:] = [origin.file, origin.sheet, origin.row]
            gathered.rows.append(values)
            gathered.origins.append(origin)
            source.imported += 1
    return gathered


def _earlier_origin(cells: Sequence[Any], at: Mapping[str, int]) -> Origin | None:
    """The origin a row imported before carries (its 来源文件 and 来源行), or None."""
    if SOURCE_FILE not in at or SOURCE_ROW not in at:
        return None

    def cell(name: str) -> Any:
        index = at.get(name)
        return normalise_cell(cells[index]) if index is not None and index < len(cells) else None

    file, row = cell(SOURCE_FILE), cell(SOURCE_ROW)
    if file is None or not isinstance(row, int):
        return None
    return Origin(str(file), str(cell(SOURCE_SHEET) or ""), row)


def read_gathered(gathered: Gathered, schema: SheetSchema, today: dt.date) -> SheetRead:
    """The gathered rows read through the schema (as the validation reads them)."""
    return read_sheet(gathered.table, schema, today=today)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two rows with the same key: the later one and the first one, by their origins."""

    kind: str
    field: str
    value: Any
    key: str
    later: Origin
    first: Origin


def duplicates(gathered: Gathered, read: SheetRead) -> list[Duplicate]:
    """Rows of ``gathered`` whose key (``x-keys``) repeats — across files or within one — with both origins."""
    found = []
    for issue in duplicate_keys(read):
        found.append(Duplicate(gathered.kind, issue.field or "", issue.value, str(issue.params["key"]),
                               gathered.origin(issue.row or 0), gathered.origin(int(issue.params["first_row"]))))
    return found


@dataclass(frozen=True, slots=True)
class SeveralCategories:
    """One business listed under several categories (one row per category), kept as one business."""

    key: Any
    name: Any
    categories: tuple[str, ...]
    origins: tuple[Origin, ...]


def several_categories(gathered: Gathered, read: SheetRead) -> list[SeveralCategories]:
    """The businesses of a sheet listed once per ``x-listed-per`` value under several values."""
    per = read.schema.listed_per
    if per is None or not read.schema.keys or not read.has(per):
        return []
    key = read.schema.keys[0][0]
    names = read.values("单位名称") if read.has("单位名称") else [None] * len(read.rows)
    groups: dict[Any, list[tuple[int, Any, Any]]] = {}
    for row, code, category, name in zip(read.rows, read.values(key), read.values(per), names, strict=True):
        if code is not None and category is not None:
            groups.setdefault(code, []).append((row, category, name))
    found = []
    for code, listed in groups.items():
        categories = tuple(dict.fromkeys(str(c) for _r, c, _n in listed))
        if len(categories) > 1:
            found.append(SeveralCategories(code, listed[0][2], categories,
                                           tuple(gathered.origin(r) for r, _c, _n in listed)))
    return found


@dataclass(frozen=True, slots=True)
class FileSeen:
    """A file the import was given: ``sheets`` read, or why it was not read (``reason``); ``attention``: whether
    the user should look at it (Excel's owner files ``~$`` need not)."""

    file: str
    reason: str = ""
    sheets: int = 0
    attention: bool = True


def explanation(files: Sequence[FileSeen], sources: Sequence[SourceSheet], unrecognised: Sequence[tuple[str,
                SheetLayout]], schemas: Mapping[str, SheetSchema], gathered: Mapping[str, Gathered],
                rewrites: Sequence[tuple[str, str, str, str, int]], found: Sequence[Duplicate],
                several: Sequence[SeveralCategories]) -> list[list[Any]]:
    """The 导入说明 rows (:data:`EXPLANATION_COLUMNS`)."""
    rows: list[list[Any]] = []
    for seen in files:
        rows.append(["文件", seen.file, "", "", f"读取 {seen.sheets} 张工作表" if not seen.reason else "未读取",
                     seen.reason])
    for file, layout in unrecognised:
        rows.append(["工作表", file, layout.sheet, "", "未导入", layout.reason])
    for source in sources:
        layout = source.layout
        schema = schemas.get(layout.kind or "")
        kind = schema.sheet if schema is not None else layout.kind
        header = (f"表头在第 {layout.group_row}–{layout.header_row} 行（两行表头）" if layout.group_row
                  else f"表头在第 {layout.header_row} 行")
        rows.append(["工作表", source.file, layout.sheet, f"第 {layout.header_row} 行",
                     f"识别为“{kind}”，{header}，导入 {source.imported} 行", layout.reason])
        for column in layout.columns:
            if not column.source:
                continue
            target = f"{column.source} → {column.field}" if column.used else column.source
            rows.append(["列", source.file, layout.sheet, f"{column.letter} 列", target,
                         HOW_LABELS.get(column.how, column.how)])
        present = set(layout.positions())
        for name in schema.required if schema is not None else ():
            if name not in present:
                why = "多列都对应此列，未使用（见上）" if name in layout.clashes else "来源中没有此列"
                rows.append(["缺少必填列", source.file, layout.sheet, "", name, f"{why}；导入后为空，请补填"])
        for skipped in layout.skipped:
            rows.append(["跳过的行", source.file, layout.sheet, f"第 {skipped.row} 行", skipped.text,
                         f"{skipped.reason}，未导入"])
        for number in source.continuations:
            rows.append(["跳过的行", source.file, layout.sheet, f"第 {number} 行", "",
                         "只有合并单元格的延续，并入上一行"])
        if source.blank:
            rows.append(["跳过的行", source.file, layout.sheet, "", f"空行 {source.blank} 行", "未导入"])
    for kind, name, old, new, times in rewrites:
        rows.append(["值的改写", "", schemas[kind].sheet if kind in schemas else kind, name, f"{old} → {new}",
                     f"{times} 处"])
    for dup in found:
        rows.append(["重复", dup.later.file, dup.later.sheet, f"第 {dup.later.row} 行", f"{dup.field}：{dup.value}",
                     f"与 {dup.first.shown()}相同（{dup.key}），两行都已导入，请核对后删除一行"])
    for entry in several:
        rows.append(["多个类别", "", "", "", f"{entry.key} {entry.name or ''}".strip(),
                     f"列在 {len(entry.categories)} 个检查对象类别下（{'、'.join(entry.categories)}），按一个对象计："
                     + "；".join(o.shown() for o in entry.origins)])
    return rows


def summary(gathered: Mapping[str, Gathered], found: Sequence[Duplicate], files: Sequence[FileSeen]) -> str:
    """One line: what was imported, how many duplicates, how many files were not read."""
    parts = [f"{g.sheet} {len(g.rows)} 行" for g in gathered.values() if g.rows]
    text = "导入 " + ("、".join(parts) if parts else "0 行")
    unread = sum(1 for f in files if f.reason and f.attention)
    if found:
        text += f"；重复 {len(found)} 处（两行都已导入，见“导入说明”）"
    if unread:
        text += f"；{unread} 个文件未读取"
    return text + "。"
