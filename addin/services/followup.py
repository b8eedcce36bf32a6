"""Use case: the follow-up sheets of ``ssj deadlines`` — 移送台账, 移送统计 and 专项检查建议.

移送台账 lists every referral of the ledger's problems (registered in 移送记录, or only declared in a 后续处置) with
its feedback due day and status; 移送统计 counts them by type, status and 办理结果; 专项检查建议 lists the problems
common to a category as tasks in the plan's columns (:mod:`addin.core.special`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from addin.core.deadlines import pct
from addin.core.publication import area_word
from addin.core.referrals import ReferralStatus
from addin.core.special import EVIDENCE_COLUMNS, SpecialRules, candidates, suggestion_rows
from addin.core.statistics import REFERRAL_STAT_COLUMNS, TOTAL, referral_table
from addin.ports import FILL_ERROR, FILL_OK, FILL_WARNING, SheetOut
from addin.schemas import load_schemas
from addin.services.post_book import PostInputs
from addin.services.results import Checked

REFERRAL_LEDGER, REFERRAL_STATS, SPECIAL = "移送台账", "移送统计", "专项检查建议"
REFERRAL_LEDGER_COLUMNS = (
    "序号", "任务编号", "统一社会信用代码", "单位名称", "问题描述", "移送类型", "接收机关", "移送日期", "文书号",
    "惩戒措施", "实施部门", "承办股室", "反馈期限", "反馈日期", "办理结果", "办结日期", "状态", "超过反馈时限（工作日）",
    "移送记录行号", "检查结果行号",
)
_FILLS = {ReferralStatus.PENDING: FILL_WARNING, ReferralStatus.ANSWERED: FILL_WARNING,
          ReferralStatus.CONCLUDED: FILL_OK}


def referral_ledger_sheet(inputs: PostInputs, checked: Checked, today: dt.date) -> SheetOut:
    """移送台账: one row per referral, in the ledger's order."""
    limit, cal = inputs.settings.referral_feedback_days, inputs.calendar
    rows: list[list[Any]] = []
    fills: dict[int, str] = {}
    for ledger_row in checked.ledger:
        for ref in ledger_row.referrals:
            status = ref.status(today)
            due = ref.feedback_due(cal, limit)
            late = cal.workdays_after(due, today) if due and ref.feedback_overdue(today, cal, limit) else None
            shown = str(status) if ref.recorded else f"{status}（未登记）"
            fills[len(rows)] = FILL_ERROR if late or not ref.recorded else _FILLS[status]
            rows.append([len(rows) + 1, ledger_row.task_id, ledger_row.uscc, ledger_row.name, ledger_row.problem,
                         ref.kind, ref.receiver or None, ref.referred_on, ref.doc_no or None, ref.measure or None,
                         ref.implementer or None, ref.office or None, due, ref.feedback_on, ref.outcome or None,
                         ref.concluded_on, shown, late, ref.row or None, ledger_row.result_row])
    note = (f"移送台账（截至 {today.isoformat()}）：共 {len(rows)} 件。反馈期限 = 移送日期后 {limit} 个工作日（设置“移送反馈时限"
            "（工作日）”）；“未登记”是后续处置写了移送、但“移送记录”中没有登记的。内部资料，不公示。")
    return SheetOut(REFERRAL_LEDGER, REFERRAL_LEDGER_COLUMNS, rows, preamble=[[note]], row_fills=fills,
                    text_columns=(2, 8), widths=(6, 12, 22, 26, 30, 14, 24, 12, 20, 20, 16, 14, 12, 12, 12, 12, 14,
                                                 10, 8, 8))


def referral_stats_sheet(inputs: PostInputs, checked: Checked, today: dt.date) -> SheetOut:
    rows = referral_table(checked.ledger, today, inputs.calendar, inputs.settings.referral_feedback_days)
    note = (f"移送统计（截至 {today.isoformat()}）：按移送类型统计移送件数、反馈和办结情况以及接收机关反馈的办理结果；"
            "已办结 = 有办结日期，或办理结果为不予立案、已作出处理、不予处理、已实施惩戒。")
    return SheetOut(REFERRAL_STATS, REFERRAL_STAT_COLUMNS, rows, preamble=[[note]], autofilter=False,
                    widths=[14, 9, 9, 10, 9, 9, 12] + [11] * (len(REFERRAL_STAT_COLUMNS) - 7),
                    row_fills={len(rows) - 1: "D9D9D9"} if rows and rows[-1][0] == TOTAL else {})


