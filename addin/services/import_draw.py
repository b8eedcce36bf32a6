"""Use case ``ssj import-draw``: record a batch drawn elsewhere (外部抽取) in a workbook.

The platform's result list is read like any list ``ssj import`` reads (header found among the first rows,
column names and aliases, a ``--mapping`` file: :func:`read_list`); :func:`record_batch` matches its rows to the
plan, the registries and the inspectors (:mod:`addin.core.external_draw`) and adds to the workbook — through
any :class:`~addin.ports.WorkbookPort`, so the ribbon's button works on the live workbook — a 抽取记录 row of type
``external`` and a 检查安排 sheet for the batch, with an 外部抽取核对 sheet listing what was doubtful or left out.
:func:`import_draw` does it on a copy saved to ``--out`` (the input workbook is never modified).

The same list is never recorded twice: its SHA-256 is in the batch's record, and a second import of the same
bytes is refused, naming the batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.adapters.readers import open_reader
from addin.core import output_sheets as out
from addin.core.catalogue import CATALOGUE
from addin.core.errors import AddinError
from addin.core.external_draw import EXTERNAL, ExternalBatch, ListRow, Where, arrangement_rows, external_batch
from addin.core.freeze.batch import next_plan_id
from addin.core.issues import Issue, count
from addin.core.layout import Column, ColumnMapping, SheetLayout, Vocabulary, vocabularies
from addin.core.table import column_letter
from addin.core.validation.normalise import clean_text, parse_date, split_multi
from addin.ports import FILL_ERROR, FILL_WARNING, SheetOut, WorkbookPort
from addin.schemas import load_schemas
from addin.services.draw.book import arrangement_sheet, check_out, log_sheet, read_batches, read_source
from addin.services.layouts import sheet_source
from addin.services.post_book import copies

LIST_KIND = "draw-list"
LIST_SHEET = "外部抽取清单"
"""The platform's result list as a kind of list (识别为 in a 列名对照)."""
LIST_FOLDER = "外部抽取"
"""The folder beside the workbook where the 导入外部抽取 button looks for the platform's lists."""
LIST_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".et", ".ods", ".xml"})
CHECK_SHEET = "外部抽取核对"
CHECK_COLUMNS = ("工作表", "行", "列", "字段", "级别", "代码", "说明", "值")
ZERO = "0" * 64


@dataclass(frozen=True, slots=True)
class RecordedBatch:
    batch: ExternalBatch
    sheets: tuple[str, ...]  # the names the sheets got (检查安排, 外部抽取核对), then the 抽取记录 sheet

    @property
    def errors(self) -> int:
        return count(self.batch.issues)[0]


def message(issue: Issue) -> str:
    params = {"value": issue.value, **issue.params}
    return CATALOGUE[issue.code].template.format(**params)


def imported_digests(book: WorkbookPort) -> dict[str, str]:
    """SHA-256 of every list already recorded → its batch."""
    found: dict[str, str] = {}
    for sheet in copies(book, out.LOG):
        for _number, row in book.read_table(sheet).records():
            if str(row.get("类型") or "").strip().casefold() != EXTERNAL:
                continue
            try:
                content = json.loads(str(row.get("内容(JSON)")))
                found[content["source"]["sha256"]] = str(row.get("批次") or "")
            except (ValueError, KeyError, TypeError):
                continue
    return found


def check_sheet(batch: ExternalBatch) -> SheetOut:
    rows = [[i.sheet, i.row, i.column, i.field, "错误" if i.is_error else "警告", i.code, message(i), i.value]
            for i in batch.issues]
    fills = {n: FILL_ERROR if i.is_error else FILL_WARNING for n, i in enumerate(batch.issues)}
    errors, warnings = count(batch.issues)
    note = (f"外部抽取 {batch.batch}：来源 {batch.source}，{batch.rows} 行，记录 {len(batch.visits)} 户；"
            f"{errors} 行未导入（错误），{warnings} 个警告（已照录）。")
    return SheetOut(CHECK_SHEET, CHECK_COLUMNS, rows, preamble=[[note]], row_fills=fills,
                    widths=(14, 6, 5, 14, 6, 30, 70, 24))


