"""An offline installation bundle for Windows PCs without internet (离线安装包).

``ssj addin wheelhouse DIR`` runs, on a machine with internet access (any OS):

1. ``pip wheel --no-deps`` of this project's source → its own wheel;
2. ``pip download --only-binary=:all: --platform win_amd64 --python-version 3.11 …`` of every dependency,
   the ``excel`` extra (xlwings) and **pywin32 named explicitly**: xlwings requires pywin32 only through a
   Windows environment marker, which pip evaluates against the machine it runs on, not the target.

and writes beside the ``wheels`` folder ``requirements.txt``, ``install.cmd`` (creates the virtual environment
``%LOCALAPPDATA%\\ssj-addin\\venv`` from the wheels with ``--no-index``, then runs ``ssj addin install``) and a
``README.txt`` for the person installing. The command runner is a parameter, so tests check the exact pip
invocations without any download.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, requires
from pathlib import Path

from addin import __version__
from addin.core.errors import AddinError

PROJECT = "ssj-addin"
PYWIN32 = "pywin32>=306"
Runner = Callable[[Sequence[str]], int]


@dataclass(frozen=True, slots=True)
class Bundle:
    folder: Path
    commands: tuple[tuple[str, ...], ...]
    files: tuple[Path, ...]


def requirements() -> list[str]:
    """The project's dependencies and its ``excel`` extra, from the installed metadata, plus pywin32."""
    try:
        declared = requires(PROJECT) or []
    except PackageNotFoundError as err:
        raise AddinError("addin.not-installed", "ssj-addin 没有安装（请先运行 pip install -e .）。") from err
    found = []
    for requirement in declared:
        spec, _, marker = requirement.partition(";")
        if not marker.strip() or marker.replace(" ", "").replace("'", '"') == 'extra=="excel"':
            found.append(spec.strip())
    return [*found, PYWIN32]


def source_folder(explicit: Path | None = None) -> Path:
    """The project's source (the folder holding ``pyproject.toml``): given, or the checkout we run from."""
    folder = explicit if explicit is not None else Path(__file__).resolve().parents[2]
    if not (folder / "pyproject.toml").is_file():
        raise AddinError(
            "addin.no-source",
            f"找不到 ssj-addin 的源代码（{folder} 中没有 pyproject.toml）。请在源代码目录中运行，或用 --source 指定。",
        )
    return folder


def pip_commands(folder: Path, source: Path, *, python_version: str = "3.11", platform: str = "win_amd64",
                 python: str = sys.executable) -> list[list[str]]:
    wheels = str(folder / "wheels")
    abi = "cp" + python_version.replace(".", "")
    return [
        [python, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", wheels, str(source)],
        [python, "-m", "pip", "download", "--dest", wheels, "--only-binary=:all:", "--platform", platform,
         "--python-version", python_version, "--implementation", "cp", "--abi", abi, *requirements()],
    ]


def prepare(folder: Path, *, source: Path, run: Runner = subprocess.call, python_version: str = "3.11",
            platform: str = "win_amd64") -> Bundle:
    """Download everything into ``folder`` and write the install script and instructions."""
    folder.mkdir(parents=True, exist_ok=True)
    commands = pip_commands(folder, source, python_version=python_version, platform=platform)
    for command in commands:
        code = run(command)
        if code != 0:
            raise AddinError("addin.pip-failed",
                             f"pip 运行失败（退出代码 {code}），需要能访问 PyPI 的网络：{' '.join(command)}")
    files = [
        _write(folder / "requirements.txt", f"{PROJECT}[excel]=={__version__}\n{PYWIN32}\n"),
        _write(folder / "install.cmd", INSTALL_CMD.format(python_version=python_version)),
        _write(folder / "README.txt", README.format(version=__version__, python_version=python_version,
                                                    platform=platform)),
    ]
    return Bundle(folder, tuple(tuple(c) for c in commands), tuple(files))


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig" if not text.isascii() else "ascii"))
    return path


INSTALL_CMD = """@echo off
rem ssj-addin: offline installation for the current user (no administrator rights needed).
rem Usage: install.cmd [C:\\path\\to\\python.exe]   (Python {python_version}, 64-bit; default: py -{python_version})
setlocal
set "HERE=%~dp0"
set "VENV=%LOCALAPPDATA%\\ssj-addin\\venv"
if "%~1"=="" (
    py -{python_version} -m venv "%VENV%"
) else (
    "%~1" -m venv "%VENV%"
)
if errorlevel 1 goto fail
"%VENV%\\Scripts\\python.exe" -m pip install --no-index --find-links "%HERE%wheels" -r "%HERE%requirements.txt"
if errorlevel 1 goto fail
"%VENV%\\Scripts\\ssj.exe" addin install
if errorlevel 1 goto fail
echo ssj-addin is installed. Start Excel: the ribbon shows the new tab.
exit /b 0
:fail
echo Installation failed: see the messages above.
exit /b 1
"""

README = """ssj-addin {version} 离线安装包（Windows，{platform}，Python {python_version}）

内容
  wheels\\           ssj-addin 及其全部依赖（含 xlwings、pywin32）的安装文件
  requirements.txt  要安装的包
  install.cmd       安装脚本（当前用户，不需要管理员权限，不访问网络）

步骤（每台电脑、每个用户一次）
  1. 安装 Python {python_version}（64 位，python.org 的官方安装程序；可选“仅为当前用户安装”）。
  2. 关闭所有 Excel 窗口。
  3. 双击 install.cmd；若 Python 不在默认位置：install.cmd C:\\路径\\python.exe
     它会：在 %LOCALAPPDATA%\\ssj-addin\\venv 建立独立的 Python 环境并从 wheels 安装；
           把加载项写入 Excel 的启动文件夹 %APPDATA%\\Microsoft\\Excel\\XLSTART\\ssj-addin.xlam
           （Excel 默认的受信任位置，宏可以运行）；
           在 %APPDATA%\\ssj-addin\\settings.ini 记下加载项要运行的 pythonw.exe。
  4. 打开 Excel，功能区出现“双随机”选项卡。

宏安全设置、受信任位置和签名：见项目 README 中“For IT staff: installing the Excel add-in”一节。
"""
