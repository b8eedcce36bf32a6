"""The demo's 风险预警 step: ``ssj risk`` on the demo's last workbook copy (this year's demo results and the
example's fictional 往年检查结果 of 2021–2023), as of 31 July."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from addin.core.risk.alerts import LEVELS
from addin.services.demo import DemoRun
from addin.services.risk import risk


def risk_step(run: DemoRun) -> list[tuple[str, Path]]:
    assert run.book is not None
    day = dt.date(run.today.year, 7, 31)
    target = run.out / "风险预警.xlsx"
    report = risk(run.book, target, day)
    tally = Counter(a.level for a in report.alerts)
    levels = "，".join(f"{level} {tally[level]}" for level in LEVELS)
    return [(f"风险预警（{len(report.alerts)} 条：{levels}）、问题发现率与图表、下一年度抽查比例建议（内部资料）", target)]
