"""Referrals (移送) of ledger problems, followed to their outcome (seed 000 §二(五), seed 003 §五).

A problem found by an inspection can be handed on: 立案查处 (to the 执法办案机构, under the administrative
penalty procedure), 抄告相关部门, 移送司法机关 (a crime is suspected), 移送纪检监察 (clues of 违纪 or 职务违法/
职务犯罪), 联合惩戒 (credit measures against 违法失信行为, with the measure and the implementing department). Each
referral is one row of the 移送记录 sheet — one problem can be referred several times, to several bodies — with
移送日期, 接收机关, 文书号, 反馈日期, 办理结果 and 办结日期. Its status (:class:`ReferralStatus`) as of a day:

- 移送待反馈 — no feedback yet (no 反馈日期 and no 办理结果);
- 已反馈 — feedback received, not concluded (办理结果 已立案 / 办理中 / 其他, no 办结日期);
- 已办结 — a 办结日期, or a concluding 办理结果 (不予立案 / 已作出处理 / 不予处理 / 已实施惩戒).

A 后续处置 that names a referral (移送办案机构立案, 抄告相关部门, 移送司法机关, 移送纪检监察, 联合惩戒) without a
移送记录 row of that type is a referral *declared but not recorded*: it counts as 移送待反馈 and is reminded of
(``referral.not-recorded``) until it is registered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.workdays import WorkCalendar

REFERRAL_SHEET = "移送记录"
REFERRAL_TYPES = ("立案查处", "抄告相关部门", "移送司法机关", "移送纪检监察", "联合惩戒")
SANCTION = "联合惩戒"
OUTCOMES = ("已立案", "办理中", "不予立案", "已作出处理", "不予处理", "已实施惩戒", "其他")
CONCLUDING = frozenset({"不予立案", "已作出处理", "不予处理", "已实施惩戒"})
TYPE_OF_FOLLOW_UP: Mapping[str, str] = {
    "移送办案机构立案": "立案查处", "抄告相关部门": "抄告相关部门", "移送司法机关": "移送司法机关",
    "移送纪检监察": "移送纪检监察", "联合惩戒": "联合惩戒",
}
"""后续处置 (检查结果) → the referral type it declares."""


class ReferralStatus(StrEnum):
    PENDING = "移送待反馈"
    ANSWERED = "已反馈"
    CONCLUDED = "已办结"


@dataclass(frozen=True, slots=True)
class Referral:
    """One referral of the problem found in the 检查结果 row (``task_id``, ``uscc``).

    ``row`` is its 移送记录 row; 0 for a referral only declared in the result's 后续处置 (``recorded`` False).
    """

    task_id: str
    uscc: str
    kind: str  # 移送类型
    referred_on: dt.date | None = None  # 移送日期
    receiver: str = ""  # 接收机关
    doc_no: str = ""  # 文书号
    measure: str = ""  # 惩戒措施 (联合惩戒)
    implementer: str = ""  # 实施部门 (联合惩戒)
    office: str = ""  # 承办股室
    feedback_on: dt.date | None = None  # 反馈日期
    outcome: str = ""  # 办理结果
    concluded_on: dt.date | None = None  # 办结日期
    details: str = ""  # 处理情况
    row: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.task_id, self.uscc)

    @property
    def recorded(self) -> bool:
        return self.row > 0

    def status(self, today: dt.date) -> ReferralStatus:
        """The status as of ``today`` (a date after ``today`` is not yet known)."""
        if (self.concluded_on is not None and self.concluded_on <= today) or (
                self.outcome in CONCLUDING and _known(self.feedback_on, today)):
            return ReferralStatus.CONCLUDED
        if (self.feedback_on is not None and self.feedback_on <= today) or (
                self.outcome and self.feedback_on is None):
            return ReferralStatus.ANSWERED
        return ReferralStatus.PENDING

    def feedback_due(self, calendar: WorkCalendar, limit: int) -> dt.date | None:
        """The day by which feedback is due: ``limit`` working days (移送反馈时限) after 移送日期, not counting it."""
        return calendar.add_workdays(self.referred_on, limit) if self.referred_on is not None else None

    def feedback_overdue(self, today: dt.date, calendar: WorkCalendar, limit: int) -> bool:
        """Registered, still 移送待反馈, and past its feedback due day."""
        due = self.feedback_due(calendar, limit)
        return self.recorded and due is not None and today > due and self.status(today) is ReferralStatus.PENDING

    def summary(self) -> str:
        """``立案查处 → 县卫生健康综合行政执法队（2024-06-03，示卫移〔2024〕3号）：已立案`` for the ledger."""
        when = "、".join(x for x in (self.referred_on.isoformat() if self.referred_on else "", self.doc_no) if x)
        text = f"{self.kind} → {self.receiver or '（未登记）'}" + (f"（{when}）" if when else "")
        if self.kind == SANCTION and self.measure:
            text += f"，措施：{self.measure}" + (f"，实施部门：{self.implementer}" if self.implementer else "")
        if self.outcome:
            text += f"：{self.outcome}"
        elif self.feedback_on is not None:
            text += "：已反馈"
        return text if self.recorded else f"{text}（移送记录未登记）"


def _known(day: dt.date | None, today: dt.date) -> bool:
    return day is None or day <= today


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _day(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def referral_of(row: int, get: Callable[[str], Any]) -> Referral:
    """A 移送记录 row read through its schema (``get``: field name → typed value, aliases resolved)."""
    return Referral(
        task_id=_text(get("任务编号")), uscc=_text(get("统一社会信用代码")), kind=_text(get("移送类型")),
        referred_on=_day(get("移送日期")), receiver=_text(get("接收机关")), doc_no=_text(get("文书号")),
        measure=_text(get("惩戒措施")), implementer=_text(get("实施部门")), office=_text(get("承办股室")),
        feedback_on=_day(get("反馈日期")), outcome=_text(get("办理结果")), concluded_on=_day(get("办结日期")),
        details=_text(get("处理情况")), row=row,
    )


def referrals_of_problem(task_id: str, uscc: str, follow_ups: Iterable[str],
                         recorded: Sequence[Referral]) -> tuple[Referral, ...]:
    """The referrals of one problem: those recorded in 移送记录, then one per referral type its 后续处置 declares
    that no recorded referral has."""
    kinds = {r.kind for r in recorded}
    declared = [TYPE_OF_FOLLOW_UP[f] for f in follow_ups if f in TYPE_OF_FOLLOW_UP]
    missing = [Referral(task_id, uscc, kind) for kind in dict.fromkeys(declared) if kind not in kinds]
    return (*recorded, *missing)


def by_problem(referrals: Iterable[Referral]) -> dict[tuple[str, str], list[Referral]]:
    found: dict[tuple[str, str], list[Referral]] = {}
    for referral in referrals:
        found.setdefault(referral.key, []).append(referral)
    return found


def referral_issues(referrals: Sequence[Referral], inspected: Mapping[tuple[str, str], dt.date | None] | None,
                    columns: Mapping[str, str], sheet: str = REFERRAL_SHEET) -> list[Issue]:
    """The problems of 移送记录 rows, each at its cell.

    ``inspected``: (任务编号, 统一社会信用代码) → 检查日期 of every 检查结果 row (None: the results are not at hand,
    so the reference is not checked). Codes: ``referral.unknown-result`` and ``referral.date-order`` (errors: the
    referral cannot be followed), ``referral.before-inspection``, ``referral.sanction-incomplete``,
    ``referral.outcome-without-feedback`` (warnings).
    """
    found: list[Issue] = []
    for ref in referrals:

        def add(code: str, field: str, value: object, ref: Referral = ref, **params: Any) -> None:
            found.append(issue(code, sheet=sheet, row=ref.row, column=columns.get(field), field=field, value=value,
                               **params))

        if inspected is not None and ref.task_id and ref.uscc and ref.key not in inspected:
            add("referral.unknown-result", "统一社会信用代码", ref.uscc, task=ref.task_id, uscc=ref.uscc)
        start = ref.referred_on
        if start is not None:
            for field, day in (("反馈日期", ref.feedback_on), ("办结日期", ref.concluded_on)):
                if day is not None and day < start:
                    add("referral.date-order", field, day.isoformat(), referred=start.isoformat())
            checked = (inspected or {}).get(ref.key)
            if checked is not None and start < checked:
                add("referral.before-inspection", "移送日期", start.isoformat(), referred=start.isoformat(),
                    date=checked.isoformat())
        if ref.kind == SANCTION:
            missing = [name for name, value in (("惩戒措施", ref.measure), ("实施部门", ref.implementer)) if not value]
            if missing:
                add("referral.sanction-incomplete", missing[0], None, missing="、".join(missing))
        if ref.outcome and ref.feedback_on is None:
            add("referral.outcome-without-feedback", "反馈日期", None, outcome=ref.outcome)
    return found
