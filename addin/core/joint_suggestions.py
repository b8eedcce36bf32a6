"""联合抽查建议: pairs of tasks that could share their doors (进一次门、查多项事), across 股室 and departments.

"针对检查事项相近、行业类别相同或同一检查对象涉及多个业务条线检查事项的，要开展内部联合抽查" (seed 000 §二(四));
"对检查对象、检查方式和检查时间相近的合并安排" (seed 003 §二). Two tasks are listed when their scopes share 在营
targets (the same 检查对象类别, or businesses in both categories) and their windows (抽查起止时间) overlap.

Frozen in one batch (a freeze dated inside both windows, or ``ssj freeze --tasks A B``) with 协同抽取 on, they
share their rank keys: a business drawn by both is one visit with one team, and each task still draws each
business of a class with its own probability ``n_h / N_h`` (draw §4.5). The figures are expectations for one
batch of each: targets drawn by both when drawn independently (``Σ p_a·p_b`` over the shared targets) and
when coordinated (``Σ min(p_a, p_b)``: exact when both draw a class from the same targets, whose samples are
then nested) — the difference is the doors saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from addin.core.results import TaskInfo
from addin.core.validation.coverage import TaskScope

SUGGESTION_COLUMNS = ("序号", "任务A", "任务A名称", "发起股室A", "发起部门A", "任务B", "任务B名称", "发起股室B",
                      "发起部门B", "共同对象", "可同批冻结的日期", "跨股室", "跨部门", "预计共同抽中（独立抽取）",
                      "预计共同抽中（协同抽取）", "预计减少上门户次", "建议")


@dataclass(frozen=True, slots=True)
class Suggestion:
    a: TaskInfo
    b: TaskInfo
    shared: int
    start: dt.date
    end: dt.date
    independent: Fraction
    coordinated: Fraction
    both_coordinated: bool

    @property
    def saved(self) -> Fraction:
        return self.coordinated - self.independent

    def advice(self) -> str:
        when = f"在 {self.start.isoformat()} 至 {self.end.isoformat()} 之间同一批冻结（或 ssj freeze --tasks " \
               f"{self.a.task_id} {self.b.task_id}）"
        if self.both_coordinated:
            return f"{when}，即协同抽取：同时抽中的对象一次上门、一个检查组、一张一企一表。"
        return f"两项任务的“协同抽取”须都为“是”，并{when}。"

    def cells(self, number: int) -> list[object]:
        return [number, self.a.task_id, self.a.name, self.a.office or None, self.a.lead_dept, self.b.task_id,
                self.b.name, self.b.office or None, self.b.lead_dept, self.shared,
                f"{self.start.isoformat()} 至 {self.end.isoformat()}", _yes(self.a.office != self.b.office),
                _yes(set(self.a.departments) != set(self.b.departments)), _round(self.independent),
                _round(self.coordinated), _round(self.saved), self.advice()]


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _round(value: Fraction) -> float:
    return round(float(value), 1)


def suggestions(tasks: Sequence[TaskInfo], scopes: Sequence[TaskScope]) -> list[Suggestion]:
    """Every pair of tasks with shared targets and overlapping windows, most doors saved first (``scopes`` in
    the order of ``tasks``)."""
    found = []
    pairs = list(zip(tasks, scopes, strict=True))
    for i, (a, sa) in enumerate(pairs):
        for b, sb in pairs[i + 1:]:
            wa, wb = sa.window, sb.window
            if wa is None or wb is None or wa[0] > wb[1] or wb[0] > wa[1]:
                continue
            shared = set(sa.probability) & set(sb.probability)
            if not shared:
                continue
            independent = sum((sa.probability[c] * sb.probability[c] for c in shared), Fraction(0))
            coordinated = sum((min(sa.probability[c], sb.probability[c]) for c in shared), Fraction(0))
            found.append(Suggestion(a, b, len(shared), max(wa[0], wb[0]), min(wa[1], wb[1]), independent,
                                    coordinated, sa.coordinated and sb.coordinated))
    return sorted(found, key=lambda s: (-s.saved, s.a.task_id, s.b.task_id))