def record_batch(book: WorkbookPort, rows: Sequence[ListRow], *, source: str, digest: str, now: dt.datetime,
                 drawn_on: dt.date | None = None, batch: str | None = None,
                 task_aliases: Mapping[str, str] | None = None, where: Where | None = None,
                 partial: bool = True) -> RecordedBatch:
    """Record the list's batch in ``book``: a new 检查安排 sheet, the 外部抽取核对 sheet when something was doubtful,
    and the 抽取记录 row. Nothing is written when the same list was recorded before or no row can be used, nor —
    unless ``partial`` — when a row cannot be used (the batch is returned with its issues and no sheets)."""
    earlier = imported_digests(book).get(digest)
    if earlier is not None:
        raise AddinError("import-draw.already-imported", f"这份抽取结果清单（{source}）已作为批次“{earlier}”导入过，"
                         "不重复记录。需要更正时，请先作废该批次（ssj void）。", {"batch": earlier})
    read = read_source(book, now.date())
    source_rows = read.source
    taken = [b.plan_id for b in read_batches(book)]
    name = batch or next_plan_id(source_rows.unit_name, source_rows.year, taken, "外部抽取")
    if name in taken:
        raise AddinError("import-draw.batch-exists", f"抽取记录中已有批次“{name}”：请用 --batch 指定另一个批次名称。",
                         {"batch": name})
    day = drawn_on or max((r.drawn_on for r in rows if r.drawn_on), default=now.date())
    found = external_batch(rows, batch=name, source=source, digest=digest, drawn_on=day,
                           tasks=source_rows.tasks, targets=read.targets, inspectors=read.inspectors,
                           task_aliases=task_aliases, where=where)
    if not found.visits:
        shown = "；".join(message(i) for i in found.issues if i.is_error)[:500]
        raise AddinError("import-draw.nothing", f"清单中没有可以记录的行：{shown or '清单是空的'}", {"source": source})
    if not partial and count(found.issues)[0]:
        return RecordedBatch(found, ())
    names = [book.add_sheet(arrangement_sheet(arrangement_rows(found)))]
    if found.issues:
        names.append(book.add_sheet(check_sheet(found)))
    content = json.dumps(found.content(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    log_row = [0, EXTERNAL, name, now, found.describe(), found.entry_hash(), ZERO, content]
    names.append(book.append_rows(log_sheet([log_row])))
    return RecordedBatch(found, tuple(names))


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- reading the platform's result list ---------------------------------------------------------------------
# Its columns: standard name → (schema kind, column) whose aliases it shares, and its own further aliases (the
# names platforms' exports use). Only 统一社会信用代码 and one of 任务编号 / 抽查任务名称 are needed.
_LIST_COLUMNS: tuple[tuple[str, str | None, tuple[str, ...], bool], ...] = (
    ("任务编号", "plan", ("任务代码", "计划编号", "抽查计划编号"), False),
    ("抽查任务名称", "plan", ("抽查任务", "任务", "计划名称", "抽查计划名称"), False),
    ("统一社会信用代码", "targets", ("统一社会信用代码（注册号）", "统一社会信用代码(注册号)"), True),
    ("单位名称", "targets", ("检查对象", "抽查对象", "抽查对象名称", "被抽查对象", "企业（单位）名称"), False),
    ("检查人员", "results", ("执法检查人员", "检查人员姓名", "执法人员姓名", "检查人"), False),
    ("执法证号", "inspectors", ("执法证件号码（检查人员）",), False),
    ("检查机关", None, ("实施部门", "实施机关", "检查部门", "抽查部门", "检查单位"), False),
    ("抽取日期", None, ("抽取时间", "摇号日期", "摇号时间", "抽取完成时间"), False),
)


def list_vocabulary() -> Vocabulary:
    """The platform's result list: its columns with the aliases of the same columns in the input sheets
    (``schemas/``: 统一社会信用代码, 单位名称, 任务编号 … as the registries and the plan know them) and its own."""
    vocabs = vocabularies(load_schemas())
    columns = []
    for name, kind, extra, required in _LIST_COLUMNS:
        shared: tuple[str, ...] = ()
        if kind is not None:
            source = vocabs[kind]
            own = name if name in source.column_names else "姓名"
            shared = source.column(own).aliases + ((own,) if own != name else ())
        if name == "检查人员":
            shared += vocabs["inspectors"].column("姓名").aliases
        columns.append(Column(name, tuple(dict.fromkeys(a for a in (*shared, *extra) if a != name)), required))
    keys = (("统一社会信用代码", "任务编号"), ("统一社会信用代码", "抽查任务名称"))
    return Vocabulary(LIST_KIND, LIST_SHEET, columns, sheet_aliases=("抽取结果清单", "随机抽取结果", "抽查结果清单"),
                      keys=keys)


_WITH_LICENCE = re.compile(r"^(.*?)\s*[(（]\s*([^()（）]+?)\s*[)）]\s*$")


def _people(names: object, licences: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names, 执法证号) of a row: the 执法证号 column, or ``姓名（执法证号）`` in the 检查人员 cell (as platforms
    print a team)."""
    listed = split_multi(names) if names not in (None, "") else []
    numbers = split_multi(licences) if licences not in (None, "") else []
    if numbers:
        return tuple(listed), tuple(numbers)
    pairs = [_WITH_LICENCE.match(n) for n in listed]
    if listed and all(pairs):
        return tuple(m.group(1) for m in pairs if m), tuple(m.group(2) for m in pairs if m)
    return tuple(listed), ()


@dataclass(frozen=True, slots=True)
class ReadList:
    rows: tuple[ListRow, ...]
    where: Where
    layout: SheetLayout


def read_list(path: Path, mapping: ColumnMapping | None = None) -> ReadList:
    """The platform's result list in ``path`` (any workbook format): the first sheet recognised as one — by
    its columns (aliases included) or by the user's 列名对照 — read below its header."""
    vocab = list_vocabulary()
    reader = open_reader(path)
    looked: list[str] = []
    try:
        for sheet in reader.sheet_names():
            source = sheet_source(reader, sheet, {LIST_KIND: vocab}, mapping=mapping, file=path.name)
            layout = source.layout
            if layout.kind is None:
                looked.append(f"“{sheet}”：{layout.reason or '没有找到清单的列'}")
                continue
            at = layout.positions()
            letters = {name: column_letter(index) for name, index in at.items()}
            if "执法证号" not in letters and "检查人员" in letters:  # 姓名（执法证号） in the 检查人员 cell
                letters["执法证号"] = letters["检查人员"]

            def cell(values: Any, name: str, at: Mapping[str, int] = at) -> Any:
                index = at.get(name)
                return values[index] if index is not None and index < len(values) else None

            rows = []
            for number, values in source.rows:
                if not any(v not in (None, "") for v in values):
                    continue
                names, licences = _people(cell(values, "检查人员"), cell(values, "执法证号"))
                day, _as_text = parse_date(cell(values, "抽取日期"))
                rows.append(ListRow(number, clean_text(cell(values, "任务编号") or ""),
                                    clean_text(cell(values, "统一社会信用代码") or ""),
                                    clean_text(cell(values, "单位名称") or ""), names, licences,
                                    clean_text(cell(values, "检查机关") or ""), day,
                                    clean_text(cell(values, "抽查任务名称") or "")))
            return ReadList(tuple(rows), Where(sheet, letters), layout)
    finally:
        reader.close()
    raise AddinError("import-draw.no-list",
                     f"“{path.name}”中没有找到抽取结果清单（须有“统一社会信用代码”和“任务编号”或“抽查任务名称”列）："
                     f"{'；'.join(looked) or '没有工作表'}。列名不同时，请用 --mapping 指定列名对照（识别为“{LIST_SHEET}”）。",
                     {"path": str(path)})


def import_draw(book: Path, listing: Path, target: Path, *, now: dt.datetime, drawn_on: dt.date | None = None,
                batch: str | None = None, task_aliases: Mapping[str, str] | None = None,
                mapping: ColumnMapping | None = None, partial: bool = False) -> tuple[RecordedBatch, ReadList]:
    """``ssj import-draw``: record the list's batch in a copy of ``book`` saved to ``target``. Nothing is written
    when a row cannot be used, unless ``partial`` (then the other rows are recorded and the left-out rows are
    listed in 外部抽取核对)."""
    check_out(book, target)
    read = read_list(listing, mapping)
    editor = OpenpyxlBook.edit(book)
    done = record_batch(editor, read.rows, source=listing.name, digest=file_digest(listing), now=now,
                        drawn_on=drawn_on, batch=batch, task_aliases=task_aliases, where=read.where, partial=partial)
    if done.sheets:
        editor.save_as(target)
    return done, read
