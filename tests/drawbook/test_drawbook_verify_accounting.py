"""ssj verify accounts for every file of the evidence folder and every entry's shape: a file the log does not
account for (result.json or randomness.json without its entry, an extra file), an entry without its file, an
entry whose body the spec does not allow — each fails with exit 1 naming the file or the entry, never with a
traceback. The two forgeries of the hostile review are among them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from addin.cli import main
from addin.core.draw import canonical_json, head_hash, parse_log

Tamper = Callable[[Path], None]


def _lines(folder: Path) -> list[bytes]:
    return (folder / "log.jsonl").read_bytes().splitlines(keepends=True)


def _keep_lines(n: int) -> Tamper:
    def tamper(folder: Path) -> None:
        (folder / "log.jsonl").write_bytes(b"".join(_lines(folder)[:n]))
    return tamper


def _chained(entries: list[dict[str, Any]]) -> bytes:
    """Entries re-chained (seq and prev recomputed): a forger who knows the hashing, not the rules."""
    out: list[dict[str, Any]] = []
    for entry in entries:
        out.append({**entry, "seq": len(out), "prev": head_hash(out)})
    return b"".join(canonical_json(e) + b"\n" for e in out)


def _append(kind: Any, body: Any) -> Tamper:
    def tamper(folder: Path) -> None:
        log = parse_log((folder / "log.jsonl").read_bytes())
        (folder / "log.jsonl").write_bytes(_chained([*log, {"type": kind, "body": body}]))
    return tamper


def _rebody(kind: str, body: Any) -> Tamper:
    """The entry of type ``kind`` given another body, the chain recomputed after it."""
    def tamper(folder: Path) -> None:
        log = parse_log((folder / "log.jsonl").read_bytes())
        (folder / "log.jsonl").write_bytes(_chained([{**e, "body": body} if e["type"] == kind else e for e in log]))
    return tamper


def _both(*steps: Tamper) -> Tamper:
    def tamper(folder: Path) -> None:
        for step in steps:
            step(folder)
    return tamper


def _write(name: str, data: bytes) -> Tamper:
    return lambda folder: (folder / name).write_bytes(data)


def _delete(name: str) -> Tamper:
    return lambda folder: (folder / name).unlink()


def _mkdir(name: str) -> Tamper:
    return lambda folder: (folder / name).mkdir()


SUBSTITUTE = {"kind": "substitute", "unit_id": "X", "slot": 0, "out": "ZF0001", "in": "ZF0002", "candidates": 1,
              "tied": 1, "reason": "因病"}
TAMPERINGS: dict[str, tuple[Tamper, str]] = {
    # the two forgeries of the review: only --head caught them before
    "last log line deleted, result.json replaced": (
        _both(_keep_lines(3), _write("result.json", b'{"forged":1}\n')), "result.json"),
    "log cut to the freeze entry, randomness.json []": (
        _both(_keep_lines(1), _write("randomness.json", b"[]\n")), "randomness.json"),
    "log cut to the freeze entry, genuine files left": (_keep_lines(1), "randomness.json"),
    "result.json deleted": (_delete("result.json"), "result.json"),
    "randomness.json deleted": (_delete("randomness.json"), "randomness.json"),
    "pool.tsv deleted": (_delete("pool.tsv"), "pool.tsv"),
    "log.jsonl deleted": (_delete("log.jsonl"), "log.jsonl"),
    "an extra file": (_write("说明.txt", b"added later\n"), "说明.txt"),
    "an extra folder": (_mkdir("备份"), "备份"),
    "a temporary file of an interrupted write": (_write(".~ssj-abc123.json", b"{"), ".~ssj-abc123.json"),
    "amend whose body is a list": (_append("amend", [1, 2]), "body 应为对象"),
    "amend without its fields": (_append("amend", {"kind": "substitute"}), "缺少字段"),
    "amend with a slot as text": (_append("amend", {**SUBSTITUTE, "slot": "1"}), "slot 应为非负整数"),
    "amend of an unknown kind": (_append("amend", {**SUBSTITUTE, "kind": "swap"}), "kind"),
    "an entry of an unknown type": (_append("comment", {"text": "x"}), "记录类型"),
    "a void without a reason": (_append("void", {"reason": ""}), "reason 应为非空文字"),
    "a void with a list body": (_append("void", ["x"]), "body 应为对象"),
    "the randomness entry without its values": (_rebody("randomness", {"proofs": None}), "缺少字段 randomness"),
    "the result entry with an extra field": (
        _rebody("result", {"result_digest": "0" * 64, "note": "x"}), "不允许的字段 note"),
    "a log line nested 100,000 deep": (
        lambda folder: (folder / "log.jsonl").write_bytes(b"[" * 100_000 + b"]" * 100_000 + b"\n"), "log.jsonl"),
    "a seq of 5,000 digits": (
        lambda folder: (folder / "log.jsonl").write_bytes(b'{"body":{},"prev":"0","seq":' + b"9" * 5000
                                                          + b',"type":"freeze"}\n'), "log.jsonl"),
    "log.jsonl not UTF-8": (_write("log.jsonl", "冻结\n".encode("gbk")), "log.jsonl"),
}


@pytest.fixture(scope="module")
def evidence(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One drawn batch's evidence folder, copied for each tampering (built once: the draw takes seconds)."""
    from drawbook_cases import DAY, DRAW_TIME, FREEZE_TIME, write_book

    from addin.services.draw.draw import draw
    from addin.services.draw.freeze import freeze
    base = tmp_path_factory.mktemp("verify")
    book = write_book(base / "测试县.xlsx")
    frozen = freeze(book, base / "out" / "冻结.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    return draw(frozen.out, base / "out" / "抽取.xlsx", randomness=[("test", "1", "x")], now=DRAW_TIME).evidence


@pytest.mark.parametrize("name", TAMPERINGS)
def test_each_tampering_fails_naming_what_is_wrong(evidence: Path, tmp_path: Path, name: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(evidence, folder)
    tamper, named = TAMPERINGS[name]
    tamper(folder)
    assert main(["verify", str(folder)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("校验未通过：")
    assert named in out
    assert len(out) < 2000


def test_the_forgeries_fail_as_a_command_without_a_traceback(evidence: Path, tmp_path: Path) -> None:
    for name in ("last log line deleted, result.json replaced", "amend whose body is a list"):
        folder = tmp_path / name
        shutil.copytree(evidence, folder)
        TAMPERINGS[name][0](folder)
        done = subprocess.run([sys.executable, "-m", "addin", "verify", str(folder)], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr + done.stdout


def test_files_that_file_managers_add_are_ignored_with_a_note(evidence: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(evidence, folder)
    (folder / "Thumbs.db").write_bytes(b"\0" * 10)
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n")
    assert main(["verify", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Thumbs.db" in out
    assert "校验通过" in out


def test_a_consistent_cut_passes_and_only_the_published_head_reveals_it(evidence: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The log cut back to its freeze entry and randomness.json / result.json removed with it is the folder of a
    batch frozen and not drawn: consistent in itself. The hash published after the draw is not in it."""
    head = head_hash(parse_log((evidence / "log.jsonl").read_bytes()))
    folder = tmp_path / "copy"
    shutil.copytree(evidence, folder)
    _both(_keep_lines(1), _delete("randomness.json"), _delete("result.json"))(folder)
    assert main(["verify", str(folder)]) == 0
    assert main(["verify", str(folder), "--head", head]) == 1
    assert "公开的日志哈希" in capsys.readouterr().out


def test_a_folder_that_is_not_evidence_is_unusable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "空").mkdir()
    assert main(["verify", str(tmp_path / "空")]) == 2
    assert main(["verify", str(tmp_path / "没有")]) == 2
    (tmp_path / "别的").mkdir()
    (tmp_path / "别的" / "a.json").write_text(json.dumps({}))
    assert main(["verify", str(tmp_path / "别的")]) == 2
    assert "不是抽取材料文件夹" in capsys.readouterr().err
