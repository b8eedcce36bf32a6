"""``ssj risk BOOK --today DATE --out FILE.xlsx [--history FILE…]`` — 风险预警 and 智慧监管.

Writes a new workbook: 风险预警 (one row per warning: level, rule, reason, suggested action), 问题发现率 with
95 % intervals and charts, 问题发现率趋势, 建议比例 (next year's rates that keep the workload), 覆盖进度 (chart) and
数据说明. Internal: it holds credit-risk classes. Exit 0 (warnings are the output, not a failure); 2 for
unusable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.cli import add_force, iso_date
from addin.core.errors import AddinError
from addin.core.risk.alerts import LEVELS


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "risk", help="风险预警与智慧监管：预警名单、问题发现率（含区间）和下一年度抽查比例建议",
        description="按本年度和往年的检查结果（工作表“往年检查结果”和 --history 指定的往年工作簿）生成风险预警名单、"
        "各类别和信用风险分类的问题发现率（95% 区间）、覆盖进度图和下一年度抽查比例建议。输出为新工作簿，含信用风险分类，仅供内部使用。")
    parser.add_argument("book", type=Path, metavar="工作簿", help="本年度工作簿（.xlsx/.xlsm），只读取")
    parser.add_argument("--today", type=iso_date, default=None, metavar="日期", help="按哪一天计算，YYYY-MM-DD（默认今天）")
    parser.add_argument("--out", type=Path, required=True, metavar="文件", help="输出的新工作簿（.xlsx）")
    parser.add_argument("--history", type=Path, nargs="+", default=[], metavar="往年工作簿",
                        help="往年的工作簿（读取其中的检查结果、往年检查结果和检查对象名录库），可多个")
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from addin.services.risk import risk  # pandas loads only for this command

    today = args.today or dt.date.today()
    if args.out.suffix.lower() != ".xlsx":
        raise AddinError("cli.bad-output", f"--out 须是 .xlsx 文件：{args.out.name}")
    refuse_existing({"--out": args.out}, force=args.force, inputs=(args.book,))
    report = risk(args.book, args.out, today, args.history)
    tally = Counter(a.level for a in report.alerts)
    print(f"风险预警（截至 {today.isoformat()}）：{len(report.alerts)} 条（"
          + "，".join(f"{level} {tally[level]}" for level in LEVELS) + "）。")
    o = report.overall
    years = sorted({i.year for i in report.inputs.inspections if i.year is not None})
    span = f"{years[0]}–{years[-1]} 年" if years else "无"
    rate = f"{o.rate:.1%}（95% 区间 {o.low:.1%}–{o.high:.1%}）" if o.rate is not None else "无数据"
    print(f"检查结果 {len(report.inputs.inspections)} 户次（{span}），总体问题发现率 {rate}。")
    if report.suggestions:
        now = sum(s.current_count for s in report.suggestions)
        then = sum(s.suggested_count for s in report.suggestions)
        print(f"下一年度抽查比例建议：现行预计 {now} 户次，建议 {then} 户次（见“建议比例”，仅供制定计划参考）。")
    print(f"已写入（内部资料，含信用风险分类，不得公示）：{args.out}")
    return 0
