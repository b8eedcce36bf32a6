"""``ssj validate FOLDER --jobs N``: hostile files become ``unreadable`` with a Chinese reason, every other file
is still validated, nothing hangs; the summary workbook; the progress bar only on a terminal."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from book_files import save_xlsx
from hostile.corpus import hostile_files, replace_part, sheet_part, sheet_xml
from validation.sample_books import good_sheets, only, set_cell, uscc, wrong_check

from addin.cli import main
from addin.services.batch import Limits, validate_files

TODAY = ["--today", "2024-03-01"]
T = "检查对象名录库"
@pytest.fixture
def good(tmp_path: Path) -> Path:
    return save_xlsx(tmp_path / "good.xlsx", only(good_sheets(), T))


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    sheets = only(good_sheets(), T)
    set_cell(sheets, T, 3, "统一社会信用代码", wrong_check(uscc(2)))
    return save_xlsx(tmp_path / "bad.xlsx", sheets)


def test_the_zip_bomb_is_small_and_would_unpack_to_300_mb(good: Path, tmp_path: Path) -> None:
    hostile_files(tmp_path / "h", good)
    bomb = tmp_path / "h" / "bomb.xlsx"
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with zipfile.ZipFile(bomb) as zf:
        assert max(i.file_size for i in zf.infolist()) >= 300 * 1024 * 1024


def test_hostile_files_are_unreadable_and_the_others_are_validated(
    good: Path, bad: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "submissions"
    expected = hostile_files(folder / "乡镇", good)
    for source in (good, bad):
        (folder / source.name).write_bytes(source.read_bytes())
    code = main(["validate", str(folder), "--jobs", "2", "--json", "-", *TODAY])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    found = {Path(f["path"]).name: f for f in data["files"]}
    assert found["good.xlsx"]["status"] == "ok"
    assert (found["bad.xlsx"]["status"], [i["code"] for i in found["bad.xlsx"]["issues"]]) == (
        "invalid", ["id.uscc-checksum"])
    for name, wanted in expected.items():
        [only_issue] = found[name]["issues"]
        assert (name, found[name]["status"], only_issue["code"]) == (name, "unreadable", wanted)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in only_issue["message"]), only_issue["message"]
    assert [f["path"] for f in data["files"]] == sorted(f["path"] for f in data["files"])
    assert data["summary"]["unreadable"] == len(expected)


def _slow_file(path: Path, rows: int) -> Path:
    """A registry of ``rows`` rows written straight as XML (fast to make, takes a while to validate)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = T
    wb.save(path)
    header = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in good_sheets()[T][0])
    body = "".join(f'<row><c t="inlineStr"><is><t>{uscc(n)}</t></is></c><c t="inlineStr"><is><t>店{n}</t></is></c>'
                   f"</row>" for n in range(rows))
    return replace_part(path, path.with_suffix(".tmp.xlsx"), sheet_part(path),
                         sheet_xml(f"<row>{header}</row>{body}")).rename(path)


def test_a_file_over_its_time_limit_is_stopped_and_the_next_one_still_runs(good: Path, tmp_path: Path) -> None:
    slow = _slow_file(tmp_path / "a-slow.xlsx", 30_000)
    reports = validate_files([slow, good], today=dt.date(2024, 3, 1), jobs=1, limits=Limits(timeout=0.05))
    assert [(r.status, r.issues[0].code if r.issues else None) for r in reports] == [
        ("unreadable", "file.timeout"), ("ok", None)]
    assert "秒" in reports[0].issues[0].params["reason"]


def test_a_file_over_its_memory_limit_is_unreadable(good: Path, tmp_path: Path) -> None:
    big = _slow_file(tmp_path / "a-big.xlsx", 300_000)  # 4.5 million cells: about 150 MB to read
    reports = validate_files([big, good], today=dt.date(2024, 3, 1), jobs=1,
                             limits=Limits(memory=100 * 1024 * 1024))  # beyond what the forked worker holds
    assert reports[0].status == "unreadable"
    assert reports[0].issues[0].code in ("file.out-of-memory", "file.crashed")
    assert reports[1].status == "ok"


def test_the_summary_workbook_of_a_folder(good: Path, bad: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for source in (good, bad):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "broken.xlsx").write_bytes(b"")
    report = tmp_path / "汇总.xlsx"
    assert main(["validate", str(folder), "--report", str(report), "--quiet", *TODAY]) == 1
    wb = openpyxl.load_workbook(report)
    assert wb.sheetnames == ["汇总", "校验结果"]
    rows = [[c.value for c in r] for r in wb["汇总"].iter_rows()]
    at = next(i for i, r in enumerate(rows) if r[0] == "文件")
    assert rows[at] == ["文件", "状态", "错误", "警告", "识别的工作表", "数据行数", "说明"]
    assert [r[:6] for r in rows[at + 1:]] == [
        [str(folder / "bad.xlsx"), "有错误", 1, 0, T, 4],
        [str(folder / "broken.xlsx"), "无法读取", 1, 0, None, 0],
        [str(folder / "good.xlsx"), "通过", 0, 0, T, 4],
    ]
    assert "0 字节" in rows[at + 2][6]
    issues = [[c.value for c in r] for r in wb["校验结果"].iter_rows()]
    at = next(i for i, r in enumerate(issues) if r[0] == "文件")
    assert [(r[0], r[-1]) for r in issues[at + 1:]] == [(str(folder / "bad.xlsx"), "id.uscc-checksum"),
                                                       (str(folder / "broken.xlsx"), "file.empty")]


def _run(args: list[str], *, tty: bool) -> tuple[str, str]:
    env = {**os.environ, "COLUMNS": "120"}
    command = [sys.executable, "-m", "addin", "validate", *args, *TODAY]
    if not tty:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
        return done.stdout, done.stderr
    leader, follower = pty.openpty()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=follower, text=True, env=env, timeout=120,
                          check=False)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return done.stdout, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal_and_never_with_quiet(good: Path, bad: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.xlsx").write_bytes((good if n else bad).read_bytes())
    out, err = _run([str(folder), "--jobs", "2"], tty=True)
    assert "行/秒" in err
    assert "3/3" in err
    assert "共 3 个文件" in out
    out, err = _run([str(folder), "--jobs", "2"], tty=False)
    assert err == ""
    out, err = _run([str(folder), "--quiet"], tty=True)
    assert (out, err) == ("", "")
