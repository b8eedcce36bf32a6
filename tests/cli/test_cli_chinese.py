"""Every word ``ssj`` writes about its own usage is Chinese: help, usage errors, argument names; commands in
the order of the work."""

from __future__ import annotations

import argparse
import re

import pytest

from addin.cli import COMMANDS, STEPS, build_parser, main
from addin.cli.parser import display_width, translate, wrap

# argparse's own English, as it would reach the user if a word were left untranslated
ENGLISH = re.compile(r"usage|positional arguments|options:|optional arguments|error:|show this help|"
                     r"required|invalid|choose from|expected|unrecognized|ambiguous|argument|program's version",
                     re.IGNORECASE)
CJK = re.compile(r"[\u4e00-\u9fff]")
FORMATS = {"YYYY-MM"}  # a metavar that shows the format of the value


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found.extend(_parsers(child))
    return found


ALL = _parsers(build_parser())


@pytest.mark.parametrize("parser", ALL, ids=[p.prog for p in ALL])
def test_help_is_chinese(parser: argparse.ArgumentParser) -> None:
    text = parser.format_help()
    assert text.startswith(f"用法：{parser.prog}")
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert "选项:" in text
    assert "显示本帮助并退出" in text


@pytest.mark.parametrize("parser", ALL, ids=[p.prog for p in ALL])
def test_every_argument_has_a_chinese_name_and_help(parser: argparse.ArgumentParser) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            assert action.metavar
            assert CJK.search(str(action.metavar))
            continue
        assert CJK.search(action.help or ""), f"{parser.prog} {action.dest}: 无中文说明"
        if action.nargs != 0 and action.choices is None:
            metavar = str(action.metavar)
            assert CJK.search(metavar) or metavar in FORMATS, f"{parser.prog} {action.dest}: 参数名 {metavar}"


def test_commands_are_listed_in_the_order_of_the_work() -> None:
    text = build_parser().format_help()
    positions = {name: text.index(f"\n  {name} ") for name in COMMANDS}
    order = ["template", "validate", "freeze", "draw", "verify", "substitute", "publish-draw", "publish",
             "deadlines", "report", "addin"]
    assert sorted(order, key=positions.__getitem__) == order
    steps = [text.index(f"\n{step}:") for step in STEPS]
    assert steps == sorted(steps)
    for name, command in COMMANDS.items():  # each under its own step's heading
        assert command.step in STEPS
        before = [s for s in STEPS if text.index(f"\n{s}:") < positions[name]]
        assert before[-1] == command.step, name


BAD_USAGE = [
    (["freeze", "book.xlsx"], "缺少必需的参数：--out、--source"),
    (["validate"], "缺少必需的参数：路径"),
    (["freeze", "b.xlsx", "--out"], "参数 --out：缺少取值"),
    (["validate", "a.xlsx", "--jobs", "0"], "参数 --jobs：应为正整数：0"),
    (["validate", "a.xlsx", "--bogus"], "无法识别的参数：--bogus"),
    (["publish-draw", "b.xlsx", "--out", "x.xlsx", "--team", "all"], "取值 all 无效，可选：names、ids、none"),
    (["publish-draw", "b.xlsx", "--out", "x.xlsx", "--team", "全部"], "取值 全部 无效"),
    (["substitute", "b.xlsx", "--out", "x.xlsx", "--visit", "1", "--reason", "病", "--inspector", "Z1",
      "--slot", "1"], "不能与 --inspector 同时使用"),
    (["substitute", "b.xlsx", "--out", "x.xlsx", "--visit", "1", "--reason", "病", "--slot", "一"],
     "参数 --slot：取值 一 无效，应为整数"),
    (["validate", "a.xlsx", "--qu"], None),  # an abbreviation is fine when it is not ambiguous
    (["validate", "a.xlsx", "--t", "2024-01-01"], "选项 --t 不明确，可能是：--today、--timeout"),
    (["freeze", "b.xlsx", "--out", "x", "--source", "test:1", "--date", "2024-13-01"], "日期应为 YYYY-MM-DD 格式"),
    (["addin"], "缺少必需的参数：子命令"),
    (["addin", "bild"], "取值 bild 无效，可选：build、install、uninstall、wheelhouse"),
]


@pytest.mark.parametrize(("argv", "expected"), BAD_USAGE, ids=[" ".join(a) for a, _ in BAD_USAGE])
def test_usage_errors_are_chinese_and_say_where_to_look(argv: list[str], expected: str | None,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    if expected is None:
        args = build_parser(argv[0]).parse_args(argv)
        assert args.quiet
        return
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert expected in err
    assert err.startswith("用法：ssj")
    assert f"查看用法：ssj {argv[0]}" in err
    assert not ENGLISH.search(err), err


def test_an_unknown_command_suggests_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frezee", "book.xlsx"]) == 2
    err = capsys.readouterr().err
    assert "没有命令“frezee”" in err
    assert "ssj freeze" in err
    assert "ssj --help" in err


def test_no_command_shows_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "3. 冻结与抽取" in err
    assert "请给出一个命令" in err


@pytest.mark.parametrize("message", [
    "the following arguments are required: 工作簿, --out",
    "argument --out: expected one argument",
    "argument --n: expected at most one argument",
    "argument --tasks: expected at least one argument",
    "argument --pair: expected 2 arguments",
    "argument --team: invalid choice: 'x' (choose from 'names', 'ids')",
    "argument --slot: invalid int value: 'a'",
    "argument --rate: invalid float value: 'a'",
    "argument --slot: not allowed with argument --inspector",
    "one of the arguments --a --b is required",
    "unrecognized arguments: --x y",
    "ambiguous option: --t could match --today, --timeout",
    "argument --help: ignored explicit argument 'x'",
    "argument 命令: unknown parser 'x' (choices: a, b)",
    "argument --json: can't open 'x.json': [Errno 2] No such file or directory",
])
def test_every_argparse_error_is_translated(message: str) -> None:
    chinese = translate(message)
    assert CJK.search(chinese)
    assert not re.search(r"argument|expected|invalid|choose|required|unrecognized|ambiguous|ignored|parser|"
                         r"allowed|can't", chinese), chinese


def test_wrap_counts_chinese_as_two_columns_and_keeps_punctuation_on_the_line() -> None:
    lines = wrap("从工作簿的名录库、回避关系、年度抽查计划和设置生成 pool.tsv、roster.tsv，写入新的抽取材料文件夹。", 20)
    assert all(display_width(line) <= 22 for line in lines)
    assert not any(line[0] in "，。、" for line in lines)
    assert "pool.tsv、" in "".join(lines)
    assert any("pool.tsv" in line for line in lines)
