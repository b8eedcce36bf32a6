"""A workbook as the freeze, draw and amendment steps read and write it.

Reading: the input sheets through their schemas (:func:`addin.core.validation.check_tables`: the same rules
as ``ssj validate``), typed into :mod:`addin.core.records`; the earlier draws from the 抽取记录 and
检查安排 sheets (all numbered copies). Writing: new 抽取结果 / 检查安排 / 抽取排除 sheets and rows appended to
抽取记录, in a copy saved to ``--out`` (the input file is never modified).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_if_open_in_excel
from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core import output_sheets as out
from addin.core import validation as _validation  # noqa: F401  (first: its package imports settings)
from addin.core.drawlog import kind_code
from addin.core.errors import AddinError
from addin.core.external_draw import EXTERNAL, EXTERNAL_TYPES
from addin.core.freeze.build import FreezeSource, SheetPlace
from addin.core.freeze.history import BatchRecord, History, PastVisit
from addin.core.freeze.plan_json import frozen_task_numbers
from addin.core.issues import Issue
from addin.core.records import (
    InspectorRow,
    ItemRow,
    PlanTask,
    TargetRow,
    conflict_of,
    inspector_of,
    item_of,
    merge_targets,
    result_of,
    target_of,
    task_of,
)
from addin.core.settings import Settings
from addin.core.validation import check_tables, read_sheet
from addin.ports import SheetOut, WorkbookPort
from addin.schemas import load_schemas
from addin.services.layouts import input_sheets, with_header_issues
from addin.services.post_book import copies, read_draws

NEEDED = ("plan", "items", "targets", "inspectors")
CHECKED = ("settings", "targets", "inspectors", "conflicts", "items", "plan")
READ = ("targets", "inspectors", "conflicts", "items", "plan", "results")  # the sheets whose rows a freeze uses
EXCLUSION_COLUMNS = ("抽取批次", "名录", "编号", "名称", "原因代码", "原因", "所在行")
RESULT_EXTRA = ("分层对象数", "抽查比例", "抽取数", "说明")
ARRANGEMENT_EXTRA = ("变更",)


@dataclass(frozen=True, slots=True)
class BookSource:
    """The workbook read for a freeze: the source of the draw files, the settings, the errors that block it."""

    source: FreezeSource
    settings: Settings
    errors: tuple[Issue, ...]

    @property
    def targets(self) -> dict[str, TargetRow]:
        return {t.uscc: t for t in self.source.targets}

    @property
    def inspectors(self) -> dict[str, InspectorRow]:
        return {p.licence: p for p in self.source.inspectors}

    @property
    def tasks(self) -> dict[str, PlanTask]:
        return {t.number: t for t in self.source.tasks}

    @property
    def items(self) -> dict[str, ItemRow]:
        return dict(self.source.items)

    @property
    def unit_name(self) -> str:
        return self.settings.unit_name or ""


def read_batches(book: WorkbookPort) -> list[BatchRecord]:
    """The batches recorded in the 抽取记录 sheets: tasks from the freeze entry, drawn, voided."""
    tasks: dict[str, tuple[str, ...]] = {}
    drawn: set[str] = set()
    voided: set[str] = set()
    external: set[str] = set()
    for sheet in copies(book, out.LOG):
        for _number, row in book.read_table(sheet).records():
            kind = kind_code(row.get("类型"))
            batch = str(row.get("批次") or "").strip()
            if not batch:
                continue
            if kind == "freeze":
                tasks.setdefault(batch, _frozen_tasks(row.get("内容(JSON)")))
            elif kind == "result":
                drawn.add(batch)
            elif kind == "void":
                voided.add(batch)
            elif kind in EXTERNAL_TYPES:  # drawn elsewhere: its tasks are in its record
                tasks.setdefault(batch, _frozen_tasks(row.get("内容(JSON)")))
                drawn.add(batch)
                external.add(batch)
    names = list(dict.fromkeys([*tasks, *drawn, *voided]))
    return [BatchRecord(b, tasks.get(b, ()), b in drawn, b in voided, b in external) for b in names]


def _frozen_tasks(text: Any) -> tuple[str, ...]:
    """The 任务编号 of a batch's record: the plan of a freeze entry, or the tasks of an external batch."""
    try:
        entry = json.loads(str(text))
        if entry.get("type") == EXTERNAL:
            return tuple(str(t) for t in entry["tasks"])
        return tuple(frozen_task_numbers(entry["body"]["plan"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return ()


def read_source(book: WorkbookPort, day: dt.date) -> BookSource:
    """Everything a freeze needs; ``errors`` are the validation errors of the sheets it reads."""
    schemas = load_schemas()
    found = input_sheets(book, schemas)
    missing = [schemas[k].sheet for k in NEEDED if k not in found.chosen]
    if missing:
        raise AddinError("sheet.not-found", f"工作簿中没有“{'”“'.join(missing)}”工作表，无法冻结抽取名录。",
                         {"sheets": missing})
    tables = {kind: src.table() for kind, src in found.chosen.items()}
    if found.settings is not None:
        tables["settings"] = book.read_table(found.settings)
    checked = check_tables(tables, schemas, today=day)
    sheets = {found.chosen[k].sheet for k in CHECKED if k in found.chosen} | {schemas[k].sheet for k in CHECKED}
    issues = with_header_issues(checked.issues, [found.chosen[k] for k in CHECKED if k in found.chosen])
    errors = tuple(i for i in issues if i.is_error and (i.sheet in sheets or i.sheet is None))

    reads = {kind: read_sheet(tables[kind], schemas[kind], today=day) for kind in READ if kind in tables}

    def records(kind: str) -> list[Any]:
        # every field (the validation may keep only the columns its rules need)
        return list(reads[kind].records) if kind in reads else []

    settings = checked.settings
    draws = read_draws(book)
    visits = tuple(PastVisit(v.batch, v.uscc, v.task_ids, v.items) for v in draws.visits)
    history = History(tuple(read_batches(book)), visits,
                      tuple(result_of(r) for r in records("results") if r.get("任务编号") and r.get("统一社会信用代码")),
                      frozenset(draws.voided_batches))
    items = {i.code: i for i in (item_of(r) for r in records("items") if r.get("事项编码"))}
    tasks = tuple(task_of(r) for r in records("plan") if r.get("任务编号"))
    years = [t.start.year for t in tasks if t.start]
    source = FreezeSource(
        year=settings.year or (min(years) if years else day.year), unit_name=settings.unit_name,
        targets=tuple(merge_targets(target_of(r) for r in records("targets") if r.get("统一社会信用代码"))),
        inspectors=tuple(inspector_of(r) for r in records("inspectors") if r.get("执法证号")),
        conflicts=tuple(conflict_of(r) for r in records("conflicts") if r.get("执法证号") and r.get("统一社会信用代码")),
        items=items, tasks=tasks, history=history, team_size=settings.team_size, reserves=settings.reserves,
        max_load=settings.max_load, cap=settings.max_draws_per_year, class_caps=settings.class_caps,
        recuse_last=settings.recuse_last_inspector, coordinate=settings.coordinate,
        places={kind: SheetPlace(r.sheet, dict(r.columns)) for kind, r in reads.items()},
    )
    return BookSource(source, settings, errors)


def open_book(path: Path) -> OpenpyxlBook:
    return OpenpyxlBook.edit(path)


def check_out(book: Path, target: Path) -> None:
    """``--out`` must be a new file, not the input nor a workbook open in Excel (checked before any evidence
    is written, so that a failed save cannot leave evidence without its sheets)."""
    if target.resolve() == book.resolve():
        raise AddinError("file.would-overwrite-input",
                         f"输出文件不能与输入文件相同：{target.name}。请用 --out 指定一个新文件。")
    refuse_if_open_in_excel(target)


def mirrored_hashes(book: WorkbookPort) -> set[str]:
    """本条哈希 of every row already in the 抽取记录 sheets."""
    found: set[str] = set()
    for sheet in copies(book, out.LOG):
        for _number, row in book.read_table(sheet).records():
            if row.get("本条哈希"):
                found.add(str(row["本条哈希"]).strip())
    return found


def result_sheet(rows: list[list[Any]]) -> SheetOut:
    return SheetOut(out.DRAW_RESULT, (*out.DRAW_RESULT_COLUMNS, *RESULT_EXTRA), rows,
                    widths=(12, 8, 16, 6, 5, 5, 21, 18, 8, 12, 66, 8, 8, 7, 30), text_columns=(1, 6, 10),
                    print_columns=10)


def arrangement_sheet(rows: list[list[Any]]) -> SheetOut:
    return SheetOut(out.ARRANGEMENT, (*out.ARRANGEMENT_COLUMNS, *ARRANGEMENT_EXTRA), rows,
                    widths=(11, 8, 21, 16, 8, 10, 8, 11, 12, 14, 12, 5, 60, 40), text_columns=(1, 2, 9),
                    print_columns=12)


LOG_WIDTHS = (5, 10, 14, 11, 40, 22, 22, 40)


def log_sheet(rows: Sequence[Sequence[Any]]) -> SheetOut:
    """Rows for the 抽取记录 sheet (``LOG_COLUMNS``), appended with :meth:`WorkbookPort.append_rows`: the log
    grows below its last row and an existing row is never changed (append-only, like ``log.jsonl``). A workbook
    without a 抽取记录 sheet — or whose 抽取记录 has other columns — gets a new one."""
    return SheetOut(out.LOG, out.LOG_COLUMNS, [list(r) for r in rows], widths=LOG_WIDTHS, text_columns=(2, 5, 6, 7),
                    print_columns=7)


def exclusion_sheet(plan_id: str, exclusions: Any) -> SheetOut:
    rows = [[plan_id, e.registry, e.ident, e.name, e.code, e.reason, e.row] for e in exclusions]
    return SheetOut(EXCLUSIONS, EXCLUSION_COLUMNS, rows, widths=(12, 10, 21, 18, 16, 48, 6), text_columns=(2,))


EXCLUSIONS = "抽取排除"
"""Sheet of the targets and inspectors left out of a freeze, with reasons (spec §2: listed, not in the files)."""


EVIDENCE_ROOT = "抽取证据"
"""Root of the evidence folders, beside the workbook: ``<folder>/抽取证据/<plan_id>/`` (the command line: beside
the ``--out`` copy for a freeze, beside the input workbook for the later steps)."""
WANTS = {"pending": "已冻结、未抽取、未作废", "drawn": "已抽取、未作废", "any": "任何"}
NEXT_STEP = {"pending": "请先冻结名录（ssj freeze，或功能区“冻结名录”按钮）",
             "drawn": "请先冻结并抽取（ssj freeze、ssj draw，或功能区“冻结名录”“随机抽取”按钮）",
             "any": "请先冻结名录（ssj freeze，或功能区“冻结名录”按钮）"}


def folder_name(plan_id: str) -> str:
    return re.sub(r"[\t\n\r/\\:*?\"<>|]", "_", plan_id)


def evidence_root(book_path: Path) -> Path:
    """``<the workbook's folder>/抽取证据``."""
    return book_path.parent / EVIDENCE_ROOT


def evidence_folder(root: Path, book: WorkbookPort, evidence: Path | None, want: str = "any") -> Path:
    """``evidence`` (``--evidence``), or the folder under ``root`` (:func:`evidence_root`) of the workbook's
    latest batch in 抽取记录 that is ``want`` (pending: frozen, not drawn, not voided; drawn: drawn, not voided;
    any: the latest batch)."""
    if evidence is not None:
        return evidence
    batches = [b for b in read_batches(book) if not b.external]  # drawn elsewhere: no evidence here
    if want == "pending":
        batches = [b for b in batches if b.pending]
    elif want == "drawn":
        batches = [b for b in batches if b.drawn and not b.voided]
    if not batches:
        raise AddinError("draw.no-batch", f"工作簿的抽取记录中没有{WANTS[want]}的批次：{NEXT_STEP[want]}；"
                         "抽取材料在别处时，用 --evidence 指定其文件夹。", {"want": want})
    return root / folder_name(batches[-1].plan_id)
