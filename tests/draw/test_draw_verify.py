"""``ssj verify DIR`` on an evidence folder written by the service, and the citizen's stdlib tool."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from draw_cases import VECTORS

from addin.cli import main
from addin.core.draw import (
    FILE_NAMES,
    append,
    append_randomness,
    append_result,
    append_void,
    entry_hash,
    parse_inputs,
    parse_log,
    parse_randomness,
    run_draw,
    start,
    substitute,
)
from addin.core.errors import AddinError
from addin.services.draw.evidence import write_inputs, write_log, write_randomness, write_result

ROOT = Path(__file__).resolve().parents[2]


def _evidence(folder: Path, name: str = "joint", *, void: bool = False, amend: bool = False) -> Path:
    source = VECTORS / name
    files = {key: (source / n).read_bytes() for key, n in FILE_NAMES.items()}
    write_inputs(folder, files)
    inputs = parse_inputs(files)
    log = start(inputs)
    write_log(folder, log)
    randomness = (source / "randomness.json").read_bytes()
    values, _ = parse_randomness(randomness, inputs.plan)
    write_randomness(folder, randomness)
    result = run_draw(inputs, values)
    log = append_result(append_randomness(log, values), result)
    write_result(folder, result)
    if amend:
        unit = result["units"][0]
        log = append(log, "amend", substitute(inputs, result, [], unit["unit_id"], 0, "因病"))
    if void:
        log = append_void(log, "随机源取值有误")
    write_log(folder, log)
    return folder


def _verify(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["verify", str(folder)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_sound_folder_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _verify(_evidence(tmp_path, amend=True), capsys)
    assert code == 0
    assert "校验通过" in out
    assert "结果摘要" in out
    assert "result_digest" not in out


def test_voided_draw_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _verify(_evidence(tmp_path, void=True), capsys)
    assert code == 0
    assert "作废" in out


def _replace(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


def test_changed_result_names_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _evidence(tmp_path)
    result = json.loads((folder / "result.json").read_bytes())
    inspector = result["units"][3]["team"][0]["inspector"]
    result["units"][3]["team"][0]["inspector"] = "ZF99999"
    (folder / "result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    code, out = _verify(folder, capsys)
    assert code == 1
    assert ".units[3].team[0].inspector" in out
    assert inspector in out


def test_changed_pool_is_caught_by_the_freeze(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _evidence(tmp_path)
    _replace(folder / "pool.tsv", "\t城关镇\n".encode(), "\t南屯镇\n".encode())  # still canonical
    code, out = _verify(folder, capsys)
    assert code == 1
    assert "冻结记录" in out
    assert "inputs.pool" in out


def test_changed_randomness_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _evidence(tmp_path)
    _replace(folder / "randomness.json", b'"01.04.05', b'"01.03.05')
    code, out = _verify(folder, capsys)
    assert code == 1
    assert "randomness" in out


def test_edited_log_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _evidence(tmp_path, amend=True)
    _replace(folder / "log.jsonl", b'"2024015"', b'"2024016"')  # the freeze entry
    code, out = _verify(folder, capsys)
    assert code == 1
    assert "prev" in out


def test_edited_last_entry_is_caught_by_the_published_head(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = _evidence(tmp_path, amend=True)
    head = entry_hash(parse_log((folder / "log.jsonl").read_bytes())[-1])
    assert _verify(folder, capsys)[0] == 0
    assert main(["verify", str(folder), "--head", head]) == 0
    capsys.readouterr()
    _replace(folder / "log.jsonl", "因病".encode(), "因公".encode())
    assert _verify(folder, capsys)[0] == 0  # the chain alone cannot see a changed last entry …
    code = main(["verify", str(folder), "--head", head])
    out = capsys.readouterr().out
    assert code == 1  # … the hash published before can
    assert head in out


def test_unusable_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _evidence(tmp_path)
    (folder / "log.jsonl").unlink()
    code, out = _verify(folder, capsys)
    assert code == 1  # frozen files without their log: a failed verification that names the file
    assert "log.jsonl" in out
    code, out = _verify(tmp_path / "nowhere", capsys)
    assert code == 2
    (tmp_path / "empty").mkdir()
    code, out = _verify(tmp_path / "empty", capsys)
    assert code == 2


def test_frozen_inputs_and_log_are_never_rewritten(tmp_path: Path) -> None:
    folder = _evidence(tmp_path)
    with pytest.raises(AddinError) as info:
        write_inputs(folder, {"pool": b""})
    assert info.value.code == "draw.evidence-exists"
    with pytest.raises(AddinError) as info:
        write_log(folder, [])
    assert info.value.code == "draw.log-rewrite"


@pytest.mark.parametrize("name", ["small", "joint", "tight"])
def test_citizen_tool_agrees_with_engine(name: str) -> None:
    folder = VECTORS / name
    plan = json.loads((folder / "plan.json").read_bytes())
    for task in plan["tasks"]:
        run = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "verify_selection.py"), "--pool", str(folder / "pool.tsv"),
             "--plan", str(folder / "plan.json"), "--result", str(folder / "expected.json"), "--task", task["task_id"]],
            capture_output=True, text=True, check=False, env={"PYTHONIOENCODING": "utf-8"},
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "OK" in run.stdout


def test_citizen_tool_spots_a_changed_selection(tmp_path: Path) -> None:
    folder = VECTORS / "small"
    result = json.loads((folder / "expected.json").read_bytes())
    stratum = next(s for s in result["tasks"][0]["strata"] if s["selected"] and s["reserve"])
    stratum["selected"][0]["id"] = stratum["reserve"][0]
    (tmp_path / "result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_selection.py"), "--pool", str(folder / "pool.tsv"),
         "--plan", str(folder / "plan.json"), "--result", str(tmp_path / "result.json"),
         "--task", result["tasks"][0]["task_id"]],
        capture_output=True, text=True, check=False, env={"PYTHONIOENCODING": "utf-8"},
    )
    assert run.returncode == 1
    assert "DIFFERENCE" in run.stdout


def test_citizen_tool_prints_one_key() -> None:
    result = json.loads((VECTORS / "small" / "expected.json").read_bytes())
    chosen = result["tasks"][0]["strata"][0]["selected"][0]
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_selection.py"), "--seed", result["seed"],
         "--key-scope", result["tasks"][0]["key_scope"], "--id", chosen["id"].lower()],
        capture_output=True, text=True, check=True,
    )
    assert run.stdout.strip() == chosen["key"]
