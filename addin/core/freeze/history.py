"""Earlier draws of the year (往次抽取): which tasks they used up and how often each target was inspected.

- A task's 频次 (number of batches in the year) is used up by batches (抽取批次) that were drawn (a ``result``
  entry in 抽取记录) and not voided (``void``). A frozen batch not yet drawn does not count, but is reported.
- 同一对象年度抽查上限: per (target, item), an inspection is a visit of a valid earlier batch that covers the
  item, or a 检查结果 row of the year for a task covering the item whose target was not drawn for that task
  in a valid batch (results of drawn visits are the same inspection and are not counted twice).
- The inspectors of a target's previous inspection (上次检查人员) are those of its latest 检查结果.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from addin.core.records import PastResult


@dataclass(frozen=True, slots=True)
class BatchRecord:
    """One 抽取批次 found in 抽取记录: the 任务编号 its plan covered, whether it was drawn or voided."""

    plan_id: str
    task_numbers: tuple[str, ...]
    drawn: bool
    voided: bool
    external: bool = False  # drawn elsewhere (外部抽取): recorded, without an evidence folder here

    @property
    def pending(self) -> bool:
        """Frozen, not drawn, not voided."""
        return not self.drawn and not self.voided


@dataclass(frozen=True, slots=True)
class PastVisit:
    """A target visited in an earlier batch (a row of a 检查安排 sheet)."""

    batch: str
    uscc: str
    task_numbers: tuple[str, ...]
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class History:
    batches: tuple[BatchRecord, ...] = ()
    visits: tuple[PastVisit, ...] = ()
    results: tuple[PastResult, ...] = ()
    voided: frozenset[str] = frozenset()  # batches voided (also those known only from 检查安排)

    def is_voided(self, batch: str) -> bool:
        return batch in self.voided or any(b.plan_id == batch and b.voided for b in self.batches)

    def used_frequency(self, task_number: str, exclude: str | None = None) -> int:
        """How many valid drawn batches covered the task (``exclude``: the batch being checked)."""
        return sum(1 for b in self.batches
                   if b.drawn and not self.is_voided(b.plan_id) and b.plan_id != exclude and task_number in b.task_numbers)

    def pending_with(self, task_numbers: Iterable[str], exclude: str | None = None) -> list[BatchRecord]:
        """Frozen, undrawn, unvoided batches that share a task with ``task_numbers``."""
        wanted = set(task_numbers)
        return [b for b in self.batches if b.pending and not self.is_voided(b.plan_id) and b.plan_id != exclude
                and wanted.intersection(b.task_numbers)]

    def inspections(self, task_items: Mapping[str, Sequence[str]], year: int | None,
                    exclude: str | None = None) -> Counter[tuple[str, str]]:
        """(统一社会信用代码, 事项编码) → inspections this year; ``task_items`` gives each 任务编号's items."""
        counts: Counter[tuple[str, str]] = Counter()
        drawn: set[tuple[str, str]] = set()
        for visit in self.visits:
            if self.is_voided(visit.batch) or visit.batch == exclude:
                continue
            items = set(visit.items)
            for number in visit.task_numbers:
                drawn.add((number, visit.uscc))
                items.update(task_items.get(number, ()))
            for item in items:
                counts[(visit.uscc, item)] += 1
        seen: set[tuple[str, str]] = set()
        for result in self.results:
            key = (result.task_number, result.uscc)
            if key in drawn or key in seen:
                continue
            if year is not None and result.inspected_on is not None and result.inspected_on.year != year:
                continue
            seen.add(key)
            for item in task_items.get(result.task_number, ()):
                counts[(result.uscc, item)] += 1
        return counts

    def last_inspectors(self) -> dict[str, tuple[str, ...]]:
        """统一社会信用代码 → the inspectors (执法证号) of its latest dated 检查结果."""
        latest: dict[str, tuple[dt.date, set[str]]] = {}
        for result in self.results:
            if result.inspected_on is None or not result.inspectors:
                continue
            known = latest.get(result.uscc)
            if known is None or result.inspected_on > known[0]:
                latest[result.uscc] = (result.inspected_on, set(result.inspectors))
            elif result.inspected_on == known[0]:
                known[1].update(result.inspectors)
        return {uscc: tuple(sorted(names)) for uscc, (_day, names) in latest.items()}
