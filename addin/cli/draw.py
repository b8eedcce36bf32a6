"""``ssj draw BOOK --randomness TYPE:ID:VALUE… --out FILE [--evidence DIR] [--forms FILE]`` — 随机抽取.

Draws a frozen batch with the values of its designated randomness (in the designated order): 抽取结果,
检查安排 and the new 抽取记录 rows in the ``--out`` copy, the 一企一表 workbook, and randomness.json,
result.json and the log entries in the evidence folder. Refused (exit 2) when the workbook's inputs changed
since the freeze, the batch was drawn or voided, or the randomness does not answer the designation.
"""

from __future__ import annotations

import argparse
from typing import Any

from addin.cli import EXIT_OK
from addin.cli.draw_common import add_book_arguments, add_forms_argument, now_of
from addin.services.draw.draw import draw


def randomness_value(text: str) -> tuple[str, str, str]:
    kind, _, rest = text.partition(":")
    ident, sep, value = rest.partition(":")
    if not sep or not kind or not ident:
        raise argparse.ArgumentTypeError(f"随机源取值应写成 类型:编号:取值（如 lottery-ssq:2024052:03.07.12.19.25.31/09）：{text}")
    return kind.strip(), ident.strip(), value.strip()


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "draw", help="随机抽取：用冻结时指定的随机源取值计算抽取结果、检查安排和一企一表",
        description="对已冻结的批次进行抽取：核对工作簿的名录与冻结时一致，按冻结时的公开抽取规则（draw-v1 或 draw-v2）计算，另存的工作簿增加"
        "抽取结果、检查安排工作表和抽取记录，另生成一企一表工作簿（每户一页，可打印）。")
    add_book_arguments(parser)
    parser.add_argument("--randomness", action="append", required=True, type=randomness_value,
                        metavar="类型:编号:取值", help="随机源取值，按冻结时指定的顺序，可重复（如 test:1:demo）")
    add_forms_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    done = draw(args.book, args.out, randomness=args.randomness, now=now_of(args), evidence=args.evidence,
                forms=args.forms, force=args.force)
    print(f"抽取完成：抽取批次 {done.plan_id}")
    if done.resumed:
        print("（此前的运行在写完输出之前中断：抽取已记入抽取材料，本次没有重新抽取，只补写了缺少的输出。）")
    print(f"检查对象 {done.targets} 户（检查组 {done.visits} 个），未满员岗位 {done.unfilled} 个" +
          ("（请用 ssj substitute 补足）" if done.unfilled else ""))
    print(f"随机种子：{done.result['seed']}")
    print(f"结果摘要：{done.result['result_digest']}")
    print(f"日志最新哈希（请公示）：{done.head}")
    if done.weak_randomness:
        print("说明：本次使用 manual/test 随机源，不能防止操纵（test 仅用于演示和测试）。")
    print(f"工作簿（抽取结果、检查安排、抽取记录）→ {done.out}")
    print(f"一企一表 → {done.forms}")
    print(f"抽取材料 → {done.evidence}（校验：ssj verify \"{done.evidence}\"）")
    return EXIT_OK
