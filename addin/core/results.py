"""Inspection results (检查结果) checked against the draws: "谁检查、谁录入、谁公开".

A result is acceptable only when the target was drawn for that task in a batch (抽取批次) that was not
voided, the inspectors who signed it were on the team sent to that target, and the department that entered
it (录入部门) is one of the task's departments (发起部门 or a 配合部门). In a joint task (部门联合抽查) each
participating department records its own result for the same target — its inspectors, its findings, its
follow-up: one row per (任务编号, 统一社会信用代码, 录入部门), and at least one of the row's inspectors must
represent that department on the team (代表部门 of 检查安排). Results that fail are reported as
:class:`~addin.core.issues.Issue` s with stable codes and left out of publication and statistics.

The values here (:class:`TaskInfo`, :class:`DrawnVisit`, :class:`ResultRecord`) are what the post-draw
services read from a workbook; vocabularies are those of domain.md (aliases already resolved).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from addin.core.catalogue import CATALOGUE, issue
from addin.core.entrusted import EntrustedTest, entrusted_issues
from addin.core.issues import Issue

RESULT_SHEET = "检查结果"

RESULT_CATEGORIES = (
    "未发现问题",
    "发现问题已责令改正",
    "发现问题待后续处理",
    "未按规定公示应当公示的信息",
    "公示信息隐瞒真实情况弄虚作假",
    "通过登记的住所（经营场所）无法联系",
    "不配合检查情节严重",
    "未发现开展本次抽查涉及的经营活动",
    "已关闭停业或正在组织清算",
    "注销",
    "被吊销",
    "被撤销",
    "迁出",
)
NO_PROBLEM = "未发现问题"
PROBLEM_OUTCOMES = frozenset({"发现问题已责令改正", "发现问题待后续处理"})
FOLLOW_UPS = ("无需后续处置", "责令改正", "移送办案机构立案", "抄告相关部门", "移送司法机关", "移送纪检监察", "联合惩戒",
              "其他")
NO_FOLLOW_UP = "无需后续处置"


@dataclass(frozen=True, slots=True)
class TaskInfo:
    """One task (抽查任务) of the year's plan (年度抽查计划), as the post-draw steps need it."""

    task_id: str
    name: str
    kind: str = "不定向"  # 定向 / 不定向
    items: tuple[str, ...] = ()  # 事项编码
    category: str = ""  # 检查对象类别
    towns: tuple[str, ...] = ()  # 所属乡镇 filter (empty: the whole county)
    ratio: float | None = None  # 抽查比例
    class_ratios: tuple[tuple[str, float], ...] = ()  # (A/B/C/D, ratio) overrides
    class_frequencies: tuple[tuple[str, int], ...] = ()  # (A/B/C/D, 频次) overrides (A类频次 …)
    frequency: int = 1
    start: dt.date | None = None
    end: dt.date | None = None
    lead_dept: str = ""  # 发起部门
    partner_depts: tuple[str, ...] = ()  # 配合部门
    risk_text: str = ""  # 信用风险分类要求
    office: str = ""  # 发起股室

    @property
    def departments(self) -> tuple[str, ...]:
        return (self.lead_dept, *self.partner_depts) if self.lead_dept else self.partner_depts

    @property
    def is_joint(self) -> bool:
        return bool(self.partner_depts)


@dataclass(frozen=True, slots=True)
class DrawnVisit:
    """One row of a 检查安排 sheet: a target visited once for the merged tasks, with its team."""

    batch: str  # 抽取批次
    group: str  # 检查组
    uscc: str
    name: str
    town: str
    category: str
    task_ids: tuple[str, ...]
    items: tuple[str, ...]
    inspector_names: tuple[str, ...]
    licence_nos: tuple[str, ...]  # 执法证号, in the order of the names
    sheet: str = "检查安排"
    row: int = 0
    member_depts: tuple[str, ...] = ()  # 代表部门 of each member, in the order of the names (may be absent)
    external: bool = False  # drawn elsewhere (外部抽取: the provincial platform), recorded by ssj import-draw

    def represents(self, licence: str) -> str | None:
        """The department ``licence`` represents on this visit's team (None when not recorded)."""
        if len(self.member_depts) != len(self.licence_nos):
            return None
        return dict(zip(self.licence_nos, self.member_depts, strict=True)).get(licence)


