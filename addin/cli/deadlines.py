"""``ssj deadlines BOOK --today DATE [--json FILE|-] [--out FILE] [--fail-on-overdue]`` — 时限提醒.

Prints the reminders (事前提醒 / 事中督办 / 事后问责 / 年度目标) counted in Chinese working days; ``--out``
writes a copy of the workbook with new 时限提醒, 问题台账, 统计 (and 结果核对) sheets. Exit 0, or 1 when a
result contradicts the draws or (with ``--fail-on-overdue``) something is overdue; 2 for unusable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.cli import add_force, iso_date, json_file, write_json
from addin.core.deadlines import LEVEL_LABELS, Level
from addin.core.errors import AddinError
from addin.services.deadlines import as_json, deadlines


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "deadlines", help="时限提醒：计划公示、抽取、检查、结果公示、整改、年度覆盖率（按中国工作日）",
        description="按中国工作日（内置 chinesecalendar 日历 + 工作簿“节假日”工作表）计算截至 --today 的各项时限，"
        "列出逾期、预警和提示事项，并生成问题台账和统计。")
    parser.add_argument("book", type=Path, metavar="工作簿", help="工作簿（.xlsx/.xlsm）")
    parser.add_argument("--today", type=iso_date, default=None, metavar="日期", help="按哪一天计算，YYYY-MM-DD（默认今天）")
    parser.add_argument("--json", metavar="文件|-", help="把结果写成 JSON（- 表示标准输出）")
    parser.add_argument("--out", type=Path, metavar="文件", help="另存为新工作簿，附加时限提醒、问题台账、统计工作表")
    parser.add_argument("--fail-on-overdue", action="store_true", help="有逾期事项时退出码为 1")
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    if args.out is not None and args.out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise AddinError("cli.bad-output", f"--out 须是 .xlsx 或 .xlsm 文件：{args.out.name}")
    refuse_existing({"--out": args.out, "--json": json_file(args.json)}, force=args.force, inputs=(args.book,))
    result = deadlines(args.book, today, args.out)
    stream = write_json(args.json, as_json(result, args.book) if args.json else None)
    for r in result.reminders:
        due = f"（到期 {r.due.isoformat()}）" if r.due else ""
        office = f"／{r.office}" if r.office else ""
        print(f"[{LEVEL_LABELS[r.level]}] {r.code} {r.dept}{office}：{r.message}{due}", file=stream)
    summary = result.summary()
    print(f"截至 {today.isoformat()}：逾期 {summary[Level.OVERDUE]} 条，预警 {summary[Level.WARNING]} 条，"
          f"提示 {summary[Level.INFO]} 条；问题台账 {len(result.checked.ledger)} 条。", file=stream)
    if result.checked.errors:
        print(f"检查结果中有 {result.checked.errors} 个错误与抽取不一致（见“结果核对”），这些结果不计入统计和公示。",
              file=stream)
    if args.out is not None:
        print(f"已写入：{args.out}", file=stream)
    failed = bool(result.checked.errors) or (args.fail_on_overdue and result.overdue > 0)
    return 1 if failed else 0
