"""Use case ``ssj plan-summary``: the 双随机办's 计划汇总 (per 股室) and 联合抽查建议 (tasks to coordinate).

Both read the workbook as it is — one unit's workbook, or the 股室 workbooks brought together by
``ssj import`` — and add new sheets (:func:`summary_sheets`, any workbook port: the ribbon's live workbook);
:func:`plan_summary` writes them to a copy (``--out``), the input is never modified. The scopes, planned
draws and expected coverage are those ``ssj validate`` checks (:mod:`addin.core.validation.coverage`); the
figures of the draws, results and reminders are those of ``ssj deadlines``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core import validation as _validation  # noqa: F401  (first: its package imports settings)
from addin.core.deadlines import pct
from addin.core.errors import AddinError
from addin.core.joint_suggestions import SUGGESTION_COLUMNS, Suggestion, suggestions
from addin.core.plan_summary import SUMMARY_COLUMNS, OfficeSummary, summarise
from addin.core.validation import read_sheet
from addin.core.validation.coverage import TaskScope, cover_probabilities, in_business, task_scopes
from addin.ports import FILL_WARNING, SheetOut, WorkbookPort
from addin.schemas import load_schemas
from addin.services import statistics as stats_service
from addin.services.deadlines import DeadlineRun, run
from addin.services.layouts import input_table
from addin.services.post_book import load

SUMMARY_SHEET = "计划汇总"
SUGGESTION_SHEET = "联合抽查建议"


@dataclass(frozen=True, slots=True)
class PlanSummary:
    today: dt.date
    unit: str
    year: int
    offices: tuple[OfficeSummary, ...]
    suggestions: tuple[Suggestion, ...]
    deadlines: DeadlineRun


def summarise_book(book: WorkbookPort, today: dt.date) -> PlanSummary:
    """Read ``book`` and compute the 计划汇总 rows and the 联合抽查建议."""
    schemas = load_schemas()
    plan_table, targets_table = input_table(book, "plan", schemas), input_table(book, "targets", schemas)
    if plan_table is None or targets_table is None:  # found where they are: by name, other name or columns
        missing = [schemas[k].sheet for k, t in (("plan", plan_table), ("targets", targets_table)) if t is None]
        raise AddinError("sheet.not-found", f"工作簿中没有“{'”“'.join(missing)}”工作表，无法汇总计划。",
                         {"sheets": missing})
    inputs = load(book, today)
    plan = read_sheet(plan_table, schemas["plan"], today=today)
    targets = read_sheet(targets_table, schemas["targets"], today=today)
    pool = in_business(targets)
    records = [r for r in plan.records if r.get("任务编号")]
    scopes = task_scopes(records, pool, inputs.settings.coordinate)
    by_number: dict[str, TaskScope] = {str(r.get("任务编号")).strip(): s for r, s in zip(records, scopes, strict=True)}
    deadline_run = run(inputs, today)
    stats = stats_service.compute(inputs, deadline_run.checked, today)
    target = Fraction(inputs.settings.coverage_target)
    offices = summarise(inputs.tasks, by_number, pool, cover_probabilities(scopes), stats,
                        deadline_run.checked.accepted, inputs.items, deadline_run.reminders, target)
    paired = [(t, by_number[t.task_id]) for t in inputs.tasks if t.task_id in by_number]
    found_suggestions = suggestions([t for t, _ in paired], [s for _, s in paired])
    return PlanSummary(today, inputs.settings.unit_name or "", inputs.year, tuple(offices),
                       tuple(found_suggestions), deadline_run)


def summary_sheet(summary: PlanSummary) -> SheetOut:
    rows = [o.cells() for o in summary.offices]
    fills = {n: FILL_WARNING for n, o in enumerate(summary.offices) if o.status() != "正常"}
    fills[len(rows) - 1] = "D9D9D9"
    note = (f"{summary.unit}{summary.year} 年度抽查计划汇总（截至 {summary.today.isoformat()}）：每个股室的任务、事项、"
            f"监管对象和进度。预计覆盖率按计划和当前名录库估算（协同抽取的任务按其中覆盖最多的一项计），覆盖率按本年已检查的"
            f"监管对象计（任何任务的检查都计入），目标 {pct(float(summary.offices[-1].target))}。")
    return SheetOut(SUMMARY_SHEET, SUMMARY_COLUMNS, rows, preamble=[[note]], row_fills=fills,
                    widths=(16, 7, 26, 10, 7, 10, 10, 10, 9, 9, 8, 8, 9, 10, 8, 9, 8, 8, 36))


def suggestion_sheet(summary: PlanSummary) -> SheetOut:
    rows = [s.cells(n) for n, s in enumerate(summary.suggestions, start=1)]
    saved = sum((s.saved for s in summary.suggestions), Fraction(0))
    note = (f"联合抽查建议（{summary.year} 年度计划）：{len(rows)} 对任务的抽查对象和时间重叠。同一批冻结并协同抽取时，"
            f"同时抽中的对象一次上门、一个检查组、一张一企一表，每个对象被各任务抽中的概率不变；预计共减少上门约 "
            f"{round(float(saved), 1)} 户次（每项任务按一批估算）。" if rows else
            f"联合抽查建议（{summary.year} 年度计划）：没有抽查对象和时间都重叠的任务。")
    return SheetOut(SUGGESTION_SHEET, SUGGESTION_COLUMNS, rows, preamble=[[note]],
                    widths=(5, 10, 26, 14, 14, 10, 26, 14, 14, 8, 24, 7, 7, 12, 12, 12, 60))


def summary_sheets(book: WorkbookPort, summary: PlanSummary) -> list[str]:
    """Add 计划汇总 and 联合抽查建议 to ``book`` as new sheets; returns the names they got."""
    return [book.add_sheet(summary_sheet(summary)), book.add_sheet(suggestion_sheet(summary))]


def as_json(summary: PlanSummary) -> dict[str, Any]:
    return {
        "today": summary.today.isoformat(), "unit": summary.unit, "year": summary.year,
        "offices": [dict(zip(SUMMARY_COLUMNS, o.cells(), strict=True)) for o in summary.offices],
        "suggestions": [dict(zip(SUGGESTION_COLUMNS, s.cells(n), strict=True))
                        for n, s in enumerate(summary.suggestions, start=1)],
    }


def plan_summary(book: Path, today: dt.date, out_path: Path | None) -> PlanSummary:
    """Read the workbook, summarise it, and write the two sheets to ``out_path`` (a copy) when given."""
    if out_path is None:
        reader = OpenpyxlBook.read(book)
        try:
            return summarise_book(reader, today)
        finally:
            reader.close()
    editor = OpenpyxlBook.edit(book)
    summary = summarise_book(editor, today)
    summary_sheets(editor, summary)
    editor.save_as(out_path)
    return summary
