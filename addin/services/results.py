"""Use case: the results of a workbook checked against its draws, and the problem ledger built from them.

The accepted results (no error against the plan and the draws) feed the ledger, the statistics, the
deadlines and publication; the rejected ones are listed with their Chinese reason in a 结果核对 sheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from addin.core import output_sheets as out
from addin.core.issues import Issue, count, sorted_issues
from addin.core.ledger import LEDGER_COLUMNS, LedgerRow, LedgerStatus, build_ledger
from addin.core.referrals import REFERRAL_SHEET, referral_issues
from addin.core.results import RESULT_SHEET, ResultRecord, check_results, message, valid_results
from addin.ports import FILL_ERROR, FILL_OK, FILL_WARNING, SheetOut
from addin.services.post_book import PostInputs

CHECK_SHEET = "结果核对"
CHECK_COLUMNS = ("工作表", "行", "列", "字段", "级别", "代码", "说明", "值")


@dataclass(frozen=True, slots=True)
class Checked:
    issues: tuple[Issue, ...]
    accepted: tuple[ResultRecord, ...]
    ledger: tuple[LedgerRow, ...]

    @property
    def errors(self) -> int:
        return count(self.issues)[0]


def check(inputs: PostInputs, today: dt.date) -> Checked:
    """The results against the draws (and their 委托检测 fields), the 移送记录 rows against the results, and the
    ledger of the accepted results with their referrals."""
    found = check_results(inputs.results, inputs.tasks, inputs.draws, inputs.result_columns, RESULT_SHEET, today)
    accepted = valid_results(inputs.results, found)
    inspected = {r.key: r.inspected_on for r in inputs.results}
    referral_found = referral_issues(inputs.referrals, inspected, inputs.referral_columns, REFERRAL_SHEET)
    ledger = build_ledger(accepted, inputs.tasks, inputs.names, today, inputs.calendar, inputs.referrals)
    return Checked(tuple(sorted_issues([*found, *referral_found])), tuple(accepted), tuple(ledger))


def issue_json(issue: Issue) -> dict[str, Any]:
    """The contract's issue shape (as in ``ssj validate --json``)."""
    return {"sheet": issue.sheet, "row": issue.row, "column": issue.column, "field": issue.field,
            "code": issue.code, "severity": str(issue.severity), "message": message(issue), "value": issue.value}


def check_sheet(checked: Checked) -> SheetOut:
    rows = [[i.sheet, i.row, i.column, i.field, "错误" if i.is_error else "警告", i.code, message(i), i.value]
            for i in checked.issues]
    fills = {n: FILL_ERROR if i.is_error else FILL_WARNING for n, i in enumerate(checked.issues)}
    errors, warnings = count(checked.issues)
    summary = (f"检查结果核对：{len(checked.accepted)} 条结果与抽取一致；{errors} 个错误（该结果不计入公示和统计），"
               f"{warnings} 个警告。")
    return SheetOut(CHECK_SHEET, CHECK_COLUMNS, rows, preamble=[[summary]], row_fills=fills,
                    widths=(10, 5, 4, 12, 5, 24, 52, 20))


_STATUS_FILL = {LedgerStatus.OVERDUE: FILL_ERROR, LedgerStatus.OPEN: FILL_WARNING,
                LedgerStatus.REFERRED: FILL_WARNING, LedgerStatus.ANSWERED: FILL_WARNING,
                LedgerStatus.RECTIFIED: FILL_OK, LedgerStatus.CONCLUDED: FILL_OK}


def ledger_sheet(checked: Checked, today: dt.date) -> SheetOut:
    rows = [row.cells(n) for n, row in enumerate(checked.ledger, start=1)]
    fills = {n: _STATUS_FILL[row.status] for n, row in enumerate(checked.ledger)}
    tally = {s: sum(1 for r in checked.ledger if r.status is s) for s in LedgerStatus}
    summary = (f"问题台账（截至 {today.isoformat()}）：共 {len(rows)} 条；"
               + "，".join(f"{s} {n} 条" for s, n in tally.items()) + "。内部资料，不公示。")
    return SheetOut(out.LEDGER, LEDGER_COLUMNS, rows, preamble=[[summary]], row_fills=fills, text_columns=(1,),
                    widths=(4, 21, 10, 7, 9, 10, 9, 11, 9, 10, 10, 5, 5, 6, 5, 8))
