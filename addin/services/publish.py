"""Use case ``ssj publish``: the 公示 list of results (public fields only) and the year's plan (附件1/附件2).

What is published and what is kept are two files, so that a public file can never carry the registries:
- the **public file** (``--out FILE.xlsx``) holds only the sheets 公示, 附件1 (部门联合抽查计划) and 附件2
  (内部抽查计划) — no registry, no 身份证号, phone number or credit-risk class; a ``.csv`` ``--out`` holds the
  results list only (UTF-8 with BOM, formula-safe), and then the plan is neither published nor recorded;
- the **record** (``--record FILE.xlsx``, by default ``<workbook>-公示记录（内部，勿公开）.xlsx`` beside the public
  file — it holds the registries, so its name says it is internal): a copy of the workbook with those sheets and
  公示记录, which keeps the date and the SHA-256 fingerprint of what was published, and in which the published
  results get their 公示日期 (the day) and 公示渠道 (设置 › 结果公示渠道) where blank — so that the reminders and the
  公示率 follow. ``ssj deadlines`` on that copy compares the plan with the last fingerprint and reports
  ``plan.changed-since-published`` until the changed plan is published again. It is the copy to keep working in.
:func:`publish_sheets` adds all four sheets to any workbook port (the ribbon: the live workbook, which is
internal) and returns the public ones, which the ribbon also saves as a public file beside the workbook. Only
results that agree with the draws are published; the input workbook is never modified.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from addin.adapters.csv_out import write_csv
from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core import output_sheets as out
from addin.core.errors import AddinError
from addin.core.personal import refuse_id_numbers
from addin.core.publication import (
    INTERNAL_COLUMNS,
    JOINT_COLUMNS,
    PLAN_CONTENT,
    PUBLIC_COLUMNS,
    RECORD_COLUMNS,
    RECORD_SHEET,
    RESULTS_CONTENT,
    PublicationRecord,
    annex_titles,
    plan_annexes,
    plan_fingerprint,
    public_rows,
)
from addin.core.results import ResultRecord
from addin.core.table import column_letter
from addin.ports import CellValue, SheetOut, WorkbookPort
from addin.schemas import load_schemas
from addin.services.post_book import PostInputs, load
from addin.services.report_book import write_workbook
from addin.services.results import Checked, check

JOINT_SHEET, INTERNAL_SHEET = "附件1 部门联合抽查计划", "附件2 内部抽查计划"
RECORD_NAME = "公示记录（内部，勿公开）"
PUBLISHED_ON, CHANNEL = "公示日期", "公示渠道"


@dataclass(frozen=True, slots=True)
class Published:
    path: Path
    results: int
    rejected: int
    joint_tasks: int
    internal_tasks: int
    plan_fingerprint: str | None  # None when the plan was not published (CSV)
    record: Path | None = None  # the workbook copy holding 公示记录 (None for CSV)
    recorded: int = 0  # results whose 公示日期 / 公示渠道 the record copy got


def published_results(checked: Checked, pending_only: bool) -> list[ResultRecord]:
    """The results the 公示 list holds: the accepted ones (only those not yet published with ``--pending``)."""
    chosen = [r for r in checked.accepted if not (pending_only and r.published_on is not None)]
    chosen.sort(key=lambda r: (r.inspected_on or dt.date.min, r.task_id, r.uscc))
    return chosen


def results_rows(inputs: PostInputs, checked: Checked, pending_only: bool) -> list[list[object]]:
    item_names = {code: item.name for code, item in inputs.items.items()}
    return public_rows(published_results(checked, pending_only), inputs.tasks, inputs.names, item_names,
                       inputs.settings.unit_name or "")


def publication_cells(book: WorkbookPort, inputs: PostInputs, results: Sequence[ResultRecord],
                      today: dt.date) -> list[CellValue]:
    """公示日期 (today) and 公示渠道 (设置 › 结果公示渠道) for the published results that have none yet, in the
    检查结果 sheet — so that the reminders and the 公示率 follow. A missing column gets its header at the end."""
    sheet = load_schemas()["results"].sheet
    columns = dict(inputs.result_columns)
    cells: list[CellValue] = []
    missing = [f for f in (PUBLISHED_ON, CHANNEL) if f not in columns]
    if missing and sheet in book.sheet_names():
        table = book.read_table(sheet)
        for offset, name in enumerate(missing):
            columns[name] = column_letter(len(table.header) + offset)
            cells.append(CellValue(sheet, table.header_row, columns[name], name))
    channel = inputs.settings.publication_channel
    for rec in results:
        if rec.published_on is None and rec.row:
            cells += [CellValue(sheet, rec.row, columns[PUBLISHED_ON], today),
                      CellValue(sheet, rec.row, columns[CHANNEL], channel)]
    return cells


def rows_fingerprint(rows: list[list[object]]) -> str:
    text = json.dumps(rows, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PublishedSheets:
    """What :func:`publish_sheets` added: the counts and the names the sheets got (公示, 附件1, 附件2, 公示记录)."""

    results: int
    rejected: int
    joint_tasks: int
    internal_tasks: int
    plan_fingerprint: str
    sheets: tuple[str, ...]
    public: tuple[SheetOut, ...]  # 公示, 附件1, 附件2: what may leave the department
    recorded: int = 0  # results whose 公示日期 (and 公示渠道) were filled in


def publish_sheets(book: WorkbookPort, today: dt.date, *, pending_only: bool = False) -> PublishedSheets:
    """Add the 公示 list, 附件1, 附件2 and the 公示记录 (with the plan's fingerprint) to ``book`` as new sheets, and
    record the publication in 检查结果 (公示日期, 公示渠道 of the results published, where blank)."""
    inputs = load(book, today)
    checked = check(inputs, today)
    rows = results_rows(inputs, checked, pending_only)
    unit = inputs.settings.unit_name or ""
    item_names = {code: item.name for code, item in inputs.items.items()}
    joint, internal = plan_annexes(inputs.tasks, item_names, unit)
    joint_title, internal_title = annex_titles(unit, inputs.year)
    public = (
        SheetOut(out.PUBLICATION, PUBLIC_COLUMNS, rows, text_columns=(1,), widths=(22, 21, 20, 28, 11, 18, 16),
                 title_rows=(0,), borders=True,
                 preamble=[[f"{unit}“双随机、一公开”抽查检查结果公示（{today.year}年{today.month}月{today.day}日）"]]),
        SheetOut(JOINT_SHEET, JOINT_COLUMNS, joint, preamble=[["附件1"], [joint_title]],
                 widths=(18, 30, 14, 12, 20, 10, 14, 14), autofilter=False, title_rows=(1,), borders=True),
        SheetOut(INTERNAL_SHEET, INTERNAL_COLUMNS, internal, preamble=[["附件2"], [internal_title]],
                 widths=(16, 6, 28, 14, 12, 18, 10, 14, 14), autofilter=False, title_rows=(1,), borders=True),
    )
    refuse_id_numbers([(s.name, [*s.preamble, *s.rows]) for s in public], today)
    names = [book.add_sheet(sheet) for sheet in public]
    fingerprint = plan_fingerprint(inputs.tasks)
    rejected = len(inputs.results) - len(checked.accepted)
    records = [
        PublicationRecord(today, PLAN_CONTENT, len(inputs.tasks), fingerprint,
                          f"附件1 {len(joint)} 项、附件2 {len(internal)} 项"),
        PublicationRecord(today, RESULTS_CONTENT, len(rows), rows_fingerprint(rows),
                          f"{out.PUBLICATION} 工作表；{rejected} 条结果因与抽取不一致未公示" if rejected
                          else f"{out.PUBLICATION} 工作表"),
    ]
    names.append(book.add_sheet(SheetOut(RECORD_SHEET, RECORD_COLUMNS, [r.cells() for r in records],
                                         widths=(11, 16, 6, 66, 36), autofilter=False)))
    fills = publication_cells(book, inputs, published_results(checked, pending_only), today)
    book.fill_cells(fills)
    recorded = sum(1 for c in fills if isinstance(c.value, dt.date))
    return PublishedSheets(len(rows), rejected, len(joint), len(internal), fingerprint, tuple(names), public,
                           recorded)


def default_record(book: Path, target: Path) -> Path:
    """Where the record copy goes when ``--record`` is not given: beside the public file, named as internal
    (it holds the registries, ID numbers and classes: never the file to upload)."""
    return target.with_name(f"{book.stem}-{RECORD_NAME}.xlsx")


def publish(book: Path, target: Path, today: dt.date, *, pending_only: bool = False,
            record: Path | None = None) -> Published:
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise AddinError("cli.bad-output", f"--out 须是 .xlsx 或 .csv 文件：{target.name}")
    if suffix == ".csv":
        reader = OpenpyxlBook.read(book)
        try:
            inputs = load(reader, today)
        finally:
            reader.close()
        checked = check(inputs, today)
        rows = results_rows(inputs, checked, pending_only)
        refuse_id_numbers([(out.PUBLICATION, rows)], today)
        write_csv(target, PUBLIC_COLUMNS, rows, inputs=(book,))
        return Published(target, len(rows), len(inputs.results) - len(checked.accepted), 0, 0, None)
    record = record or default_record(book, target)
    if record.resolve() == target.resolve():
        raise AddinError("cli.bad-output", "公示文件与公示记录（工作簿副本）不能是同一个文件：请用 --record 另指定。")
    editor = OpenpyxlBook.edit(book)
    done = publish_sheets(editor, today, pending_only=pending_only)
    write_workbook(list(done.public), target, inputs=(book,))
    editor.save_as(record)
    return Published(target, done.results, done.rejected, done.joint_tasks, done.internal_tasks,
                     done.plan_fingerprint, record, done.recorded)
