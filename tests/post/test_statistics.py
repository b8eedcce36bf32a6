"""统计: 抽查完成率 = 已公示 / 抽查户数, 完结率 = 完结数 / 已公示, counts per result category."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from post_cases import inputs_of

from addin.services.results import check
from addin.services.statistics import compute

TODAY = dt.date(2025, 11, 3)


def test_statistics_per_task_and_total(book: Path) -> None:
    inputs = inputs_of(book, TODAY)
    stats = {s.task_id: s for s in compute(inputs, check(inputs, TODAY), TODAY)}
    t01, t02, t03, total = stats["T01"], stats["T02"], stats["T03"], stats["合计"]
    # T01: 3 drawn in the valid batch (the voided batch does not count), 2 accepted results, 1 published;
    # the published one has an overdue rectification, so nothing is closed yet.
    assert (t01.drawn, t01.inspected, t01.published, t01.closed) == (3, 2, 1, 0)
    assert (t01.completion_rate, t01.closure_rate) == (1 / 3, 0)
    # T02: referred to case handling (后续处置, not yet in 移送记录): 移送待反馈, not closed until 已办结.
    assert (t02.drawn, t02.inspected, t02.published, t02.closed, t02.closure_rate) == (1, 1, 1, 0, 0.0)
    assert (t02.referrals_by_type, t02.referrals_by_status) == ((1, 0, 0, 0, 0), (1, 0, 0))
    assert (t02.entrusted, t02.failed_tests) == (1, 0)  # 检验检测
    assert (t03.drawn, t03.completion_rate, t03.closure_rate) == (0, None, None)
    assert (total.drawn, total.inspected, total.published, total.closed) == (4, 3, 2, 0)
    assert total.completion_rate == 0.5
    assert total.by_category[:3] == (1, 1, 1)
    assert total.pending_by_follow_up[2] == 1  # 发现问题待后续处理 → 移送办案机构立案
