"""Each step of the draw is one transaction: interrupted at any write — a full disk, an output locked by Excel,
the process killed — it is either not done at all, or done with its evidence complete; running the same command
again finishes it, and its outputs then equal those of an uninterrupted run. Never a second draw.

Every file the steps write goes through ``atomic_write``, which renames a finished temporary file into place
(``os.replace``): failing the k-th rename, for every k, interrupts the step between any two of its writes.
A subprocess killed with SIGKILL at chosen renames checks the same with the temporary files a kill leaves.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from drawbook_cases import DAY, DRAW_TIME, FREEZE_TIME, PUBLIC, write_book

from addin.core.errors import AddinError
from addin.services.draw.amend import replace_target, substitute_inspector, void_batch
from addin.services.draw.draw import draw
from addin.services.draw.evidence import verify_folder
from addin.services.draw.freeze import freeze

AMEND_TIME = DRAW_TIME.replace(hour=11)
EVIDENCE = "out/抽取证据/测试县卫生健康局-2024年第1批"


def _freeze(base: Path) -> object:
    return freeze(base / "测试县.xlsx", base / "out" / "冻结.xlsx", day=DAY, sources=[("test", "1")],
                  now=FREEZE_TIME)


def _draw(base: Path) -> object:
    return draw(base / "out" / "冻结.xlsx", base / "out" / "抽取.xlsx", randomness=[("test", "1", "x")],
                now=DRAW_TIME)


def _visit_and_member(base: Path) -> tuple[str, str, str]:
    wb = openpyxl.load_workbook(base / "out" / "抽取.xlsx", read_only=True)
    rows = list(wb["检查安排"].iter_rows(values_only=True))
    wb.close()
    header = rows[0]
    first = dict(zip(header, rows[1], strict=False))
    return str(first["检查组"]), str(first["执法证号"]).split("、")[0], str(first["统一社会信用代码"])


def _substitute(base: Path) -> object:
    visit, member, _target = _visit_and_member(base)
    return substitute_inspector(base / "out" / "抽取.xlsx", base / "out" / "替换.xlsx", visit=visit,
                                inspector=member, reason="因病", now=AMEND_TIME)


def _replace(base: Path) -> object:
    _visit, _member, target = _visit_and_member(base)
    return replace_target(base / "out" / "抽取.xlsx", base / "out" / "递补.xlsx", target=target,
                          reason="冻结前已注销", now=AMEND_TIME)


def _void(base: Path) -> object:
    return void_batch(base / "out" / "抽取.xlsx", base / "out" / "作废.xlsx", reason="开奖号码录入有误", now=AMEND_TIME)


STEPS: dict[str, tuple[str, Callable[[Path], object]]] = {
    # step → (the state it starts from, the step)
    "freeze": ("book", _freeze),
    "draw": ("frozen", _draw),
    "substitute": ("drawn", _substitute),
    "replace": ("drawn", _replace),
    "void": ("drawn", _void),
}


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The starting states, built once: a workbook; frozen; frozen and drawn."""
    root = tmp_path_factory.mktemp("states")
    book = root / "book"
    book.mkdir()
    write_book(book / "测试县.xlsx")
    frozen = root / "frozen"
    shutil.copytree(book, frozen)
    _freeze(frozen)
    drawn = root / "drawn"
    shutil.copytree(frozen, drawn)
    _draw(drawn)
    return {"book": book, "frozen": frozen, "drawn": drawn}


class Interrupted(OSError):
    """The injected failure (a full disk)."""


@contextmanager
def renames(fail_at: int | None = None) -> Iterator[list[int]]:
    """Count the renames of ``atomic_write``; the ``fail_at``-th one fails as on a full disk."""
    real = os.replace
    count = [0]

    def replace(src: Any, dst: Any) -> None:
        count[0] += 1
        if count[0] == fail_at:
            raise Interrupted(errno.ENOSPC, "磁盘空间不足（测试注入）")
        real(src, dst)

    os.replace = replace  # type: ignore[assignment]
    try:
        yield count
    finally:
        os.replace = real


def _snapshot(base: Path) -> dict[str, Any]:
    """Every file under ``base``: evidence and other bytes as they are, workbooks as their sheets' values."""
    found: dict[str, Any] = {}
    for path in sorted(base.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(base).as_posix()
        if path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path, read_only=True)
            found[name] = {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
            wb.close()
        else:
            found[name] = path.read_bytes()
    return found


def _evidence(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in snapshot.items() if k.startswith(EVIDENCE + "/")}


@pytest.fixture(scope="module")
def references(states: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], int]]:
    """Each step run once without interruption: what it leaves, and how many files it renames into place."""
    found = {}
    for name, (start, step) in STEPS.items():
        base = tmp_path_factory.mktemp(f"ref-{name}")
        shutil.copytree(states[start], base, dirs_exist_ok=True)
        with renames() as count:
            step(base)
        found[name] = (_snapshot(base), count[0])
    return found


@pytest.mark.parametrize("name", STEPS)
def test_a_step_failing_at_any_write_is_undone_or_finished_by_running_it_again(
        name: str, states: dict[str, Path], references: dict[str, tuple[dict[str, Any], int]],
        tmp_path: Path) -> None:
    start, step = STEPS[name]
    before = _snapshot(states[start])
    reference, writes = references[name]
    assert writes >= 2
    outcomes = []
    for k in range(1, writes + 1):
        base = tmp_path / f"k{k}"
        shutil.copytree(states[start], base)
        with renames(fail_at=k), pytest.raises(AddinError) as err:
            step(base)
        assert err.value.code in ("draw.not-committed", "draw.outputs-pending"), err.value.message
        assert "Interrupted" in err.value.message or "磁盘空间不足" in err.value.message
        state = _evidence(_snapshot(base))
        if err.value.code == "draw.not-committed":
            assert state == _evidence(before), f"write {k}: not done must leave the evidence as it was"
            assert "视为未" in err.value.message
            outcomes.append("not done")
        else:
            assert state == _evidence(reference), f"write {k}: done must leave the whole evidence"
            assert "再次运行同一命令" in err.value.message
            outcomes.append("done")
        if (base / EVIDENCE).is_dir():
            assert verify_folder(base / EVIDENCE).difference is None
        step(base)  # the same command again
        assert _snapshot(base) == reference, f"write {k}: the rerun must give the uninterrupted run's files"
    assert "not done" in outcomes
    assert "done" in outcomes


