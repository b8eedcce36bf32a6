"""``ssj verify DIR`` — recompute a draw from its evidence folder and check the hash-chained log.

Exit 0 when everything agrees, 1 naming the first difference, 2 when the folder cannot be used.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from addin.services.draw.evidence import verify_folder


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="校验抽取材料：重算结果并核对哈希链日志",
        description="文件夹是抽取材料文件夹（冻结输入、plan.json、randomness.json、log.jsonl、result.json）。"
        "重新计算抽取结果并核对日志；全部一致时退出码 0，发现不一致时退出码 1 并指出第一处不一致。",
    )
    parser.add_argument("dir", type=Path, metavar="文件夹", help="抽取材料文件夹")
    parser.add_argument("--head", metavar="哈希", help="此前公开的日志哈希：核对它是日志中某条记录的哈希（该条及之前的记录未被改动）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    found = verify_folder(args.dir, args.head)
    for note in found.notes:
        print(f"说明：{note}")
    if found.difference is not None:
        print(f"校验未通过：{found.difference}")
        return 1
    print("校验通过：冻结材料、随机源取值、抽取结果与日志全部一致。")
    print(f"日志记录数：{found.entries}；最新记录哈希（应与公开的一致）：{found.head}")
    if found.result_digest:
        print(f"结果摘要：{found.result_digest}")
    else:
        print("尚无抽取结果记录。")
    if args.head:
        print(f"公开的日志哈希 {args.head} 与日志一致。")
    if found.voided:
        print("注意：该次抽取已作废（void），其结果不再有效。")
    return 0
