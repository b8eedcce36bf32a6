"""The Chinese ``ssj`` parser: argparse with every word the user reads in Chinese.

argparse writes its own English ("usage:", "positional arguments", "options", "error: the following arguments
are required", "invalid choice", "-h, --help show this help message and exit"). :class:`ChineseParser` replaces
each of them — the section titles and the help/version options when the parser is built, the usage prefix in
:class:`ChineseHelpFormatter`, and every usage error in :meth:`ChineseParser.error` through :func:`translate`,
which ends with what to do next (``ssj 命令 --help``). Sub-command parsers made by ``add_parser`` inherit the class.

Help text is wrapped by display width: a Chinese character takes two columns of a terminal.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

USAGE_PREFIX = "用法："
ARGUMENTS_TITLE = "参数"
OPTIONS_TITLE = "选项"
HELP_HELP = "显示本帮助并退出"
VERSION_HELP = "显示版本号并退出"

_NUMBER_TYPES = {"int": "整数", "float": "数字", "positive": "正整数"}


def _quoted_list(text: str) -> str:
    """``'a', 'b'`` (argparse's list of choices or options) → ``a、b``."""
    return "、".join(part.strip().strip("'\"") for part in text.split(",") if part.strip())


def _spaced_list(text: str) -> str:
    """``--a --b`` or ``book, --out`` → ``--a、--b``."""
    return "、".join(p for p in re.split(r"[\s,]+", text.strip()) if p)


# argparse's usage errors (Python 3.11–3.13 wording), each with its Chinese sentence.
_ERRORS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"the following arguments are required: (?P<names>.+)", re.S),
     lambda m: f"缺少必需的参数：{_spaced_list(m['names'])}"),
    (re.compile(r"one of the arguments (?P<names>.+) is required", re.S),
     lambda m: f"须给出以下参数之一：{_spaced_list(m['names'])}"),
    (re.compile(r"not allowed with argument (?P<other>.+)", re.S),
     lambda m: f"不能与 {m['other']} 同时使用（只能二选一）"),
    (re.compile(r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)", re.S),
     lambda m: f"取值 {m['value'].strip(chr(39))} 无效，可选：{_quoted_list(m['choices'])}"),
    (re.compile(r"invalid (?P<type>\w+) value: (?P<value>.+)", re.S),
     lambda m: f"取值 {m['value'].strip(chr(39))} 无效"
     + (f"，应为{_NUMBER_TYPES[m['type']]}" if m["type"] in _NUMBER_TYPES else "")),
    (re.compile(r"expected one argument"), lambda m: "缺少取值（应在它后面写一个值）"),
    (re.compile(r"expected at most one argument"), lambda m: "最多只能写一个值"),
    (re.compile(r"expected at least one argument"), lambda m: "缺少取值（应在它后面写至少一个值）"),
    (re.compile(r"expected (?P<n>\d+) arguments?"), lambda m: f"应在它后面写 {m['n']} 个值"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)", re.S),
     lambda m: f"无法识别的参数：{m['args']}"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", re.S),
     lambda m: f"选项 {m['option']} 不明确，可能是：{_quoted_list(m['matches'])}"),
    (re.compile(r"ignored explicit argument (?P<value>.+)", re.S),
     lambda m: f"这个选项不接受取值：{m['value'].strip(chr(39))}"),
    (re.compile(r"unexpected option string: (?P<option>.+)", re.S), lambda m: f"此处不应出现选项 {m['option']}"),
    (re.compile(r"can't open '(?P<file>.+)': (?P<error>.+)", re.S),
     lambda m: f"无法打开文件 {m['file']}：{m['error']}"),
    (re.compile(r"unknown parser (?P<name>.+?) \(choices: (?P<choices>.+)\)", re.S),
     lambda m: f"未知的命令 {m['name'].strip(chr(39))}，可选：{_quoted_list(m['choices'])}"),
]
_ARGUMENT = re.compile(r"argument (?P<name>.+?): (?P<message>.+)", re.S)


def translate(message: str) -> str:
    """One of argparse's English usage errors in Chinese; a message that is already Chinese is kept."""
    whole = _ARGUMENT.fullmatch(message)
    if whole:
        return f"参数 {whole['name']}：{translate(whole['message'])}"
    for pattern, chinese in _ERRORS:
        found = pattern.fullmatch(message)
        if found:
            return chinese(found)
    return message


def display_width(text: str) -> int:
    """Terminal columns of ``text``: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_NO_LINE_START = set("，。、；：？！）》」』”’…,.;:)")


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of about ``width`` columns: Chinese may break anywhere, other words stay whole,
    and closing punctuation (，。、）…) never starts a line (it may stick out by one character)."""
    lines: list[str] = []
    line = ""
    for token in re.findall(r"[A-Za-z0-9_./:<>\-=%@…]+|\s+|.", " ".join(text.split())):
        if display_width(line + token) > width and line.strip() and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = "" if token.isspace() else token
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Usage prefixed 用法：, help wrapped by display width."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:  # argparse measured the invocations with len()
            invocations = [action, *self._iter_indented_subactions(action)]
            longest = max(display_width(self._format_action_invocation(a)) for a in invocations)
            self._action_max_length = max(self._action_max_length, longest + self._current_indent)

    def _format_action(self, action: argparse.Action) -> str:
        """argparse's layout of one option and its help, padded by display width."""
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        header = self._format_action_invocation(action)
        room = help_position - self._current_indent - 2
        lines = wrap(self._expand_help(action), help_width) if action.help and action.help.strip() else []
        if lines and display_width(header) <= room:
            first = " " * self._current_indent + header + " " * (room - display_width(header) + 2) + lines[0]
            rest = lines[1:]
        else:
            first, rest = " " * self._current_indent + header, lines
        text = "\n".join([first, *(" " * help_position + line for line in rest)]) + "\n"
        return text + "".join(self._format_action(sub) for sub in self._iter_indented_subactions(action))

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))


class ChineseParser(argparse.ArgumentParser):
    """argparse in Chinese; exits 2 on wrong usage (the contract), with the message and what to do on stderr."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = ARGUMENTS_TITLE
        self._optionals.title = OPTIONS_TITLE
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP_HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate(message)}\n查看用法：{self.prog} --help\n")


def add_version(parser: argparse.ArgumentParser, version: str) -> None:
    """``--version`` with Chinese help."""
    parser.add_argument("--version", action="version", version=version, help=VERSION_HELP)


def closest(name: str, choices: Sequence[str]) -> str | None:
    """The command the user probably meant (a typo), or None."""
    import difflib

    found = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return found[0] if found else None
