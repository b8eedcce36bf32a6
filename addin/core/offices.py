"""股室 (offices): the lines of work inside a unit, each with its own tasks, targets and inspectors.

A bureau of about twenty 股室 (seed 000 §一(一)) is coordinated by its 双随机办, which "统计汇总各相关股室抽查
工作计划" and makes sure that "各相关股室年度抽查监管主体占比达到3%以上" (§一(三), §二(三)). The dimension comes
from three columns: 发起股室 of a task (年度抽查计划, optional: blank where a unit has no 股室), 监管股室 of a
target (检查对象名录库) and 所属股室 of an inspector (执法检查人员名录库).

- A 股室's coverage is over the targets it supervises (监管股室): those inspected in the year, by any task —
  a visit is a visit, whoever organised it (进一次门、查多项事).
- A reminder (新三单) goes to the 股室 responsible: a task's to its 发起股室; a result's, ledger row's or
  publication's to the task's 发起股室 when the result was entered by the task's 发起部门 (another department's
  result in a joint task is that department's own business: its 录入部门 is named, no 股室).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

UNASSIGNED = "（未填股室）"
"""The row of tasks or targets without a 股室 in per-股室 tables."""


@dataclass(frozen=True, slots=True)
class Supervision:
    """The supervised (在营) targets of the registry: 统一社会信用代码 → 监管股室 ('' when blank)."""

    office_of: Mapping[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.office_of)

    def offices(self) -> list[str]:
        """The 股室 named by the registry, in name order."""
        return sorted({o for o in self.office_of.values() if o})

    def targets_of(self, office: str) -> set[str]:
        return {code for code, o in self.office_of.items() if o == office}

    @property
    def per_office(self) -> bool:
        """Per-股室 figures make sense when the registry names at least two 股室."""
        return len(self.offices()) >= 2


def responsible_office(entered_by: str, lead_dept: str, task_office: str) -> str:
    """The 股室 answering for a result of a task: the task's 发起股室 when the result is the 发起部门's own (or
    its 录入部门 is blank); '' for another department's result in a joint task."""
    return task_office if not entered_by or not lead_dept or entered_by == lead_dept else ""
