"""ssj verify on an evidence folder written by freeze and draw: intact it passes; one changed byte in any file
(inputs, plan, randomness, result, log) is detected and the report names that file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from drawbook_cases import DrawnCase

from addin.cli import main
from addin.services.draw.evidence import verify_folder

FILES = {"pool.tsv": "pool", "roster.tsv": "roster", "conflicts.tsv": "conflicts",
         "team_conflicts.tsv": "team_conflicts", "plan.json": "plan", "randomness.json": "randomness",
         "result.json": "result", "log.jsonl": "log"}


def _problem(folder: Path) -> str | None:
    return verify_folder(folder).difference


def test_an_intact_folder_verifies(drawn: DrawnCase, capsys: pytest.CaptureFixture[str]) -> None:
    assert _problem(drawn.drawn.evidence) is None
    assert main(["verify", str(drawn.drawn.evidence), "--head", drawn.drawn.head]) == 0
    assert drawn.drawn.head in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_changed_byte_is_detected_and_named(drawn: DrawnCase, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(drawn.drawn.evidence, folder)
    path = folder / name
    data = bytearray(path.read_bytes())
    if data:
        middle = len(data) // 2
        data[middle] = ord("0") if data[middle] != ord("0") else ord("1")
    else:
        data += b"ZF0001\tZF0002\n"  # an empty file (no team conflicts) gains a line
    path.write_bytes(bytes(data))
    problem = _problem(folder)
    assert problem is not None
    assert FILES[name] in problem or name in problem
    assert main(["verify", str(folder)]) == 1  # a failed verification, not an unusable folder


def test_a_canonical_edit_of_the_pool_is_detected_by_its_digest(drawn: DrawnCase, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(drawn.drawn.evidence, folder)
    pool = folder / "pool.tsv"
    lines = pool.read_text(encoding="utf-8").splitlines(keepends=True)
    code, stratum, rest = lines[0].split("\t", 2)
    lines[0] = "\t".join((code, "A" if stratum != "A" else "B", rest))
    pool.write_text("".join(lines), encoding="utf-8")
    problem = verify_folder(folder).difference
    assert problem is not None
    assert "inputs.pool" in problem
    assert main(["verify", str(folder)]) == 1
