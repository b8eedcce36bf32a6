"""Use case ``ssj deadlines``: reminders as of a day, with the ledger and statistics beside them.

:func:`deadline_sheets` adds the new sheets 时限提醒, 问题台账, 统计 and 结果核对 to any workbook port (the ribbon:
the live workbook); :func:`deadlines` writes them to a copy (``--out``), the input is never modified. The JSON
(``--json``) has the reminders, the result checks and the statistics.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core import output_sheets as out
from addin.core.deadlines import (
    LEVEL_LABELS,
    REMINDER_COLUMNS,
    DeadlineRules,
    Level,
    PlanState,
    Reminder,
    addressed,
    fallback_years,
    ordered,
    reminders,
)
from addin.core.deadlines import Ctx as ReminderContext
from addin.core.publication import last_plan_record, plan_fingerprint
from addin.core.referral_reminders import referral_reminders
from addin.core.settings import Settings
from addin.ports import FILL_ERROR, FILL_WARNING, SheetOut, WorkbookPort
from addin.services import statistics as stats_service
from addin.services.followup import (
    referral_json,
    referral_ledger_sheet,
    referral_stats_sheet,
    special_json,
    special_sheet,
)
from addin.services.post_book import PostInputs, load
from addin.services.results import Checked, check, check_sheet, issue_json, ledger_sheet


def rules_of(settings: Settings, year: int) -> DeadlineRules:
    def md(text: str) -> tuple[int, int]:
        return int(text[:2]), int(text[3:5])

    return DeadlineRules(year=year, unit=settings.unit_name or "", plan_due=md(settings.plan_publish_by),
                         tasks_due=md(settings.tasks_done_by), publish_workdays=settings.publish_working_days,
                         coverage_target=float(settings.coverage_target),
                         referral_feedback_days=settings.referral_feedback_days)


def plan_state(inputs: PostInputs) -> PlanState:
    record = last_plan_record(inputs.publications)
    return PlanState(plan_fingerprint(inputs.tasks), record.fingerprint if record else None,
                     record.day if record else None)


@dataclass(frozen=True, slots=True)
class DeadlineRun:
    today: dt.date
    inputs: PostInputs
    checked: Checked
    reminders: tuple[Reminder, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.reminders if r.level is Level.OVERDUE)

    def summary(self) -> dict[str, int]:
        return {str(level): sum(1 for r in self.reminders if r.level is level) for level in Level}


def run(inputs: PostInputs, today: dt.date) -> DeadlineRun:
    checked = check(inputs, today)
    rules = rules_of(inputs.settings, inputs.year)
    found = reminders(today, inputs.calendar, rules, plan_state(inputs), inputs.tasks, inputs.draws,
                      checked.accepted, checked.ledger, inputs.supervised, inputs.supervision)
    found += [addressed(r, inputs.tasks)
              for r in referral_reminders(ReminderContext(today, inputs.calendar, rules), checked.ledger)]
    return DeadlineRun(today, inputs, checked, tuple(ordered(found)))


def reminder_sheet(result: DeadlineRun) -> SheetOut:
    rows = [r.cells(n) for n, r in enumerate(result.reminders, start=1)]
    fills = {n: FILL_ERROR if r.level is Level.OVERDUE else FILL_WARNING
             for n, r in enumerate(result.reminders) if r.level is not Level.INFO}
    tally = "，".join(f"{LEVEL_LABELS[lv]} {n} 条" for lv, n in zip(Level, result.summary().values(), strict=True))
    note = (f"时限提醒（截至 {result.today.isoformat()}，按中国工作日计算，日历：{result.inputs.calendar.source}"
            f" + “节假日”工作表）：{tally}。")
    return SheetOut(out.REMINDERS, REMINDER_COLUMNS, rows, preamble=[[note]], row_fills=fills, text_columns=(7,),
                    widths=(5, 5, 8, 14, 11, 9, 8, 21, 10, 6, 42, 26), print_columns=11)


def as_json(result: DeadlineRun, book: Path) -> dict[str, Any]:
    cal = result.inputs.calendar
    rules = rules_of(result.inputs.settings, result.inputs.year)
    stats = stats_service.compute(result.inputs, result.checked, result.today)
    return {
        "book": str(book),
        "today": result.today.isoformat(),
        "calendar": {"source": cal.source, "known_years": sorted(cal.known_years),
                     "fallback_years": fallback_years(result.today, cal, rules, result.inputs.tasks,
                                                      result.checked.accepted)},
        "reminders": [r.as_json() for r in result.reminders],
        "summary": result.summary(),
        "result_issues": [issue_json(i) for i in result.checked.issues],
        "ledger": {"rows": len(result.checked.ledger)},
        "statistics": stats_service.stats_json(stats),
        "referrals": referral_json(result.inputs, result.checked, result.today),
        "special_inspections": special_json(result.inputs, result.checked, result.today),
    }


def deadline_sheets(book: WorkbookPort, result: DeadlineRun) -> list[str]:
    """Add 时限提醒, 问题台账, 移送台账, 统计, 移送统计, 专项检查建议 (and 结果核对 when a result contradicts the
    draws) to ``book`` as new sheets; returns the names they got."""
    stats = stats_service.compute(result.inputs, result.checked, result.today)
    inputs, checked, today = result.inputs, result.checked, result.today
    sheets = [reminder_sheet(result), ledger_sheet(checked, today), referral_ledger_sheet(inputs, checked, today),
              stats_service.statistics_sheet(stats, today, inputs.tasks), referral_stats_sheet(inputs, checked, today),
              special_sheet(inputs, checked, today)]
    if result.checked.issues:
        sheets.append(check_sheet(result.checked))
    return [book.add_sheet(sheet) for sheet in sheets]


def deadlines(book: Path, today: dt.date, out_path: Path | None) -> DeadlineRun:
    """Read the workbook, compute the reminders, and write them (with ledger and statistics) to ``out_path``."""
    if out_path is None:
        reader = OpenpyxlBook.read(book)
        try:
            return run(load(reader, today), today)
        finally:
            reader.close()
    editor = OpenpyxlBook.edit(book)
    result = run(load(editor, today), today)
    deadline_sheets(editor, result)
    editor.save_as(out_path)
    return result
