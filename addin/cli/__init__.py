"""The ``ssj`` command line: one module per command, registered in :data:`COMMANDS`.

Exit codes (contract): 0 success / nothing wrong, 1 the input has errors, 2 unusable input or wrong usage
(with a clear message on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from addin import __version__
from addin.core.errors import AddinError

# Each command module defines ``register(subparsers)`` which adds its parser and sets ``func``.
# ``func(args) -> int`` returns the exit code. Add a command by adding its module here.
COMMANDS: list[str] = ["template", "draw_v1", "verify", "validate", "demo", "deadlines", "publish", "report", "addin_cmd",
                       "freeze", "draw", "substitute", "replace", "void", "publish_draw"]

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a program whose reader went away


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on wrong usage, as the contract wants; messages go to stderr."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ssj", description="双随机、一公开 工作簿工具：校验、抽取、公示、报表。")
    parser.add_argument("--version", action="version", version=f"ssj {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMANDS:
        module: ModuleType = __import__(f"addin.cli.{name}", fromlist=["register"])
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_UNUSABLE
    try:
        code: int = args.func(args)
    except AddinError as err:
        print(f"错误：{err.message}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # the reader went away (ssj … | head): end quietly, as a shell tool does
        sys.stderr.close()
        return EXIT_BROKEN_PIPE
    return code
