"""The 智慧监管 group: 风险预警 on the live workbook — the same use case as ``ssj risk``, as of today.

The live workbook gets a new 风险预警 sheet (one row per warning); the full report with the problem rates, their
charts and the suggested rates for next year is saved beside the workbook (``<name>-风险预警-YYYYMMDD.xlsx``,
numbered when taken). Earlier years' results come from the sheet 往年检查结果; earlier workbooks as such are for
the command line (``ssj risk --history``).
"""

from __future__ import annotations

from collections import Counter

from addin.adapters.files import free_path
from addin.core.risk.alerts import LEVELS
from addin.ribbon.context import Context, Outcome, fit
from addin.services.risk import risk_report, write_risk
from addin.services.risk.sheets import alert_sheet


def risk(ctx: Context) -> Outcome:
    """风险预警: early warnings, problem rates with intervals and charts, suggested rates for next year."""
    book, path = ctx.workbook(), ctx.saved_file("风险预警")
    report = risk_report(book, ctx.today)
    target = free_path(path.with_name(f"{path.stem}-风险预警-{ctx.today:%Y%m%d}.xlsx"))
    written = write_risk(report, target, inputs=(path,))
    name = book.add_sheet(alert_sheet(report))
    tally = Counter(a.level for a in report.alerts)
    return Outcome(fit([
        f"风险预警（截至 {ctx.today.isoformat()}）：{len(report.alerts)} 条（"
        + "，".join(f"{level} {tally[level]}" for level in LEVELS) + f"），见新工作表“{name}”。",
        *(f"· [{a.level}] {a.name or a.category}：{a.rule}" for a in report.alerts[:5]),
        f"问题发现率（含 95% 区间和图表）、覆盖进度和下一年度抽查比例建议：{written}",
        "内部资料，含信用风险分类，不得公示。往年的工作簿请用命令 ssj risk --history 读取。",
    ]))
