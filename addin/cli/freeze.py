"""``ssj freeze BOOK --source TYPE:ID… --out FILE [--date DATE] [--tasks 任务编号…] [--evidence DIR]`` — 冻结.

Freezes one batch of the plan: the canonical draw-v1 inputs and ``plan.json`` in a new evidence folder, the
freeze entry appended to 抽取记录 and the exclusions (抽取排除) in the ``--out`` copy, and prints what to
publish before the draw. Exit 0; 1 when the workbook has validation errors; 2 for unusable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from addin.cli import EXIT_INVALID, EXIT_OK, iso_date
from addin.cli.draw_common import add_book_arguments, now_of
from addin.core.draw_notice import INPUT_LABELS
from addin.reporters.messages import render
from addin.services.draw.freeze import Frozen, InvalidBook, freeze, parse_source


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "freeze", help="冻结抽取名录：生成规范化的抽取输入和冻结记录（抽取前公示冻结哈希）",
        description="从工作簿的名录库、回避关系、年度抽查计划和设置生成一个抽取批次的规范化输入（pool.tsv、roster.tsv、"
        "conflicts.tsv、team_conflicts.tsv、plan.json）和冻结记录，写入新的抽取材料文件夹；另存的工作簿追加抽取记录、"
        "列出排除的对象和人员及原因。默认抽取 --date 当天在抽查起止时间内、频次未用完的任务。")
    add_book_arguments(parser)
    parser.add_argument("--source", action="append", required=True, metavar="类型:编号",
                        help="冻结之后才产生的公开随机源，可重复，按顺序：lottery-ssq:2024052、drand-quicknet:1234567、"
                        "nist-beacon-v2:<chain>-<pulse>、manual:会商（不能防操纵）、test:1（仅演示）")
    parser.add_argument("--date", type=iso_date, metavar="日期", help="抽取日期 YYYY-MM-DD（默认今天），用于选择任务")
    parser.add_argument("--tasks", metavar="任务编号", nargs="+", help="指定本批抽取的任务编号（不按日期和频次自动选择）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    now = now_of(args)
    day = args.date or now.date()
    sources = [parse_source(s) for s in args.source]
    try:
        done = freeze(args.book, args.out, day=day, sources=sources, now=now, tasks=args.tasks,
                      evidence=args.evidence, force=args.force)
    except InvalidBook as err:
        print(f"错误：{err.message}", file=sys.stderr)
        for issue in err.issues[:20]:
            where = f"{issue.sheet or ''} {issue.column or ''}{issue.row or ''}".strip()
            print(f"  {where}：{render(issue)}", file=sys.stderr)
        return EXIT_INVALID
    report(done, day)
    return EXIT_OK


def report(done: Frozen, day: dt.date) -> None:
    b = done.build
    print(f"冻结完成：抽取批次 {done.plan_id}（抽取日期 {day}）")
    if done.resumed:
        print("（沿用此前中断的同一次冻结：抽取材料完全相同，未新建批次。）")
    for choice in done.choices:
        mark = "纳入" if choice.included else "不纳入"
        print(f"  任务 {choice.task.number} {choice.task.name}：{mark}" + (f"（{choice.note}）" if choice.note else ""))
    targets = sum(1 for e in b.exclusions if e.registry == "检查对象")
    print(f"抽取名录 {b.pool_size} 户（排除 {targets} 户），执法人员 {b.roster_size} 人（排除 {len(b.exclusions) - targets} 人），"
          f"回避关系 {b.conflict_count} 条；排除原因见工作表“{done.exclusions_sheet}”。")
    for other in done.pending:
        print(f"注意：批次 {other.plan_id} 也含本批的任务，已冻结但尚未抽取；如不再使用，请用 ssj void 作废。")
    print("抽取前请公示：")
    print(f"  冻结哈希：{done.freeze_hash}")
    for name, digest in done.digests.items():
        print(f"  输入摘要（{INPUT_LABELS.get(name, name)}）：{digest}")
    print(f"  指定随机源（按顺序）：{'、'.join(f'{t}:{i}' for t, i in done.sources)}")
    if any(t in ("manual", "test") for t, _ in done.sources):
        print("  说明：manual/test 随机源不能防止操纵（test 仅用于演示和测试）。")
    print(f"抽取材料 → {done.evidence}")
    print(f"工作簿 → {done.out}")
