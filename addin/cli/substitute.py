"""``ssj substitute BOOK --visit G (--inspector ZF… | --slot N) --reason … --out FILE`` — 人员替换.

An inspector of a visit falls ill or declares a conflict (or a slot stayed empty): the slot is filled again by
draw-v1's rule (§6.5) and recorded as an ``amend`` entry with the reason; the ``--out`` copy gets new
抽取结果 / 检查安排 sheets and the 抽取记录 row, and a new 一企一表 workbook is written.
"""

from __future__ import annotations

import argparse
from typing import Any

from addin.cli import EXIT_OK
from addin.cli.draw_common import add_book_arguments, add_forms_argument, now_of
from addin.services.draw.amend import Amended, substitute_inspector


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "substitute", help="人员替换：检查组成员因病、新申报回避等不能参加时，按抽取规则重新选派并记录原因",
        description="按抽取规则（draw-v1 §6.5）为检查组的一个岗位重新选派人员，追加变更记录，"
        "另存的工作簿增加新的抽取结果、检查安排工作表和抽取记录，并生成新的一企一表。")
    add_book_arguments(parser)
    parser.add_argument("--visit", required=True, metavar="检查组", help="检查组（检查安排的“检查组”列）")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--inspector", metavar="执法证号", help="要替换的人员的执法证号")
    who.add_argument("--slot", type=int, metavar="岗位序号", help="岗位序号（从 1 起，见“候选与并列”列），用于补足空缺岗位")
    parser.add_argument("--reason", required=True, metavar="原因", help="原因（如：因病、新申报回避）")
    add_forms_argument(parser)
    parser.set_defaults(func=run)


def report(done: Amended) -> None:
    if done.resumed:
        print("（此前的运行在写完输出之前中断：该记录已在抽取材料中，本次没有重复记录，只补写了缺少的输出。）")
    for body in done.bodies:
        if body.get("kind") == "substitute":
            print(f"已替换：检查组 {body['unit_id']} 第{body['slot'] + 1}岗 {body['out'] or '空缺'} → "
                  f"{body['in'] or '无人可补'}（候选 {body['candidates']} 人，并列 {body['tied']} 人）；原因：{body['reason']}")
        elif body.get("kind") == "replace":
            print(f"已递补：任务 {body['task_id']} {body['out']} → {body['in']}；原因：{body['reason']}")
        else:
            print(f"已作废：批次 {done.plan_id}；原因：{body.get('reason')}")
    for warning in done.warnings:
        print(f"注意：{warning}")
    print(f"日志最新哈希（请公示）：{done.head}")
    print(f"工作簿 → {done.out}")
    if done.forms:
        print(f"一企一表 → {done.forms}")
    print(f"抽取材料 → {done.evidence}")


def run(args: argparse.Namespace) -> int:
    done = substitute_inspector(args.book, args.out, visit=args.visit, reason=args.reason, now=now_of(args),
                                inspector=args.inspector, slot=args.slot, evidence=args.evidence, forms=args.forms,
                                force=args.force)
    report(done)
    return EXIT_OK
