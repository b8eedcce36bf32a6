"""Rules of the follow-up columns of 检查结果 (委托检测) and of the 移送记录 sheet, as ``ssj validate`` runs them.

The rules themselves live in :mod:`addin.core.entrusted` and :mod:`addin.core.referrals` (the post-draw check of
results runs the same ones); this module only feeds them the rows read through the schemas.
"""

from __future__ import annotations

import datetime as dt

from addin.core.entrusted import entrusted_issues, entrusted_of
from addin.core.issues import Issue
from addin.core.referrals import referral_issues, referral_of
from addin.core.validation.records import SheetRead

RESULT_FIELDS = frozenset({"检查日期", "检查方式", "检查结果", "检测机构", "资质证书编号", "报告编号", "报告日期",
                           "检测结论"})
"""The 检查结果 fields these rules read (kept by the validation besides the keys)."""


def result_followup_issues(results: SheetRead, today: dt.date) -> list[Issue]:
    """The 委托检测 warnings of every 检查结果 row."""
    found: list[Issue] = []
    for rec in results.records:
        found += entrusted_issues(rec.row, rec.get("检查方式") or (), rec.get("检查结果") or (), rec.get("检查日期"),
                                  entrusted_of(rec.get), results.columns, results.sheet, today)
    return found


def referral_sheet_issues(referrals: SheetRead, results: SheetRead | None) -> list[Issue]:
    """The 移送记录 rows: each must point at a 检查结果 row (when that sheet is there), dates in order, 联合惩戒
    with its measure and implementing department."""
    inspected = None
    if results is not None and results.has("任务编号") and results.has("统一社会信用代码"):
        inspected = {(str(r.get("任务编号") or "").strip(), str(r.get("统一社会信用代码") or "").strip()):
                     r.get("检查日期") for r in results.records}
    rows = [referral_of(r.row, r.get) for r in referrals.records]
    return referral_issues(rows, inspected, referrals.columns, referrals.sheet)
