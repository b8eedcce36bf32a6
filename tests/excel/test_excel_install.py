"""``ssj addin build|install|wheelhouse``: the Windows installation logic with the registry and folders
injected, and the offline bundle with the pip runner injected (nothing is downloaded)."""

from __future__ import annotations

import argparse
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from addin import __version__
from addin.cli import addin_cmd, main
from addin.core.errors import AddinError
from addin.excel import install, wheelhouse


class FakeRegistry:
    def __init__(self, values: dict[str, str] | None = None) -> None:
        self.data = dict(values or {})

    def values(self) -> dict[str, str]:
        return dict(self.data)

    def delete(self, name: str) -> None:
        del self.data[name]


def _read_settings(path: Path) -> str:
    raw = path.read_bytes()
    assert raw[:2] == b"\xff\xfe"  # UTF-16 with BOM: what the VBA reads first
    return raw[2:].decode("utf-16-le")


def test_install_puts_the_add_in_in_xlstart_where_excel_trusts_its_macros(tmp_path: Path) -> None:
    registry = FakeRegistry({"OPEN": '/R "C:\\other\\analysis.xlam"', "Options": "x"})
    python = tmp_path / "venv" / "Scripts" / "pythonw.exe"
    done = install.install(b"XLAM", appdata=tmp_path, registry=registry, python=python)
    addin = tmp_path / "Microsoft" / "Excel" / "XLSTART" / "ssj-addin.xlam"  # %APPDATA%\Microsoft\Excel\XLSTART
    assert done.addin == addin
    assert addin.read_bytes() == b"XLAM"
    assert registry.data == {"OPEN": '/R "C:\\other\\analysis.xlam"', "Options": "x"}  # other add-ins untouched
    assert done.removed_values == ()
    assert _read_settings(tmp_path / "ssj-addin" / "settings.ini").endswith(f"python={python}\r\n")


def test_install_over_an_earlier_version_leaves_one_copy_opened_once(tmp_path: Path) -> None:
    """Earlier versions put it in AddIns (not trusted) and registered it as OPENn: both go, or Excel would open
    the add-in twice (and the untrusted copy would ask about macros)."""
    old = tmp_path / "Microsoft" / "AddIns" / "ssj-addin.xlam"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"v0")
    registry = FakeRegistry({"OPEN": '/R "C:\\other\\analysis.xlam"', "OPEN1": f'/R "{old}"'})
    done = install.install(b"v1", appdata=tmp_path, registry=registry, python=Path("C:/p/pythonw.exe"))
    assert done.removed_values == ("OPEN1",)
    assert registry.data == {"OPEN": '/R "C:\\other\\analysis.xlam"'}
    assert not old.exists()
    again = install.install(b"v2", appdata=tmp_path, registry=registry, python=Path("C:/p/pythonw.exe"))
    assert again.removed_values == ()
    assert again.addin.read_bytes() == b"v2"


def test_installing_twice_keeps_the_users_other_settings(tmp_path: Path) -> None:
    registry = FakeRegistry()
    install.install(b"v1", appdata=tmp_path, registry=registry, python=Path("C:/old/pythonw.exe"))
    settings = tmp_path / "ssj-addin" / "settings.ini"
    settings.write_bytes(b"\xff\xfe" + "; mine\r\nlog=keep\r\npython=C:/old/pythonw.exe\r\n".encode("utf-16-le"))
    done = install.install(b"v2", appdata=tmp_path, registry=registry, python=Path("C:/new/pythonw.exe"))
    assert registry.data == {}
    assert done.addin.read_bytes() == b"v2"
    assert _read_settings(settings) == "; mine\r\nlog=keep\r\npython=C:/new/pythonw.exe\r\n"


def test_uninstall_removes_the_add_in_and_its_registration_but_not_the_settings(tmp_path: Path) -> None:
    registry = FakeRegistry({"OPEN": '/R "C:\\other\\analysis.xlam"', "OPEN2": '/R "D:\\old\\SSJ-ADDIN.xlam"'})
    done = install.install(b"v1", appdata=tmp_path, registry=registry, python=Path("C:/p/pythonw.exe"))
    registry.data["OPEN3"] = f'/R "{done.addin}"'  # registered by hand as well
    gone = install.uninstall(appdata=tmp_path, registry=registry)
    assert gone.removed_files == (done.addin,)
    assert gone.removed_values == ("OPEN3",)
    assert registry.data == {"OPEN": '/R "C:\\other\\analysis.xlam"'}
    assert not done.addin.exists()
    assert done.settings.is_file()
    assert install.uninstall(appdata=tmp_path, registry=registry) == install.Uninstalled((), ())


@pytest.mark.parametrize(
    ("value", "path"),
    [('/R "C:\\a b\\x.xlam"', "C:\\a b\\x.xlam"), ('"C:\\x.xlam"', "C:\\x.xlam"), ("C:\\x.xll", "C:\\x.xll"),
     ('/A "Analysis" /R "C:\\y.xlam"', "C:\\y.xlam")],
)
def test_registered_path_strips_switches_and_quotes(value: str, path: str) -> None:
    assert install.registered_path(value) == path


