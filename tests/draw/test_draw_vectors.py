"""The spec's test vectors, reproduced byte for byte by the engine and by ``ssj draw-v1``."""

from __future__ import annotations

from pathlib import Path

import pytest
from draw_cases import VECTORS

from addin.cli import main
from addin.core.draw import FILE_NAMES, parse_inputs, parse_randomness, result_bytes, run_draw

NAMES = ["small", "joint", "tight"]


def _files(folder: Path) -> dict[str, bytes]:
    return {key: (folder / name).read_bytes() for key, name in FILE_NAMES.items()}


@pytest.mark.parametrize("name", NAMES)
def test_engine_reproduces_vector(name: str) -> None:
    folder = VECTORS / name
    inputs = parse_inputs(_files(folder))
    values, _ = parse_randomness((folder / "randomness.json").read_bytes(), inputs.plan)
    assert result_bytes(run_draw(inputs, values)) == (folder / "expected.json").read_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_cli_prints_vector(name: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["draw-v1", str(VECTORS / name)]) == 0
    assert capsysbinary.readouterr().out == (VECTORS / name / "expected.json").read_bytes()


def test_cli_refuses_non_canonical_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for f in (VECTORS / "small").iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "pool.tsv").write_bytes((VECTORS / "small" / "pool.tsv").read_bytes().replace(b"\n", b"\r\n", 1))
    assert main(["draw-v1", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "pool.tsv 第 1 行" in err
    assert "CR" in err
