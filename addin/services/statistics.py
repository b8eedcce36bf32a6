"""Use case: the 统计 sheet — per task and in total, with the provincial formulas (see core.statistics)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from addin.core import output_sheets as out
from addin.core.deadlines import pct
from addin.core.results import TaskInfo
from addin.core.statistics import STAT_COLUMNS, TaskStats, statistics
from addin.core.validation.classes import differentiated_values
from addin.ports import SheetOut
from addin.services.post_book import PostInputs
from addin.services.results import Checked


def compute(inputs: PostInputs, checked: Checked, day: dt.date) -> list[TaskStats]:
    return statistics(inputs.tasks, inputs.draws, checked.accepted, checked.ledger, day)


def class_share(tasks: Iterable[TaskInfo]) -> tuple[int, int]:
    """(tasks that differentiate the credit-risk classes by rate or 频次, tasks) — seed 003 §四:
    提高抽查任务关联企业信用风险分类结果的比例."""
    listed = list(tasks)
    using = sum(1 for t in listed if differentiated_values(t.ratio, dict(t.class_ratios), t.frequency,
                                                           dict(t.class_frequencies)))
    return using, len(listed)


def statistics_sheet(stats: list[TaskStats], day: dt.date, tasks: Iterable[TaskInfo] = ()) -> SheetOut:
    rows = [[pct(v) if i in (5, 7) and isinstance(v, float) else v for i, v in enumerate(s.cells())]
            for s in stats]
    note = (f"统计（截至 {day.isoformat()}）：抽查完成率 = 已公示 / 抽查户数；完结率 = 完结数 / 已公示；"
            "只统计与抽取一致的检查结果。")
    using, total = class_share(tasks)
    if total:
        note += f"本年度计划 {total} 项任务中 {using} 项（{using / total:.0%}）按信用风险分类区分抽查比例或频次。"
    # 40 columns: two landscape pages wide, 任务编号 and 名称 repeated on each; headers wrap two characters a line
    widths = [8, 14, 5.6, 5.6, 5.6, 6.4, 5.6, 6.4] + [5.6] * (len(STAT_COLUMNS) - 8)
    return SheetOut(out.STATISTICS, STAT_COLUMNS, rows, preamble=[[note]], widths=widths,
                    row_fills={len(rows) - 1: "D9D9D9"} if rows else {}, pages_wide=2, repeat_columns=2)


def stats_json(stats: list[TaskStats]) -> list[dict[str, object]]:
    return [dict(zip(STAT_COLUMNS, s.cells(), strict=True)) for s in stats]
