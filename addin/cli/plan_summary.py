"""``ssj plan-summary BOOK [--out FILE] [--today DATE] [--json FILE|-]`` — 计划汇总 and 联合抽查建议.

For the 双随机办: per 股室 the tasks, items, targets in scope, planned draws, coverage and progress, and the
pairs of tasks whose targets and windows overlap (to freeze in one batch and coordinate: 进一次门、查多项事).
``--out`` writes a copy of the workbook with the new 计划汇总 and 联合抽查建议 sheets. Exit 0, 2 for unusable
input.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.cli import add_force, iso_date, json_file, write_json
from addin.core.errors import AddinError
from addin.services.plan_summary import as_json, plan_summary


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plan-summary", help="计划汇总（按股室）和联合抽查建议（双随机办用）",
        description="按股室汇总年度抽查计划：任务、事项、监管对象、范围内对象、计划抽查户次、预计覆盖率和进度；"
        "并列出检查对象和抽查时间重叠、宜同批冻结协同抽取的任务（进一次门、查多项事）。")
    parser.add_argument("book", type=Path, metavar="工作簿", help="工作簿（.xlsx/.xlsm），可以是 ssj import 合并的各股室工作簿")
    parser.add_argument("--today", type=iso_date, default=None, metavar="日期",
                        help="按哪一天计算进度，YYYY-MM-DD（默认今天）")
    parser.add_argument("--json", metavar="文件|-", help="把结果写成 JSON（- 表示标准输出）")
    parser.add_argument("--out", type=Path, metavar="文件", help="另存为新工作簿，附加计划汇总和联合抽查建议工作表")
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    if args.out is not None and args.out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise AddinError("cli.bad-output", f"--out 须是 .xlsx 或 .xlsm 文件：{args.out.name}")
    refuse_existing({"--out": args.out, "--json": json_file(args.json)}, force=args.force, inputs=(args.book,))
    summary = plan_summary(args.book, today, args.out)
    stream = write_json(args.json, as_json(summary) if args.json else None)
    for office in summary.offices:
        cells = office.cells()
        print(f"{office.office}：任务 {cells[1]} 项，监管对象 {office.supervised} 户，计划抽查 {office.planned} 户次，"
              f"预计覆盖率 {cells[8] or '—'}，已抽取 {office.drawn} 户次、已公示 {office.published} 户次；{office.status()}",
              file=stream)
    for s in summary.suggestions:
        print(f"联合抽查建议：{s.a.task_id}（{s.a.office or s.a.lead_dept}）与 {s.b.task_id}（{s.b.office or s.b.lead_dept}）"
              f"共同对象 {s.shared} 户，预计减少上门 {round(float(s.saved), 1)} 户次。{s.advice()}", file=stream)
    if args.out is not None:
        print(f"已写入：{args.out}", file=stream)
    return 0
