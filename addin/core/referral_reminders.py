"""Reminders (时限提醒) of referrals that never came back: 移送 followed to its outcome (事后问责).

- ``referral.no-feedback`` (逾期) — a referral registered in 移送记录 without feedback (反馈日期 / 办理结果) more
  than 移送反馈时限（工作日） working days (设置, default 20) after its 移送日期 (the day itself does not count);
- ``referral.feedback-due-soon`` (预警) — the same within the last few working days of that limit;
- ``referral.not-recorded`` (预警) — a 后续处置 names a referral (e.g. 移送司法机关) that 移送记录 does not hold:
  without its date, receiving body and document number it cannot be followed.

Each is addressed to the department that entered the result (录入部门) and to the referral's 承办股室 (else the
股室 that answers for the result, :func:`addin.core.deadlines.addressed`).
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.core.deadlines import AFTER, Ctx, Level, Reminder, cn
from addin.core.ledger import LedgerRow
from addin.core.referrals import ReferralStatus


def referral_reminders(ctx: Ctx, ledger: Sequence[LedgerRow]) -> list[Reminder]:
    """Every reminder about the referrals of the ledger's problems, as of ``ctx.today``."""
    out: list[Reminder] = []
    limit = ctx.rules.referral_feedback_days
    for row in ledger:
        for ref in row.referrals:
            dept, office = row.dept, ref.office
            what = f"{row.name or row.uscc} 的问题（任务 {row.task_id}：{row.problem}）"
            if not ref.recorded:
                out.append(Reminder(
                    "referral.not-recorded", Level.WARNING, AFTER, dept,
                    f"{what}的后续处置为“{ref.kind}”，但“移送记录”中没有登记这次移送。请登记移送日期、接收机关和文书号，"
                    "以便跟踪反馈和办理结果。", None, 0, row.task_id, row.uscc, office))
                continue
            due = ref.feedback_due(ctx.cal, limit)
            if ref.referred_on is None or due is None or ref.referred_on > ctx.today \
                    or ref.status(ctx.today) is not ReferralStatus.PENDING:
                continue
            sent = (f"于 {cn(ref.referred_on)} {ref.kind}（接收机关：{ref.receiver}"
                    + (f"，文书号 {ref.doc_no}" if ref.doc_no else "") + "）")
            level = ctx.level(due)
            if level is Level.OVERDUE:
                late = ctx.late(due)
                out.append(Reminder(
                    "referral.no-feedback", level, AFTER, dept,
                    f"{what}{sent}，超过 {limit} 个工作日（{cn(due)}）仍无反馈，已逾期 {late} 个工作日。"
                    "请向接收机关催办，收到反馈后在“移送记录”中登记反馈日期和办理结果。", due, late, row.task_id,
                    row.uscc, office))
            elif level is Level.WARNING:
                out.append(Reminder(
                    "referral.feedback-due-soon", level, AFTER, dept,
                    f"{what}{sent}，应于 {cn(due)} 前收到反馈（{limit} 个工作日），"
                    f"还剩 {ctx.cal.workdays_after(ctx.today, due)} 个工作日。", due, 0, row.task_id, row.uscc,
                    office))
    return out