@dataclass(frozen=True, slots=True)
class ResultRecord:
    """One row of the 检查结果 sheet (values typed; enumerations resolved through their aliases)."""

    row: int
    task_id: str
    uscc: str
    inspected_on: dt.date | None
    inspectors: tuple[str, ...]  # 执法证号
    methods: tuple[str, ...]
    outcomes: tuple[str, ...]
    follow_ups: tuple[str, ...] = ()
    problem: str = ""
    rectify_by: dt.date | None = None  # 整改期限
    rectified_on: dt.date | None = None  # 整改完成日期
    dept: str = ""  # 录入部门
    entered_by: str = ""
    entered_on: dt.date | None = None
    published_on: dt.date | None = None
    channel: str = ""  # 公示渠道
    test: EntrustedTest = field(default_factory=EntrustedTest)  # 委托检测: 检测机构, 资质证书编号, 报告编号, 报告日期, 检测结论
    problem_items: tuple[str, ...] = ()  # 问题事项: the items (事项编码) in which the problem was found

    @property
    def key(self) -> tuple[str, str]:
        return (self.task_id, self.uscc)

    @property
    def has_problem(self) -> bool:
        """Needs a ledger row (问题台账): a problem found, or any follow-up other than 无需后续处置."""
        return bool(PROBLEM_OUTCOMES.intersection(self.outcomes)) or any(
            f != NO_FOLLOW_UP for f in self.follow_ups
        )


@dataclass(frozen=True, slots=True)
class Draws:
    """The valid draws of a workbook: visits of batches that were not voided, indexed by (task, target)."""

    visits: tuple[DrawnVisit, ...]
    voided_batches: frozenset[str] = frozenset()
    batch_dates: Mapping[str, dt.date] | None = None  # 抽取批次 → the day its draw was made

    def valid_visits(self) -> list[DrawnVisit]:
        return [v for v in self.visits if v.batch not in self.voided_batches]

    def index(self) -> dict[tuple[str, str], list[DrawnVisit]]:
        found: dict[tuple[str, str], list[DrawnVisit]] = {}
        for visit in self.valid_visits():
            for task_id in visit.task_ids:
                found.setdefault((task_id, visit.uscc), []).append(visit)
        return found

    def drawn_for(self, task_id: str) -> dict[str, DrawnVisit]:
        """Targets drawn for a task (credit code → its first valid visit)."""
        found: dict[str, DrawnVisit] = {}
        for visit in self.valid_visits():
            if task_id in visit.task_ids:
                found.setdefault(visit.uscc, visit)
        return found


def message(issue: Issue) -> str:
    """The Chinese message of an issue raised here, from the one catalogue of codes
    (:mod:`addin.core.catalogue`, section ``result.*``)."""
    return CATALOGUE[issue.code].template.format(**issue.params)


