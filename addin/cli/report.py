"""``ssj report BOOK --month YYYY-MM --out FILE.xlsx [--units FOLDER] [--date DATE]`` — 月报表.

Fills the monthly report form (seed 000 附件) from 工作动态, the plan, the draws and the results of the month;
row 5 adds the subordinate units' workbooks found under ``--units``. Exit 0; 2 for unusable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.cli import add_force, iso_date
from addin.services.report import report


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report", help="填写“双随机、一公开”监管工作月报表",
        description="按月报表格式（一页 A4）填写本月的会议、文件、培训、抽查开展和结果公示情况；"
        "--units 指定下级单位工作簿所在文件夹，第 5 行汇总本系统情况。")
    parser.add_argument("book", type=Path, metavar="工作簿", help="本单位工作簿（.xlsx/.xlsm）")
    parser.add_argument("--month", required=True, metavar="YYYY-MM", help="报表月份，如 2024-06")
    parser.add_argument("--out", type=Path, required=True, metavar="文件.xlsx", help="输出的月报表工作簿")
    parser.add_argument("--units", type=Path, metavar="文件夹", help="下级单位工作簿所在文件夹（汇总第 5 行）")
    parser.add_argument("--date", type=iso_date, default=None, metavar="日期", help="填表时间，YYYY-MM-DD（默认今天）")
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    day = args.date or dt.date.today()
    refuse_existing({"--out": args.out}, force=args.force, inputs=(args.book,))
    done = report(args.book, args.month, args.out, day, args.units)
    print(f"月报表（{done.report.year}年{done.report.month}月）→ {done.path}")
    if args.units is not None:
        print(f"汇总下级单位 {len(done.units)} 个。")
    for path, reason in done.unreadable:
        print(f"未能读取 {path}：{reason}（未计入第 5 行）")
    return 0
