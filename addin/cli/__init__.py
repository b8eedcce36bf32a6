"""The ``ssj`` command line: one module per command, registered in :data:`COMMANDS`.

Exit codes (contract): 0 success / nothing wrong, 1 the input has errors, 2 unusable input or wrong usage
(with a clear message on stderr).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from addin import __version__
from addin.core.errors import AddinError

# Command name → the module that defines it. Each module defines ``register(subparsers)``, which adds the
# command's parser and sets ``func(args) -> int`` (the exit code). Only the module of the command being run is
# imported (start-up time matters for batch runs); ``ssj --help`` imports them all.
COMMANDS: dict[str, str] = {
    "template": "template", "draw-v1": "draw_v1", "verify": "verify", "validate": "validate", "demo": "demo",
    "deadlines": "deadlines", "publish": "publish", "report": "report", "addin": "addin_cmd",
    "freeze": "freeze", "draw": "draw", "substitute": "substitute", "replace": "replace", "void": "void",
    "publish-draw": "publish_draw",
}

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a program whose reader went away


def iso_date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD (usage error, exit 2, otherwise)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式，如 2024-05-01：{text}") from err


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on wrong usage, as the contract wants; messages go to stderr."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``ssj`` parser with every command, or with just the command ``only``."""
    parser = _Parser(prog="ssj", description="双随机、一公开 工作簿工具：校验、抽取、公示、报表。")
    parser.add_argument("--version", action="version", version=f"ssj {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name, module_name in COMMANDS.items():
        if only is None or name == only:
            module: ModuleType = importlib.import_module(f"addin.cli.{module_name}")
            module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
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