def referral_json(inputs: PostInputs, checked: Checked, today: dt.date) -> dict[str, Any]:
    """``ssj deadlines --json``: the referrals by type, status and 办理结果, and the ones past their feedback day."""
    limit, cal = inputs.settings.referral_feedback_days, inputs.calendar
    table = referral_table(checked.ledger, today, cal, limit)
    return {
        "feedback_workdays": limit,
        "by_type": [dict(zip(REFERRAL_STAT_COLUMNS, row, strict=True)) for row in table],
        "referrals": [
            {"task": row.task_id, "uscc": row.uscc, "type": ref.kind, "receiver": ref.receiver or None,
             "referred_on": ref.referred_on.isoformat() if ref.referred_on else None,
             "feedback_due": due.isoformat() if (due := ref.feedback_due(cal, limit)) else None,
             "status": str(ref.status(today)), "recorded": ref.recorded,
             "feedback_overdue": ref.feedback_overdue(today, cal, limit), "outcome": ref.outcome or None,
             "row": ref.row or None}
            for row in checked.ledger for ref in row.referrals
        ],
    }


def special_rules(inputs: PostInputs) -> SpecialRules:
    settings = inputs.settings
    return SpecialRules(inputs.year, float(settings.special_share), settings.special_min_targets,
                        inputs.calendar.roll_forward(settings.tasks_deadline(inputs.year)))


def plan_columns() -> tuple[str, ...]:
    """The 年度抽查计划 columns, in the plan schema's (and the template's) order."""
    return tuple(f.name for f in load_schemas()["plan"].fields)


def special_columns() -> tuple[str, ...]:
    return (*plan_columns(), *EVIDENCE_COLUMNS)


def _suggestions(inputs: PostInputs, checked: Checked, today: dt.date, rules: SpecialRules) -> list[list[object]]:
    names = {code: item.name for code, item in inputs.items.items()}
    found = candidates(checked.accepted, checked.ledger, inputs.tasks, names, rules)
    return suggestion_rows(found, inputs.tasks, rules, today, plan_columns(),
                           area_word(inputs.settings.unit_name or ""))


def special_sheet(inputs: PostInputs, checked: Checked, today: dt.date) -> SheetOut:
    """专项检查建议: the common problems of the year as plan rows (copy the first 17 columns into the plan)."""
    rules = special_rules(inputs)
    rows = _suggestions(inputs, checked, today, rules)
    columns = special_columns()
    percent = {columns.index("抽查比例"), columns.index("发现比例")}
    shown = [[pct(v) if isinstance(v, float) and i in percent else v for i, v in enumerate(r)] for r in rows]
    width = {"任务编号": 12, "抽查任务名称": 40, "抽查事项": 16, "检查对象类别": 16, "发起部门": 16, "发起股室": 14,
             "信用风险分类要求": 16, "问题": 30, "涉及任务": 14, "问题描述示例": 40, "说明": 60}
    note = (f"专项检查建议（{inputs.year} 年，截至 {today.isoformat()}）：同一问题在某类检查对象本年度检查户数中的发现比例达到 "
            f"{pct(rules.share)}、且至少 {rules.min_targets} 户（设置“专项检查建议比例”“专项检查建议最少户数”）时列出。"
            f"前 {len(plan_columns())} 列与“年度抽查计划”的列相同，核定后可整行复制到计划中。"
            + ("" if rows else "本年度暂无达到条件的问题。"))
    return SheetOut(SPECIAL, columns, shown, preamble=[[note]], text_columns=(0, columns.index("抽查事项")),
                    widths=[width.get(name, 10) for name in columns])


def special_json(inputs: PostInputs, checked: Checked, today: dt.date) -> list[dict[str, Any]]:
    rows = _suggestions(inputs, checked, today, special_rules(inputs))
    return [{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in zip(special_columns(), r, strict=True)}
            for r in rows]
