"""No silent overwrite: every command that writes refuses an output file that exists — the same refusal
everywhere (``file.exists``, exit 2, naming the file and its option) — unless ``--force``; a refused draw step
draws nothing. ``ssj demo`` into a used folder refuses, or with ``--force`` starts clean (only a demo's folder)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest
from drawbook_cases import DrawnCase, records

from addin.adapters.files import refuse_existing
from addin.cli import COMMANDS, build_parser, main
from addin.core.errors import AddinError
from addin.services.demo import MARKER, start_folder
from addin.services.draw.freeze import Frozen

KEEP = b"an earlier output the user keeps"
OUTPUT_OPTIONS = ("--out", "--report", "--json", "--forms", "--record", "--csv")


def _parsers() -> dict[str, argparse.ArgumentParser]:
    """Every command's parser (and each ``ssj addin`` subcommand's), by name."""
    top = build_parser()
    found: dict[str, argparse.ArgumentParser] = {}
    todo = [(name, top.commands_by_name[name]) for name in COMMANDS]
    while todo:
        name, parser = todo.pop()
        found[name] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f"{name} {sub}", p) for sub, p in action.choices.items()]
    return found


def test_every_command_with_an_output_file_takes_force() -> None:
    writing = {name: parser for name, parser in _parsers().items()
               if any(o in parser._option_string_actions for o in OUTPUT_OPTIONS)}
    assert {"template", "validate", "freeze", "draw", "publish", "report", "demo", "addin build"} <= set(writing)
    missing = [name for name, parser in writing.items() if "--force" not in parser._option_string_actions]
    assert not missing, f"commands writing files without --force: {missing}"


def _keep(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(KEEP)
    return path


def _log_lines(case: DrawnCase) -> int:
    return len((case.frozen.evidence / "log.jsonl").read_text(encoding="utf-8").splitlines())


def _visit(case: DrawnCase) -> tuple[str, str]:
    first = records(case.drawn.out, "检查安排")[0]
    return str(first["检查组"]), str(first["执法证号"]).split("、")[0]


# (name, the file kept, the command) — each writes the file kept, which exists already
Case = Callable[[DrawnCase, Path], tuple[Path, list[str]]]
CASES: dict[str, Case] = {
    "template": lambda c, t: (_keep(t / "模板.xlsx"), ["template", "--out", str(t / "模板.xlsx")]),
    "validate --report": lambda c, t: (_keep(t / "r.xlsx"), ["validate", str(c.book), "--report", str(t / "r.xlsx")]),
    "validate --json": lambda c, t: (_keep(t / "r.json"), ["validate", str(c.book), "--json", str(t / "r.json")]),
    "plan-summary": lambda c, t: (_keep(t / "s.xlsx"), ["plan-summary", str(c.book), "--out", str(t / "s.xlsx")]),
    "freeze": lambda c, t: (_keep(t / "f.xlsx"), ["freeze", str(c.book), "--source", "test:1", "--date",
                                                  "2024-05-06", "--out", str(t / "f.xlsx")]),
    "substitute": lambda c, t: (_keep(t / "s-一企一表.xlsx"), [
        "substitute", str(c.drawn.out), "--visit", _visit(c)[0], "--inspector", _visit(c)[1], "--reason", "因病",
        "--out", str(t / "s.xlsx")]),
    "replace": lambda c, t: (_keep(t / "r.xlsx"), [
        "replace", str(c.drawn.out), "--target", str(records(c.drawn.out, "检查安排")[0]["统一社会信用代码"]),
        "--reason", "误入名录", "--out", str(t / "r.xlsx")]),
    "void": lambda c, t: (_keep(t / "v.xlsx"), ["void", str(c.drawn.out), "--reason", "演示", "--out",
                                                str(t / "v.xlsx")]),
    "publish-draw --csv": lambda c, t: (_keep(t / "p.csv"), ["publish-draw", str(c.drawn.out), "--out",
                                                             str(t / "p.xlsx")]),
    "publish --record": lambda c, t: (_keep(t / "记录.xlsx"), ["publish", str(c.drawn.out), "--out", str(t / "公示.xlsx"),
                                                              "--record", str(t / "记录.xlsx")]),
    "deadlines": lambda c, t: (_keep(t / "时限.xlsx"), ["deadlines", str(c.drawn.out), "--out", str(t / "时限.xlsx")]),
    "report": lambda c, t: (_keep(t / "月报.xlsx"), ["report", str(c.drawn.out), "--month", "2024-05", "--out",
                                                  str(t / "月报.xlsx")]),
    "plan-doc": lambda c, t: (_keep(t / "方案.docx"), ["plan-doc", str(c.drawn.out), "--out", str(t / "方案.docx")]),
    "risk": lambda c, t: (_keep(t / "风险.xlsx"), ["risk", str(c.drawn.out), "--out", str(t / "风险.xlsx")]),
    "addin build": lambda c, t: (_keep(t / "a.xlam"), ["addin", "build", "--out", str(t / "a.xlam")]),
}


DRAWS: dict[str, Callable[[Frozen, Path], tuple[Path, list[str]]]] = {
    "draw --out": lambda f, t: (_keep(t / "d.xlsx"), ["draw", str(f.out), "--randomness", "test:1:x",
                                                      "--out", str(t / "d.xlsx")]),
    "draw --forms": lambda f, t: (_keep(t / "表.xlsx"), ["draw", str(f.out), "--randomness", "test:1:x",
                                                        "--out", str(t / "d.xlsx"), "--forms", str(t / "表.xlsx")]),
}


@pytest.mark.parametrize("name", list(DRAWS))
def test_a_draw_refused_for_an_existing_output_draws_nothing(
        name: str, frozen: Frozen, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kept, argv = DRAWS[name](frozen, tmp_path / "outputs")
    assert main(argv) == 2
    assert f"输出已存在：{kept}" in capsys.readouterr().err
    assert kept.read_bytes() == KEEP
    assert sorted(p.name for p in frozen.evidence.iterdir() if p.name.endswith(".json")) == ["plan.json"]  # not drawn
    assert main([*argv, "--force"]) == 0  # replaced on request
    assert kept.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("name", list(CASES))
def test_an_existing_output_is_refused_the_same_way_by_every_command(
        name: str, drawn: DrawnCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kept, argv = CASES[name](drawn, tmp_path / "outputs")
    lines = _log_lines(drawn)
    capsys.readouterr()
    assert main(argv) == 2, name
    err = capsys.readouterr().err
    assert f"输出已存在：{kept}" in err, err
    assert "--force" in err
    assert kept.read_bytes() == KEEP  # untouched
    assert _log_lines(drawn) == lines  # a refused step records nothing: not drawn, not amended


@pytest.mark.parametrize("name", ["template", "substitute", "report", "publish --record"])
def test_force_replaces_the_output(name: str, drawn: DrawnCase, tmp_path: Path) -> None:
    kept, argv = CASES[name](drawn, tmp_path / "outputs")
    assert main([*argv, "--force"]) in (0, 1)
    assert kept.read_bytes()[:2] == b"PK"  # the new workbook replaced the file kept


def test_the_refusal_names_the_option_and_has_one_code(tmp_path: Path) -> None:
    target = _keep(tmp_path / "x.xlsx")
    with pytest.raises(AddinError) as refused:
        refuse_existing({"--out": None, "--record": target}, force=False)
    assert refused.value.code == "file.exists"
    assert "（--record）" in refused.value.message
    refuse_existing({"--record": target}, force=True)  # --force: allowed
    with pytest.raises(AddinError) as same:
        refuse_existing({"--out": target}, force=True, inputs=(target,))
    assert same.value.code == "file.would-overwrite-input"  # never the input, even with --force


def test_demo_into_a_used_folder_refuses_or_starts_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "演示"
    assert start_folder(folder, force=False) == folder  # a new folder
    assert (folder / MARKER).is_file()
    (folder / "抽取证据" / "示例县-2024年第1批").mkdir(parents=True)
    (folder / "抽取.xlsx").write_bytes(KEEP)
    assert main(["demo", "--out", str(folder)]) == 2  # used: refused, nothing run
    assert "输出已存在" in capsys.readouterr().err
    assert (folder / "抽取.xlsx").read_bytes() == KEEP
    start_folder(folder, force=True)  # an earlier demo's folder: emptied, so one run's outputs only
    assert sorted(p.name for p in folder.iterdir()) == [MARKER]


def test_demo_force_never_empties_a_folder_it_did_not_make(tmp_path: Path) -> None:
    mine = _keep(tmp_path / "我的文件夹" / "名录.xlsx")
    with pytest.raises(AddinError) as refused:
        start_folder(mine.parent, force=True)
    assert refused.value.code == "demo.not-demo-folder"
    assert mine.read_bytes() == KEEP
