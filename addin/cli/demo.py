"""``ssj demo [--out DIR]`` — run the demo steps on the example workbook and print where each output went.

Exit 0 when every step succeeded, 1 when a step found errors in the example, 2 when the example is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from addin.cli import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE, iso_date
from addin.services.demo import EXAMPLE, STEPS, DemoRun, demo_today, start_folder


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="在示例工作簿上演示完整流程",
        description="在示例工作簿（workbooks/examples/示例县卫生健康局.xlsx）上依次运行各步骤，输出写到 --out 文件夹。",
    )
    parser.add_argument("--out", type=Path, default=Path("out/demo"), metavar="文件夹", help="输出文件夹（默认 out/demo）")
    parser.add_argument("--workbook", type=Path, default=EXAMPLE, metavar="文件", help="换用另一个工作簿演示")
    parser.add_argument("--today", type=iso_date, metavar="日期", help="按哪一天运行（YYYY-MM-DD），默认为示例工作簿年度的 3 月 1 日")
    parser.add_argument("--force", action="store_true",
                        help="输出文件夹中已有上次演示的输出时，先清空再演示（不加时拒绝，以免两次演示的输出混在一起）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.workbook.is_file():
        print(f"错误：找不到示例工作簿：{args.workbook}", file=sys.stderr)
        return EXIT_UNUSABLE
    today = args.today or demo_today(args.workbook, dt.date.today())
    state = DemoRun(args.workbook, start_folder(args.out.resolve(), force=args.force), today)
    print(f"示例工作簿：{args.workbook}（按 {today} 运行）")
    for number, step in enumerate(STEPS, start=1):
        outputs = step.run(state)
        for description, path in outputs:
            print(f"{number}. {step.name}：{description} → {path.resolve()}")
    for failure in state.failed:
        print(f"未通过：{failure}", file=sys.stderr)
    return EXIT_INVALID if state.failed else EXIT_OK
