"""专项检查建议: problems common to an industry, listed as candidate tasks for the plan (seed 003 §五).

"对发现的普遍性问题和行业领域的突出风险，要通过双随机抽查等方式，开展有针对性的专项检查，形成监管闭环". A problem is
*common* in a 检查对象类别 when, among the targets of that category inspected within the year (accepted results
dated in the year), the share of targets where it was found reaches 专项检查建议比例 (设置, default 20 %) and at least
专项检查建议最少户数 targets (default 3) have it — a share of 2 targets out of 3 is not an industry's problem.

"The same problem" is the 抽查事项 named in 问题事项 when the result names one, else the 问题描述 (compared after
NFKC, without spaces and trailing punctuation; for a ledger row without 问题描述 the problem categories of its
检查结果). Each candidate is a row in the plan's own columns (年度抽查计划: 任务编号 … 信用风险分类要求), so a
clerk can copy it into the plan (the columns are the plan schema's, passed in by the caller), followed by the
evidence (检查户数, 发现户数, 发现比例, 涉及任务, 问题描述示例).

Suggested values: 抽查类型 定向; 抽查事项 the item concerned (or the items of the tasks where the problem was found);
抽查比例 twice the highest 抽查比例 of the category's tasks, at most 100 % (seed 003 §四: 对高风险领域和问题，提高
抽查比例和频次); from the first day of the next month to 任务完成截止 (left blank when that has passed).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from addin.core.ledger import LedgerRow
from addin.core.results import ResultRecord, TaskInfo

EVIDENCE_COLUMNS = ("问题", "检查户数", "发现户数", "发现比例", "涉及任务", "问题描述示例", "说明")
_TRAILING = "。；;，,、.！!"


@dataclass(frozen=True, slots=True)
class SpecialRules:
    year: int
    share: float = 0.2  # 专项检查建议比例
    min_targets: int = 3  # 专项检查建议最少户数
    tasks_due: dt.date | None = None  # 任务完成截止 of the year


@dataclass(frozen=True, slots=True)
class Candidate:
    """A problem common to one category, as a suggested 专项检查 task."""

    category: str
    label: str  # the problem: an item's name, or the 问题描述
    items: tuple[str, ...]  # 事项编码 concerned
    inspected: int  # targets of the category inspected within the year
    found: int  # of these, targets where the problem was found
    tasks: tuple[str, ...]  # 任务编号 where it was found
    examples: tuple[str, ...]  # distinct 问题描述
    dept: str  # 发起部门 suggested
    office: str = ""  # 发起股室 suggested

    @property
    def share(self) -> float:
        return self.found / self.inspected if self.inspected else 0.0


def problem_key(text: str) -> str:
    """问题描述 as compared: NFKC, no white space, no trailing punctuation."""
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    return folded.rstrip(_TRAILING)


def _kinds(row: LedgerRow) -> list[tuple[str, str]]:
    if row.problem_items:
        return [("item", code) for code in row.problem_items]
    key = problem_key(row.problem)
    return [("text", key)] if key else []


def candidates(results: Iterable[ResultRecord], ledger: Iterable[LedgerRow], tasks: Sequence[TaskInfo],
               item_names: Mapping[str, str], rules: SpecialRules) -> list[Candidate]:
    """The problems found in at least ``rules.share`` of a category's inspected targets (and at least
    ``rules.min_targets`` targets) within ``rules.year``, most frequent first."""
    by_task = {t.task_id: t for t in tasks}

    def in_year(day: dt.date | None) -> bool:
        return day is not None and day.year == rules.year

    inspected: dict[str, set[str]] = {}
    for rec in results:
        task = by_task.get(rec.task_id)
        if task is not None and task.category and in_year(rec.inspected_on):
            inspected.setdefault(task.category, set()).add(rec.uscc)
    found: dict[tuple[str, str, str], list[LedgerRow]] = {}
    for row in ledger:
        if row.category and in_year(row.inspected_on):
            for kind, key in _kinds(row):
                found.setdefault((row.category, kind, key), []).append(row)
    out = []
    for (category, kind, key), rows in found.items():
        targets = {r.uscc for r in rows}
        total = len(inspected.get(category, ()))
        if not total or len(targets) < rules.min_targets or len(targets) / total < rules.share:
            continue
        task_ids = tuple(dict.fromkeys(r.task_id for r in rows))
        items = (key,) if kind == "item" else tuple(dict.fromkeys(
            c for t in task_ids if t in by_task for c in by_task[t].items))
        label = item_names.get(key, key) if kind == "item" else rows[0].problem
        depts = Counter(by_task[t].lead_dept for t in task_ids if t in by_task and by_task[t].lead_dept)
        offices = Counter(by_task[t].office for t in task_ids if t in by_task and by_task[t].office)
        out.append(Candidate(category, label, items, total, len(targets), task_ids,
                             tuple(dict.fromkeys(r.problem for r in rows if r.problem))[:3],
                             depts.most_common(1)[0][0] if depts else "",
                             offices.most_common(1)[0][0] if offices else ""))
    return sorted(out, key=lambda c: (-c.share, -c.found, c.category, c.label))


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def suggested_ratio(category: str, tasks: Sequence[TaskInfo]) -> float:
    """Twice the highest 抽查比例 of the category's tasks (提高抽查比例), at most 100 %; 100 % without such a task."""
    ratios = [t.ratio for t in tasks if t.category == category and t.ratio is not None]
    return min(1.0, 2 * max(ratios)) if ratios else 1.0


def suggestion_rows(found: Sequence[Candidate], tasks: Sequence[TaskInfo], rules: SpecialRules, today: dt.date,
                    plan_columns: Sequence[str], area: str = "全县") -> list[list[object]]:
    """One row per candidate: ``plan_columns`` (the 年度抽查计划 columns in the plan schema's order; a column this
    module does not fill stays blank), then :data:`EVIDENCE_COLUMNS`."""
    start = _next_month(today)
    end = rules.tasks_due
    window = (start, end) if end is not None and start <= end else (None, None)
    rows: list[list[object]] = []
    for number, c in enumerate(found, 1):
        note = (f"本年度{c.category}检查 {c.inspected} 户，{c.found} 户发现该问题（{c.share:.0%}），达到专项检查建议比例"
                f" {rules.share:.0%}。比例和时间为建议值，请按实际调整后复制到“年度抽查计划”。")
        if window[0] is None:
            note += "本年度任务完成截止已过，请列入下一年度计划。"
        plan: dict[str, object] = {
            "任务编号": f"ZX{rules.year}-{number:02d}", "抽查任务名称": f"对{area}{c.category}“{c.label}”问题的专项检查",
            "抽查类型": "定向", "抽查事项": "、".join(c.items), "检查对象类别": c.category,
            "抽查比例": suggested_ratio(c.category, tasks), "频次": 1, "开始日期": window[0], "结束日期": window[1],
            "发起部门": c.dept or None, "发起股室": c.office or None,
        }
        rows.append([*(plan.get(name) for name in plan_columns), c.label, c.inspected, c.found, c.share,
                     "、".join(c.tasks), "；".join(c.examples), note])
    return rows
