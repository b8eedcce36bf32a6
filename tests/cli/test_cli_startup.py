"""``ssj <command>`` imports only what that command needs: batch runs start hundreds of processes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from addin.cli import COMMANDS, build_parser


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_validate_does_not_load_openpyxl_or_the_other_commands() -> None:
    loaded = _modules_after("from addin.cli import build_parser\nbuild_parser('validate')")
    assert "openpyxl" not in loaded
    commands = {f"addin.cli.{c.module}" for c in COMMANDS.values()}
    assert loaded & commands == {"addin.cli.validate"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_is_found_under_its_own_name(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        build_parser(name).parse_args([name, "--help"])
    assert done.value.code == 0
    assert f"用法：ssj {name}" in capsys.readouterr().out
