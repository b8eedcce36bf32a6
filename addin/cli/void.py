"""``ssj void BOOK --reason … --out FILE [--evidence DIR]`` — 作废.

Records that a batch is abandoned, with its reason (a ``void`` log entry and a 抽取记录 row). Its results no
longer count; a new draw needs a new freeze (a new batch) and new future randomness.
"""

from __future__ import annotations

import argparse
from typing import Any

from addin.cli import EXIT_OK
from addin.cli.draw_common import add_book_arguments, now_of
from addin.cli.substitute import report
from addin.services.draw.amend import void_batch


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "void", help="作废抽取批次：记录原因；重新抽取需要重新冻结并指定新的随机源",
        description="在抽取记录中追加作废记录和原因。作废后该批次不能再抽取或变更，其检查安排不再有效。")
    add_book_arguments(parser)
    parser.add_argument("--reason", required=True, metavar="原因", help="作废原因")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report(void_batch(args.book, args.out, reason=args.reason, now=now_of(args), evidence=args.evidence, force=args.force))
    print("重新抽取：请运行 ssj freeze 冻结新的批次，并指定冻结之后才产生的随机源。")
    return EXIT_OK
