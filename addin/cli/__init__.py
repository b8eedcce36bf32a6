"""The ``ssj`` command line: one module per command, registered in :data:`COMMANDS`.

Exit codes (contract): 0 success / nothing wrong, 1 the input has errors, 2 unusable input or wrong usage
(with a clear message on stderr).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any, NamedTuple, TextIO

from addin import __version__
from addin.cli.parser import ChineseParser, add_version, closest
from addin.core.errors import AddinError

# The steps of the work, in order: ``ssj --help`` lists the commands step by step.
PREPARE, CHECK, DRAW, AFTER_DRAW, PUBLISH, FOLLOW_UP, TOOLS = (
    "1. 准备工作簿", "2. 校验与计划", "3. 冻结与抽取", "4. 核查与变更", "5. 公示", "6. 时限与报表", "7. 加载项与演示")
STEPS = (PREPARE, CHECK, DRAW, AFTER_DRAW, PUBLISH, FOLLOW_UP, TOOLS)


class Command(NamedTuple):
    """A command: the module ``addin.cli.<module>`` that defines it and its step of the work."""

    module: str
    step: str


# Command name → its module and step; within a step, commands are listed in this order. Each module defines
# ``register(subparsers)``, which adds the command's parser and sets ``func(args) -> int`` (the exit code).
# Only the module of the command being run is imported (start-up time matters for batch runs); ``ssj --help``
# imports them all. A new command is one line here.
COMMANDS: dict[str, Command] = {
    "template": Command("template", PREPARE),
    "import": Command("import_cmd", PREPARE),
    "validate": Command("validate", CHECK),
    "freeze": Command("freeze", DRAW),
    "draw": Command("draw", DRAW),
    "import-draw": Command("import_draw", DRAW),
    "verify": Command("verify", AFTER_DRAW),
    "substitute": Command("substitute", AFTER_DRAW),
    "replace": Command("replace", AFTER_DRAW),
    "void": Command("void", AFTER_DRAW),
    "publish-draw": Command("publish_draw", PUBLISH),
    "publish": Command("publish", PUBLISH),
    "plan-doc": Command("plan_doc", PUBLISH),
    "deadlines": Command("deadlines", FOLLOW_UP),
    "report": Command("report", FOLLOW_UP),
    "addin": Command("addin_cmd", TOOLS),
    "demo": Command("demo", TOOLS),
    "draw-v1": Command("draw_v1", TOOLS),
    "draw-v2": Command("draw_v2", TOOLS),
    "plan-summary": Command("plan_summary", CHECK),
    "risk": Command("risk", FOLLOW_UP),
}

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a program whose reader went away


def iso_date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD (usage error, exit 2, otherwise)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式，如 2024-05-01：{text}") from err


def add_force(parser: argparse.ArgumentParser) -> None:
    """``--force``: the one switch that lets a command replace an output file that exists (every command that
    writes refuses one otherwise: :func:`addin.adapters.files.refuse_existing`)."""
    parser.add_argument("--force", action="store_true", help="输出文件已存在时替换它（不加时拒绝覆盖已有文件）")


def json_file(target: str | None) -> Path | None:
    """The file of ``--json FILE|-`` (None for standard output or no JSON)."""
    return Path(target) if target and target != "-" else None


def write_json(target: str | None, data: Any) -> TextIO:
    """``--json FILE|-``: write ``data`` as indented JSON to the file, or to stdout for ``-``; returns the stream
    the command's own lines go to (stderr when the JSON took stdout)."""
    if target:
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if target == "-":
            print(text)
        else:
            Path(target).write_text(text + "\n", encoding="utf-8")
    return sys.stderr if target == "-" else sys.stdout


class _TopParser(ChineseParser):
    """``ssj``: its help lists the commands step by step (:data:`STEPS`)."""

    commands: argparse._SubParsersAction[ChineseParser] | None = None
    commands_by_name: Mapping[str, argparse.ArgumentParser] = MappingProxyType({})

    def format_help(self) -> str:
        if self.commands is None:
            return super().format_help()
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups)
        formatter.add_text(self.description)
        listed = {action.dest: action for action in self.commands._get_subactions()}
        for step in STEPS:
            formatter.start_section(step)
            formatter.add_arguments([listed[name] for name, c in COMMANDS.items() if c.step == step and name in listed])
            formatter.end_section()
        formatter.start_section(self._optionals.title)
        formatter.add_arguments(self._optionals._group_actions)
        formatter.end_section()
        formatter.add_text(self.epilog)
        return formatter.format_help()


def build_parser(only: str | None = None) -> _TopParser:
    """The ``ssj`` parser with every command (in the order of the work), or with just the command ``only``."""
    parser = _TopParser(prog="ssj", description="双随机、一公开 工作簿工具：校验、抽取、公示、报表。",
                        epilog="每个命令的用法：ssj 命令 --help（如 ssj freeze --help）。")
    add_version(parser, f"ssj {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseParser)
    parser.commands = sub if only is None else None
    parser.commands_by_name = sub.choices
    names = [n for step in STEPS for n, c in COMMANDS.items() if c.step == step]
    for name in names:
        if only is None or name == only:
            module: ModuleType = importlib.import_module(f"addin.cli.{COMMANDS[name].module}")
            module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        guess = closest(argv[0], list(COMMANDS))
        hint = f"是不是要用 ssj {guess}？" if guess else ""
        print(f"ssj：错误：没有命令“{argv[0]}”。{hint}全部命令见 ssj --help。", file=sys.stderr)
        return EXIT_UNUSABLE
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args, extra = parser.parse_known_args(argv)
    if extra:  # reported by the command's own parser, so that the message shows its usage
        command = parser.commands_by_name.get(args.command or "", parser)
        command.error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        print("\nssj：错误：请给出一个命令（如 ssj demo）。", file=sys.stderr)
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
