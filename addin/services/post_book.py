"""A workbook as the post-draw steps read it: plan, draws, results, settings, calendar, activities.

Input sheets are read through their schemas (:func:`addin.core.validation.records.read_sheet`: aliases
resolved, dates and percentages typed); the sheets the add-in wrote (检查安排, 抽取记录, 公示记录 — and
their numbered copies "检查安排 (2)" …) are read by their fixed columns (:mod:`addin.core.output_sheets`).
A draw batch (抽取批次) with a ``void`` entry in 抽取记录 is not a draw any more.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from addin.adapters.calendar import builtin_holidays
from addin.core import output_sheets as out
from addin.core import validation as _validation  # noqa: F401  (first: its package imports settings)
from addin.core.drawlog import kind_code
from addin.core.entrusted import entrusted_of
from addin.core.errors import AddinError
from addin.core.external_draw import EXTERNAL
from addin.core.issues import Issue
from addin.core.monthly import Activity, ItemInfo
from addin.core.offices import Supervision
from addin.core.publication import RECORD_SHEET, PublicationRecord
from addin.core.records import split_checks
from addin.core.referrals import Referral, referral_of
from addin.core.results import DrawnVisit, Draws, ResultRecord, TaskInfo
from addin.core.settings import Settings, parse_settings
from addin.core.table import Table
from addin.core.validation.normalise import label, parse_date, split_multi
from addin.core.validation.records import Record, read_sheet
from addin.core.workdays import DayKind, WorkCalendar
from addin.ports import WorkbookPort, sheet_copies
from addin.schemas import load_schemas
from addin.services.layouts import input_table

ACTIVE_STATES = {"在营"}


@dataclass(frozen=True, slots=True)
class PostInputs:
    settings: Settings
    year: int
    tasks: tuple[TaskInfo, ...]
    items: dict[str, ItemInfo]
    names: dict[str, str]  # 统一社会信用代码 → 单位名称
    supervised: int | None  # targets in the registry that are 在营 (None: no registry sheet)
    draws: Draws
    results: tuple[ResultRecord, ...]
    result_columns: dict[str, str]
    activities: tuple[Activity, ...]
    calendar: WorkCalendar
    publications: tuple[PublicationRecord, ...]
    issues: tuple[Issue, ...] = field(default=())  # cell issues of the sheets read (schema level)
    supervision: Supervision = field(default_factory=Supervision)  # 在营 targets and their 监管股室
    referrals: tuple[Referral, ...] = ()  # 移送记录
    referral_columns: dict[str, str] = field(default_factory=dict)


def copies(book: WorkbookPort, name: str) -> list[str]:
    """``name`` and its numbered copies ``name (2)`` … in workbook order."""
    return sheet_copies(name, book.sheet_names())


def _read(book: WorkbookPort, kind: str, today: dt.date) -> tuple[list[Record], dict[str, str], list[Issue]]:
    schema = load_schemas()[kind]
    table = input_table(book, kind)  # found where it is (name, other name, columns; header row)
    if table is None:
        return [], {}, []
    read = read_sheet(table, schema, today=today)
    return list(read.records), dict(read.columns), list(read.issues)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _ratio(value: Any) -> float | None:
    return None if value is None else float(value)


def task_of(rec: Record) -> TaskInfo:
    g = rec.get
    classes = tuple((c, float(g(f"{c}类比例"))) for c in "ABCD" if g(f"{c}类比例") is not None)
    return TaskInfo(
        task_id=_text(g("任务编号")), name=_text(g("抽查任务名称")), kind=_text(g("抽查类型")) or "不定向",
        items=tuple(g("抽查事项") or ()), category=_text(g("检查对象类别")), towns=tuple(g("所属乡镇") or ()),
        ratio=_ratio(g("抽查比例")), class_ratios=classes, frequency=int(g("频次") or 1), start=g("开始日期"),
        class_frequencies=tuple((c, int(g(f"{c}类频次"))) for c in "ABCD" if g(f"{c}类频次") is not None),
        end=g("结束日期"), lead_dept=_text(g("发起部门")), partner_depts=tuple(g("配合部门") or ()),
        risk_text=_text(g("信用风险分类要求")), office=label(g("发起股室")),
    )


def result_of(rec: Record) -> ResultRecord:
    g = rec.get
    return ResultRecord(
        row=rec.row, task_id=_text(g("任务编号")), uscc=_text(g("统一社会信用代码")), inspected_on=g("检查日期"),
        inspectors=tuple(g("检查人员") or ()), methods=tuple(g("检查方式") or ()), outcomes=tuple(g("检查结果") or ()),
        follow_ups=tuple(g("后续处置") or ()), problem=_text(g("问题描述")), rectify_by=g("整改期限"),
        rectified_on=g("整改完成日期"), dept=_text(g("录入部门")), entered_by=_text(g("录入人")),
        entered_on=g("录入日期"), published_on=g("公示日期"), channel=_text(g("公示渠道")), test=entrusted_of(g),
        problem_items=tuple(g("问题事项") or ()),
    )


def _latest_sheet(visits: list[DrawnVisit]) -> dict[str, str]:
    """batch → the last 检查安排 sheet (in workbook order) that holds rows of it."""
    latest: dict[str, str] = {}
    for visit in visits:
        latest[visit.batch] = visit.sheet
    return latest


def _rows(table: Table) -> Iterator[tuple[int, dict[str, Any]]]:
    return table.records()


def read_draws(book: WorkbookPort) -> Draws:
    """The current 检查安排 of every batch, and the batches voided or dated by the 抽取记录 sheets.

    A substitution or replacement writes a new 检查安排 sheet for its batch (the earlier one stays as the
    record): the last sheet in workbook order that holds a batch is that batch's current arrangement.
    """
    visits: list[DrawnVisit] = []
    for sheet in copies(book, out.ARRANGEMENT):
        for number, row in _rows(book.read_table(sheet)):
            uscc = _text(row.get("统一社会信用代码"))
            if not uscc:
                continue
            visits.append(DrawnVisit(
                batch=_text(row.get("抽取批次")), group=_text(row.get("检查组")), uscc=uscc,
                name=_text(row.get("单位名称")), town=_text(row.get("所属乡镇")),
                category=_text(row.get("检查对象类别")), task_ids=tuple(split_multi(row.get("任务编号") or "")),
                items=tuple(split_multi(row.get("抽查事项") or "")),
                inspector_names=tuple(split_multi(row.get("检查人员") or "")),
                licence_nos=tuple(split_multi(row.get("执法证号") or "")), sheet=sheet, row=number,
                member_depts=tuple(split_multi(row.get("代表部门") or ""))))
    latest = _latest_sheet(visits)
    visits = [v for v in visits if latest[v.batch] == v.sheet]
    voided: set[str] = set()
    external: set[str] = set()
    dates: dict[str, dt.date] = {}
    for sheet in copies(book, out.LOG):
        for _number, row in _rows(book.read_table(sheet)):
            kind, batch = kind_code(row.get("类型")), _text(row.get("批次"))
            if kind == "void":
                voided.add(batch)
            elif kind in ("result", EXTERNAL):  # a batch drawn here, or drawn elsewhere
                day = _day(row.get("时间"))
                if kind == EXTERNAL:  # drawn elsewhere: the day of that draw, as its record says
                    external.add(batch)
                    day = _drawn_on(row.get("内容(JSON)")) or day
                if day is not None:
                    dates[batch] = day
    visits = [replace(v, external=True) if v.batch in external else v for v in visits]
    return Draws(tuple(visits), frozenset(voided), dates)


def _drawn_on(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(json.loads(str(text))["drawn_on"])
    except (ValueError, KeyError, TypeError):
        return None


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    return parse_date(text[:10])[0] if text else None


def read_publications(book: WorkbookPort) -> list[PublicationRecord]:
    found = []
    for sheet in copies(book, RECORD_SHEET):
        for _number, row in _rows(book.read_table(sheet)):
            found.append(PublicationRecord(_day(row.get("公示日期")), _text(row.get("公示内容")),
                                           int(row.get("条数") or 0), _text(row.get("指纹(SHA-256)")),
                                           _text(row.get("说明"))))
    return found


def read_settings(book: WorkbookPort, today: dt.date) -> tuple[Settings, list[Issue]]:
    """设置 (all defaults when the workbook has no such sheet) and the issues of its cells."""
    schema = load_schemas()["settings"]
    return parse_settings(input_table(book, "settings"), schema, today=today)


def load(book: WorkbookPort, today: dt.date, *, need_plan: bool = True) -> PostInputs:
    """Read everything the post-draw services need; a missing plan sheet is unusable input."""
    schemas = load_schemas()
    issues: list[Issue] = []
    settings, found = read_settings(book, today)
    issues.extend(found)
    if need_plan and input_table(book, "plan") is None:
        raise AddinError("sheet.not-found", f"工作簿中没有“{schemas['plan'].sheet}”工作表，无法计算。",
                         {"sheet": schemas["plan"].sheet})
    plan, _cols, found = _read(book, "plan", today)
    issues.extend(found)
    tasks = tuple(task_of(r) for r in plan if r.get("任务编号"))
    years = [t.start.year for t in tasks if t.start]
    year = settings.year or (min(years) if years else today.year)
    item_recs, _cols, found = _read(book, "items", today)
    issues.extend(found)
    items = {
        _text(r.get("事项编码")): ItemInfo(_text(r.get("事项编码")), _text(r.get("抽查事项")),
                                          len(split_checks(r.get("抽查内容"))) or 1)
        for r in item_recs if r.get("事项编码")
    }
    target_recs, _cols, _found = _read(book, "targets", today)  # registry issues are `ssj validate`'s job
    names = {_text(r.get("统一社会信用代码")): _text(r.get("单位名称")) for r in target_recs
             if r.get("统一社会信用代码") and r.get("单位名称")}
    office_of: dict[str, str] = {}
    for r in target_recs:  # a target listed once per 检查对象类别 is one target (its first row's 股室)
        code = _text(r.get("统一社会信用代码"))
        if code and r.get("经营状态") in ACTIVE_STATES:
            office_of.setdefault(code, label(r.get("监管股室")))
    supervised = len(office_of) if target_recs else None
    draws = read_draws(book)
    for visit in draws.visits:
        if visit.name:
            names.setdefault(visit.uscc, visit.name)
    result_recs, result_columns, found = _read(book, "results", today)
    issues.extend(found)
    results = tuple(result_of(r) for r in result_recs if r.get("任务编号") and r.get("统一社会信用代码"))
    referral_recs, referral_columns, found = _read(book, "referrals", today)
    issues.extend(found)
    referrals = tuple(referral_of(r.row, r.get) for r in referral_recs
                      if r.get("任务编号") and r.get("统一社会信用代码") and r.get("移送类型"))
    act_recs, _cols, found = _read(book, "activities", today)
    issues.extend(found)
    activities = tuple(
        Activity(r.get("日期"), _text(r.get("类型")), _text(r.get("名称")), _text(r.get("文号")), r.get("参训人数"),
                 _text(r.get("内容")))
        for r in act_recs if r.get("日期") and r.get("类型") and r.get("名称")
    )
    hol_recs, _cols, found = _read(book, "holidays", today)
    issues.extend(found)
    overrides = [(r.get("日期"), DayKind(r.get("类型"))) for r in hol_recs if r.get("日期") and r.get("类型")]
    calendar = WorkCalendar.build(builtin_holidays(), overrides)
    return PostInputs(settings, year, tasks, items, names, supervised, draws, results, result_columns,
                      activities, calendar, tuple(read_publications(book)), tuple(issues), Supervision(office_of),
                      referrals, referral_columns)