def test_pythonw_is_preferred_beside_python_exe(tmp_path: Path) -> None:
    python = tmp_path / "python.exe"
    assert install.pythonw_for(python) == python  # no pythonw.exe there
    (tmp_path / "pythonw.exe").write_bytes(b"")
    assert install.pythonw_for(python) == tmp_path / "pythonw.exe"


def test_install_on_linux_exits_2_with_a_chinese_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["addin", "install"]) == 2
    err = capsys.readouterr().err
    assert "只能在 Windows 上运行" in err
    assert "ssj addin build" in err


def test_install_and_uninstall_commands_on_windows_use_the_injected_registry_and_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = FakeRegistry({"OPEN": f'/R "{tmp_path / "Microsoft" / "AddIns" / "ssj-addin.xlam"}"'})
    args = argparse.Namespace(office_version="16.0")
    assert addin_cmd.run_install(args, platform="win32", registry=registry, appdata=tmp_path) == 0
    addin = tmp_path / "Microsoft" / "Excel" / "XLSTART" / "ssj-addin.xlam"
    with zipfile.ZipFile(addin) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()
    assert registry.data == {}
    out = capsys.readouterr().out
    assert "受信任位置" in out
    assert "已删除旧版本的登记 OPEN" in out
    assert "请重新启动 Excel" in out
    assert addin_cmd.run_uninstall(args, platform="win32", registry=registry, appdata=tmp_path) == 0
    assert not addin.exists()
    assert f"已删除：{addin}" in capsys.readouterr().out
    assert addin_cmd.run_uninstall(args, platform="linux", registry=registry, appdata=tmp_path) == 2


def test_windows_registry_key_names_the_office_version() -> None:
    assert install.WindowsRegistry("16.0").key == r"Software\Microsoft\Office\16.0\Excel\Options"


def test_build_command_writes_the_add_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ssj-addin.xlam"
    assert main(["addin", "build", "--out", str(out), "--python", r"C:\ssj\venv\Scripts\pythonw.exe"]) == 0
    assert zipfile.is_zipfile(out)
    assert str(out) in capsys.readouterr().out


def test_build_command_refuses_a_relative_python_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["addin", "build", "--out", str(tmp_path / "a.xlam"), "--python", "pythonw.exe"]) == 2
    assert "Windows 绝对路径" in capsys.readouterr().err
    assert not (tmp_path / "a.xlam").exists()


# -- the offline bundle -----------------------------------------------------------------------------------


def test_wheelhouse_runs_exactly_these_pip_commands_and_writes_the_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[list[str]] = []

    def runner(command: Sequence[str]) -> int:
        calls.append(list(command))
        return 0

    source = wheelhouse.source_folder()
    args = argparse.Namespace(dir=tmp_path / "bundle", python_version="3.11", platform="win_amd64", source=None)
    assert addin_cmd.run_wheelhouse(args, run=runner) == 0
    wheels = str(tmp_path / "bundle" / "wheels")
    assert calls == [
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", wheels, str(source)],
        [sys.executable, "-m", "pip", "download", "--dest", wheels, "--only-binary=:all:", "--platform",
         "win_amd64", "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311",
         *wheelhouse.requirements()],
    ]
    assert calls[1][-1] == "pywin32>=306"
    bundle = tmp_path / "bundle"
    assert sorted(p.name for p in bundle.iterdir()) == ["README.txt", "install.cmd", "requirements.txt"]
    assert (bundle / "requirements.txt").read_bytes() == f"ssj-addin[excel]=={__version__}\r\npywin32>=306\r\n".encode()
    script = (bundle / "install.cmd").read_bytes()
    assert script.isascii()
    assert b'--no-index --find-links "%HERE%wheels" -r "%HERE%requirements.txt"' in script
    assert b'"%VENV%\\Scripts\\ssj.exe" addin install' in script
    assert b"py -3.11 -m venv" in script
    readme = (bundle / "README.txt").read_text(encoding="utf-8-sig")
    assert "install.cmd" in readme
    assert "For IT staff" in readme
    assert "install.cmd" in capsys.readouterr().out


def test_the_project_dependencies_are_all_in_the_bundle() -> None:
    import tomllib

    project = tomllib.loads((wheelhouse.source_folder() / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = set(project["dependencies"]) | set(project["optional-dependencies"]["excel"]) | {"pywin32>=306"}
    assert {_canonical(r) for r in wheelhouse.requirements()} == {_canonical(w) for w in wanted}


def _canonical(requirement: str) -> str:
    """A requirement as pip compares it: the name case- and separator-insensitive (metadata may lower-case it)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    parsed = Requirement(requirement)
    return f"{canonicalize_name(parsed.name)}{parsed.specifier}"


def test_a_failing_download_stops_with_the_command_in_the_message(tmp_path: Path) -> None:
    with pytest.raises(AddinError) as err:
        wheelhouse.prepare(tmp_path, source=wheelhouse.source_folder(), run=lambda command: 1)
    assert err.value.code == "addin.pip-failed"
    assert "pip wheel --no-deps" in err.value.message
    assert not (tmp_path / "install.cmd").exists()


def test_a_folder_without_pyproject_is_not_a_source(tmp_path: Path) -> None:
    with pytest.raises(AddinError) as err:
        wheelhouse.source_folder(tmp_path)
    assert err.value.code == "addin.no-source"
