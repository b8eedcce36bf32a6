"""The monthly report (月报表, seed 000 附件) as a value: what goes into each row of the form.

Part 一 (部署情况) comes from the 工作动态 sheet: row 1 meetings with their dates, row 2 documents with
their 文号, row 3 trainings with the number trained and content. Part 二 (开展情况), row 4: this month's
sampling under the plan — the documents that launched it (文件 of the month about 抽查 / 双随机 or naming a
task of the month), scope / count / ratio per task, items as 大项 (distinct 抽查事项) and 小项 (their
抽查内容 entries), publication channel and count; row 5: the whole system — this unit plus the
subordinate units' workbooks (a city bureau collects its counties').

"The month's tasks" are the tasks with a draw made that month or a result inspected that month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from addin.core.publication import ratio_and_frequency, scope_text
from addin.core.results import Draws, ResultRecord, TaskInfo

NONE_MEETING, NONE_DOC, NONE_TRAINING = "本月未召开会议部署随机抽查工作。", "本月未印发双随机工作文件。", "本月未组织随机抽查业务培训。"


@dataclass(frozen=True, slots=True)
class Activity:
    """One row of 工作动态: a meeting (会议), a document (文件) or a training (培训)."""

    day: dt.date
    kind: str
    name: str
    doc_no: str = ""
    trained: int | None = None
    content: str = ""


@dataclass(frozen=True, slots=True)
class ItemInfo:
    """An 抽查事项 (大项) with the number of its 小项: its 抽查内容 split as the 一企一表 lists them
    (:func:`addin.core.records.split_checks`: not inside brackets; an item without 抽查内容 is one 小项)."""

    code: str
    name: str
    sub_items: int


@dataclass(frozen=True, slots=True)
class UnitMonth:
    """One unit's month for row 5: targets inspected and results published that month."""

    unit: str
    inspected: int
    published: int


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    unit: str
    year: int
    month: int
    filled_on: dt.date
    meetings: str
    documents: str
    trainings: str
    launch_documents: str
    scope: str
    items: str
    publication: str
    system: str
    contact: str = ""
    phone: str = ""
    mobile: str = ""
    level: str = ""  # 单位层级 of 设置 (县 / 市 …), for the labels of rows 4 and 5


def in_month(day: dt.date | None, year: int, month: int) -> bool:
    return day is not None and day.year == year and day.month == month


def md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def doc_text(a: Activity) -> str:
    return f"《{a.name.strip('《》')}》" + (f"（{a.doc_no}）" if a.doc_no else "")


def unit_month(unit: str, results: Sequence[ResultRecord], year: int, month: int) -> UnitMonth:
    return UnitMonth(unit, len({r.key for r in results if in_month(r.inspected_on, year, month)}),
                     sum(1 for r in results if in_month(r.published_on, year, month)))


def month_tasks(tasks: Sequence[TaskInfo], draws: Draws, results: Sequence[ResultRecord], year: int,
                month: int) -> list[TaskInfo]:
    dates = draws.batch_dates or {}
    ids = {t for v in draws.valid_visits() if in_month(dates.get(v.batch), year, month) for t in v.task_ids}
    ids |= {r.task_id for r in results if in_month(r.inspected_on, year, month)}
    return [t for t in tasks if t.task_id in ids]


def _part_one(acts: Sequence[Activity]) -> tuple[str, str, str]:
    meetings = [f"{a.name}（{md(a.day)}）" for a in acts if a.kind == "会议"]
    docs = [doc_text(a) for a in acts if a.kind == "文件"]
    trainings = []
    for a in (a for a in acts if a.kind == "培训"):
        text = f"{a.name}（{md(a.day)}）"
        if a.trained is not None:
            text += f"，培训{a.trained}人"
        if a.content:
            text += f"，内容：{a.content}"
        trainings.append(text)
    return ("；".join(meetings) or NONE_MEETING, "；".join(docs) or NONE_DOC, "；".join(trainings) or NONE_TRAINING)


def _scope(task: TaskInfo, draws: Draws, results: Sequence[ResultRecord], unit: str, year: int,
           month: int) -> str:
    dates = draws.batch_dates or {}
    drawn = {v.uscc for v in draws.valid_visits() if task.task_id in v.task_ids
             and in_month(dates.get(v.batch), year, month)}
    inspected = {r.uscc for r in results if r.task_id == task.task_id and in_month(r.inspected_on, year, month)}
    parts = [f"{task.name}：{scope_text(task, unit)}"]
    if drawn:
        parts.append(f"抽取{len(drawn)}户")
    parts.append(f"抽查比例{ratio_and_frequency(task)}")
    if inspected:
        parts.append(f"本月检查{len(inspected)}户")
    return "，".join(parts)


def build_monthly(
    unit: str, year: int, month: int, filled_on: dt.date, activities: Sequence[Activity],
    tasks: Sequence[TaskInfo], draws: Draws, results: Sequence[ResultRecord], items: Mapping[str, ItemInfo],
    others: Sequence[UnitMonth] = (), contact: tuple[str, str, str] = ("", "", ""), level: str = "",
) -> MonthlyReport:
    """The month's report from the unit's own sheets and the subordinate units' totals (``others``)."""
    acts = sorted((a for a in activities if in_month(a.day, year, month)), key=lambda a: (a.day, a.kind))
    meetings, documents, trainings = _part_one(acts)
    current = month_tasks(tasks, draws, results, year, month)
    words = ("抽查", "双随机", *(t.name for t in current), *(t.task_id for t in current))
    launch = [doc_text(a) for a in acts if a.kind == "文件" and any(w in f"{a.name}{a.content}" for w in words)]
    scope = "；".join(_scope(t, draws, results, unit, year, month) for t in current)
    codes = sorted({c for t in current for c in t.items})
    known = [items[c] for c in codes if c in items]
    sub = sum(i.sub_items for i in known)
    item_text = f"共{len(codes)}大项、{sub}小项" + ("：" + "；".join(
        f"{i.name}（{i.sub_items}小项）" for i in known) if known else "") if codes else "本月未开展随机抽查。"
    channels: dict[str, int] = {}
    for r in results:
        if in_month(r.published_on, year, month):
            channels[r.channel or "未注明公示渠道"] = channels.get(r.channel or "未注明公示渠道", 0) + 1
    total = sum(channels.values())
    publication = (f"通过{'、'.join(f'{c}公示{n}条' for c, n in channels.items())}，共公示{total}条"
                   if total else "本月未公示抽查结果。")
    system = system_text(unit_month(unit, results, year, month), others)
    return MonthlyReport(unit, year, month, filled_on, meetings, documents, trainings,
                         "；".join(launch) or "本月无新印发的抽查文件。", scope or "本月未开展随机抽查。",
                         item_text, publication, system, *contact, level=level)


def system_text(own: UnitMonth, others: Sequence[UnitMonth]) -> str:
    """Row 5: the units that inspected or published this month, with their counts, and the totals."""
    every = [own, *others]
    active = [u for u in every if u.inspected or u.published]
    if not active:
        return f"本系统{len(every)}个单位本月均未开展随机抽查。"
    inspected, published = sum(u.inspected for u in every), sum(u.published for u in every)
    detail = "；".join(f"{u.unit}检查{u.inspected}户、公示{u.published}条" for u in active)
    return (f"本系统共{len(active)}个单位开展随机抽查，抽查检查主体{inspected}户，公示抽查结果{published}条。"
            f"其中：{detail}。")
