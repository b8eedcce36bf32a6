"""``ssj publish BOOK --out FILE.xlsx|FILE.csv [--date DATE] [--pending]`` — 公示.

.xlsx: the public file — only the 公示 list (public fields), the plan as 附件1 / 附件2 — plus the record
(``--record``, default ``<workbook>-公示记录（内部，勿公开）.xlsx``): a copy of the workbook with those sheets and 公示记录, which
holds the plan's fingerprint. .csv: the 公示 list only (UTF-8 with BOM, formula-safe).
Exit 0, or 1 when results contradicting the draws were left out; 2 for unusable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.cli import add_force, iso_date
from addin.services.publish import default_record, publish


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "publish", help="生成公示：抽查结果公示清单（仅公开字段）和年度抽查计划（附件1、附件2）",
        description="生成抽查结果公示清单（单位名称、统一社会信用代码、抽查任务、抽查事项、检查日期、检查结果、"
        "检查机关）和年度抽查工作计划公示表。输出 .xlsx 时记录计划的指纹（公示记录工作表），"
        "计划此后有调整时 ssj deadlines 会提示重新公示。")
    parser.add_argument("book", type=Path, metavar="工作簿", help="工作簿（.xlsx/.xlsm）")
    parser.add_argument("--out", type=Path, required=True, metavar="文件", help="输出文件：.xlsx 或 .csv")
    parser.add_argument("--record", type=Path, default=None, metavar="文件.xlsx",
                        help="公示记录：工作簿副本，附加公示工作表和“公示记录”（计划指纹），之后在它上面继续工作"
                        "（默认：公示文件旁的“<工作簿名>-公示记录（内部，勿公开）.xlsx”）")
    parser.add_argument("--date", type=iso_date, default=None, metavar="日期", help="公示日期，YYYY-MM-DD（默认今天）")
    parser.add_argument("--pending", action="store_true", help="只列出尚未填写公示日期的结果")
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    day = args.date or dt.date.today()
    record = None if args.out.suffix.lower() == ".csv" else args.record or default_record(args.book, args.out)
    refuse_existing({"--out": args.out, "--record": record}, force=args.force, inputs=(args.book,))
    done = publish(args.book, args.out, day, pending_only=args.pending, record=args.record)
    print(f"公示清单：{done.results} 条检查结果（仅公开字段）→ {done.path}")
    if done.plan_fingerprint:
        print(f"年度抽查计划：附件1（部门联合）{done.joint_tasks} 项，附件2（内部）{done.internal_tasks} 项")
        print(f"公示记录（计划指纹 {done.plan_fingerprint[:16]}…，{done.recorded} 条结果已填公示日期和公示渠道；"
              f"内部留存，勿公开，请在此副本上继续工作）→ {done.record}")
    else:
        print("CSV 只含抽查结果；公示年度计划（并记录其指纹）请输出 .xlsx。")
    if done.rejected:
        print(f"有 {done.rejected} 条检查结果与抽取不一致，未列入公示（运行 ssj deadlines --out 查看“结果核对”）。")
        return 1
    return 0