def check_results(
    results: Sequence[ResultRecord],
    tasks: Iterable[TaskInfo],
    draws: Draws,
    columns: Mapping[str, str] | None = None,
    sheet: str = RESULT_SHEET,
    today: dt.date | None = None,
) -> list[Issue]:
    """Every problem of every result against the plan and the draws (all reported at once), and the warnings of
    its 委托检测 fields (:mod:`addin.core.entrusted`; ``today`` for a report dated in the future)."""
    cols = columns or {}
    by_task = {t.task_id: t for t in tasks}
    index = draws.index()
    voided: dict[tuple[str, str], list[str]] = {}
    for visit in draws.visits:
        if visit.batch in draws.voided_batches:
            for task_id in visit.task_ids:
                voided.setdefault((task_id, visit.uscc), []).append(visit.batch)
    issues: list[Issue] = []

    def add(code: str, rec: ResultRecord, field: str, value: object, **params: Any) -> None:
        issues.append(issue(code, sheet=sheet, row=rec.row, column=cols.get(field), field=field, value=value,
                            **params))

    for rec in results:
        task = by_task.get(rec.task_id)
        if task is None:
            add("result.unknown-task", rec, "任务编号", rec.task_id, task=rec.task_id)
            continue
        visits = index.get(rec.key, [])
        if not visits:
            batches = voided.get(rec.key)
            if batches:
                add("result.voided-draw", rec, "统一社会信用代码", rec.uscc, uscc=rec.uscc,
                    batches="、".join(sorted(set(batches))))
            else:
                add("result.not-drawn", rec, "统一社会信用代码", rec.uscc, uscc=rec.uscc,
                    task=rec.task_id)
        else:
            team = {no for v in visits for no in v.licence_nos}
            strangers = [no for no in rec.inspectors if no not in team]
            if strangers:
                add("result.inspector-not-on-team", rec, "检查人员", "、".join(rec.inspectors),
                    licences="、".join(strangers), team="、".join(sorted(team)))
            elif rec.dept and rec.dept in task.departments and not _own_part(rec, visits):
                own = sorted({no for v in visits for no in v.licence_nos
                              if _same_dept(v.represents(no), rec.dept)})
                add("result.department-not-on-team", rec, "检查人员", "、".join(rec.inspectors), dept=rec.dept,
                    own="、".join(own) or "无")
        if rec.dept and rec.dept not in task.departments:
            add("result.department-not-in-task", rec, "录入部门", rec.dept, dept=rec.dept,
                task=rec.task_id, departments="、".join(task.departments))
        day = rec.inspected_on
        if day and task.start and task.end and not task.start <= day <= task.end:
            add("result.date-outside-window", rec, "检查日期", day.isoformat(),
                date=day.isoformat(), start=task.start.isoformat(), end=task.end.isoformat())
        if day and rec.published_on and rec.published_on < day:
            add("result.published-before-inspection", rec, "公示日期",
                rec.published_on.isoformat(), published=rec.published_on.isoformat(), date=day.isoformat())
        others = [o for o in rec.outcomes if o != NO_PROBLEM]
        if NO_PROBLEM in rec.outcomes and (others or any(f != NO_FOLLOW_UP for f in rec.follow_ups)):
            other = "“" + "、".join(others or [f for f in rec.follow_ups if f != NO_FOLLOW_UP]) + "”"
            add("result.contradictory", rec, "检查结果", "、".join(rec.outcomes), other=other)
        ordered = "发现问题已责令改正" in rec.outcomes or "责令改正" in rec.follow_ups
        if ordered and rec.rectify_by is None and rec.rectified_on is None:
            add("result.no-rectification-deadline", rec, "整改期限", None)
        issues += entrusted_issues(rec.row, rec.methods, rec.outcomes, rec.inspected_on, rec.test, cols, sheet,
                                   today or dt.date.max)
    return issues


def _same_dept(a: str | None, b: str) -> bool:
    return a is not None and "".join(a.split()) == "".join(b.split())


def _own_part(rec: ResultRecord, visits: Sequence[DrawnVisit]) -> bool:
    """At least one of the result's inspectors represents its 录入部门 on the team — or the team's departments
    are not recorded (an older 检查安排 without 代表部门), or the team is of one department only."""
    depts = {v.represents(no) for v in visits for no in v.licence_nos}
    if None in depts or len(depts) < 2:
        return True
    return any(_same_dept(v.represents(no), rec.dept) for v in visits for no in rec.inspectors)


def valid_results(results: Sequence[ResultRecord], issues: Iterable[Issue]) -> list[ResultRecord]:
    """The results without an *error* among ``issues`` of :func:`check_results` (warnings do not exclude)."""
    bad = {i.row for i in issues if i.is_error}
    return [r for r in results if r.row not in bad]