def test_a_draw_rerun_with_other_values_is_refused(states: dict[str, Path], tmp_path: Path) -> None:
    """After an interruption past the commit, the same draw is finished; other values are a second draw."""
    base = tmp_path / "b"
    shutil.copytree(states["frozen"], base)
    with renames(fail_at=4), pytest.raises(AddinError):  # 一企一表: after the log
        _draw(base)
    with pytest.raises(AddinError) as err:
        draw(base / "out" / "冻结.xlsx", base / "out" / "抽取.xlsx", randomness=[("test", "1", "other")],
             now=DRAW_TIME)
    assert err.value.code == "draw.already-drawn"
    assert "test:1:x" in err.value.message


def test_a_locked_output_is_refused_before_anything_is_drawn(states: dict[str, Path], tmp_path: Path) -> None:
    base = tmp_path / "b"
    shutil.copytree(states["frozen"], base)
    (base / "out" / "~$抽取-一企一表.xlsx").write_bytes(b"owner")  # Excel holds the 一企一表 open
    with pytest.raises(AddinError) as err:
        _draw(base)
    assert err.value.code == "file.open-in-excel"
    assert not (base / EVIDENCE / "result.json").exists()


KILLER = """
import os, signal, sys
at, calls, real = int(os.environ["SSJ_TEST_KILL_AT"]), [0], os.replace
def replace(src, dst):
    calls[0] += 1
    if calls[0] == at:
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst)
os.replace = replace
from addin.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_draw_killed_at_any_write_is_finished_by_the_same_command(
        states: dict[str, Path], references: dict[str, tuple[dict[str, Any], int]], tmp_path: Path) -> None:
    reference, writes = references["draw"]
    command = ["draw", "out/冻结.xlsx", "--randomness", "test:1:x", "--out", "out/抽取.xlsx",
               "--time", DRAW_TIME.isoformat(sep=" ")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for k in range(1, writes + 1):
        base = tmp_path / f"k{k}"
        shutil.copytree(states["frozen"], base)
        killed = subprocess.run([sys.executable, "-c", KILLER, *command], cwd=base, capture_output=True, text=True,
                                env={**env, "SSJ_TEST_KILL_AT": str(k)}, timeout=300)
        assert killed.returncode == -signal.SIGKILL
        left = list((base / EVIDENCE).glob(".~ssj-*")) + list((base / "out").glob(".~ssj-*"))
        assert left, "a killed write leaves its temporary file"
        done = subprocess.run([sys.executable, "-m", "addin", *command], cwd=base, capture_output=True, text=True,
                              env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert not list((base / EVIDENCE).glob(".~ssj-*"))
        found = {k: v for k, v in _snapshot(base).items() if ".~ssj-" not in k}
        assert found == reference, f"kill at write {k}"
        assert verify_folder(base / EVIDENCE).difference is None
    assert PUBLIC  # the county of drawbook_cases


def _commands(drawn: Path) -> dict[str, list[str]]:
    """The command line of each step, as STEPS runs it."""
    visit, member, target = _visit_and_member(drawn)
    at = ["--time", AMEND_TIME.isoformat(sep=" ")]
    return {
        "freeze": ["freeze", "测试县.xlsx", "--out", "out/冻结.xlsx", "--source", "test:1", "--date", DAY.isoformat(),
                   "--time", FREEZE_TIME.isoformat(sep=" ")],
        "substitute": ["substitute", "out/抽取.xlsx", "--out", "out/替换.xlsx", "--visit", visit, "--inspector", member,
                       "--reason", "因病", *at],
        "replace": ["replace", "out/抽取.xlsx", "--out", "out/递补.xlsx", "--target", target, "--reason", "冻结前已注销",
                    *at],
        "void": ["void", "out/抽取.xlsx", "--out", "out/作废.xlsx", "--reason", "开奖号码录入有误", *at],
    }


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
@pytest.mark.parametrize("name", ["freeze", "substitute", "replace", "void"])
def test_a_step_killed_in_its_first_write_is_finished_by_the_same_command(
        name: str, states: dict[str, Path], references: dict[str, tuple[dict[str, Any], int]], tmp_path: Path) -> None:
    """Killed while its first file is written (the log of an amendment: the commit itself), a step leaves a
    temporary file in the evidence folder; the same command again cleans it and does the step — once."""
    start, _step = STEPS[name]
    command = _commands(states["drawn"])[name]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    base = tmp_path / name
    shutil.copytree(states[start], base)
    killed = subprocess.run([sys.executable, "-c", KILLER, *command], cwd=base, capture_output=True, text=True,
                            env={**env, "SSJ_TEST_KILL_AT": "1"}, timeout=300)
    assert killed.returncode == -signal.SIGKILL
    assert list((base / EVIDENCE).glob(".~ssj-*")), "a killed write leaves its temporary file"
    done = subprocess.run([sys.executable, "-m", "addin", *command], cwd=base, capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _snapshot(base) == references[name][0]
    assert verify_folder(base / EVIDENCE).difference is None
