"""``ssj replace BOOK --target CODE --reason … --out FILE`` — 备选递补.

A target wrongly in the frozen pool (e.g. deregistered before the freeze but not yet marked) is replaced by the
next reserve of its class (draw-v1 §4.6), in every task of the batch that selected it; recorded as ``amend``
entries with the reason. A target that "could not be found" is a result, not a reason to replace it.
"""

from __future__ import annotations

import argparse
from typing import Any

from addin.cli import EXIT_OK
from addin.cli.draw_common import add_book_arguments, add_forms_argument, now_of
from addin.cli.substitute import report
from addin.services.draw.amend import replace_target


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "replace", help="备选递补：误入冻结名录的对象由同类别的下一个备选对象递补，并记录原因",
        description="仅用于冻结名录中本不应有的对象（如冻结前已注销），由该对象所在信用类别的下一个备选对象递补"
        "（draw-v1 §4.6）；“找不到”“不配合”等是检查结果，不是递补的理由。")
    add_book_arguments(parser)
    parser.add_argument("--target", required=True, metavar="统一社会信用代码", help="要替换的对象")
    parser.add_argument("--reason", required=True, metavar="原因", help="该对象为何不应在冻结名录中")
    add_forms_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report(replace_target(args.book, args.out, target=args.target, reason=args.reason, now=now_of(args),
                          evidence=args.evidence, forms=args.forms, force=args.force))
    return EXIT_OK
