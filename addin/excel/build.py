"""Build the Excel add-in (加载项, ``.xlam``) from the text sources in this folder — on any OS.

Sources: ``customUI14.xml`` (the 双随机 ribbon tab) and ``vba/*.bas`` (ASCII VBA modules, one per file,
``Attribute VB_Name`` equal to the file name). The VBA project is source-only (:mod:`addin.excel.ovba`)
in a compound file (:mod:`addin.excel.cfb`), packaged with the ribbon and a hidden settings sheet
(:mod:`addin.excel.package`). The same project can be packaged as an ``.xlsm`` for checks in LibreOffice.
"""

from __future__ import annotations

import re
from pathlib import Path

from addin import __version__
from addin.adapters.files import atomic_write
from addin.core.errors import AddinError
from addin.excel import cfb, ovba, ribbon_xml
from addin.excel.package import (
    INFO_CODENAME,
    INFO_SHEET,
    SETTINGS_CODENAME,
    SETTINGS_SHEET,
    WORKBOOK_CODENAME,
    Sheet,
    package,
)

VBA_DIR = Path(__file__).with_name("vba")
PROJECT_NAME = "SsjAddin"
PROJECT_ID = "{5F3C2A10-7B4E-4D6A-9C21-3E8B0D4F6A17}"  # fixed: builds are reproducible
DEFAULT_PYTHON_HINT = r"%LOCALAPPDATA%\ssj-addin\venv\Scripts\pythonw.exe"
_WINDOWS_PATH = re.compile(r'(?:[A-Za-z]:\\|\\\\|%[A-Za-z_]+%\\)[^"*?<>|\r\n]*')
_VB_NAME = re.compile(r'^Attribute VB_Name = "([A-Za-z][A-Za-z0-9_]*)"\r?$', re.MULTILINE)


def vba_sources(folder: Path = VBA_DIR) -> list[tuple[str, str]]:
    """(module name, source) of every ``.bas`` file, sorted by name; each checked to be ASCII and named."""
    modules = []
    for path in sorted(folder.glob("*.bas")):
        raw = path.read_bytes()
        if not raw.isascii():
            bad = next(i for i, b in enumerate(raw) if b > 127)
            line = raw[:bad].count(b"\n") + 1
            raise AddinError("addin.vba-not-ascii", f"VBA 源文件 {path.name} 第 {line} 行含有非 ASCII 字符。")
        text = raw.decode("ascii")
        match = _VB_NAME.search(text)
        if not match or match.group(1) != path.stem or not text.startswith("Attribute VB_Name"):
            raise AddinError(
                "addin.vba-name", f"VBA 源文件 {path.name} 的第一行必须是 Attribute VB_Name = \"{path.stem}\"。"
            )
        modules.append((path.stem, text))
    if not modules:
        raise AddinError("addin.no-vba", f"文件夹 {folder} 中没有 VBA 源文件（*.bas）。")
    return modules


def vba_project(folder: Path = VBA_DIR) -> ovba.Project:
    documents = [(WORKBOOK_CODENAME, True), (INFO_CODENAME, False), (SETTINGS_CODENAME, False)]
    return ovba.Project(PROJECT_NAME, PROJECT_ID, ovba.modules_from(documents, vba_sources(folder)))


def vba_project_bin(folder: Path = VBA_DIR) -> bytes:
    """``vbaProject.bin``: the compound file holding the source-only project."""
    return cfb.build(ovba.project_streams(vba_project(folder)))


def check_python_setting(python: str) -> str:
    """A Python path baked into the add-in must be an absolute Windows path (or start with %VAR%\\)."""
    if not _WINDOWS_PATH.fullmatch(python):
        raise AddinError(
            "addin.bad-python-path",
            f"Python 路径必须是 Windows 绝对路径，例如 C:\\ssj\\venv\\Scripts\\pythonw.exe：{python}",
            {"python": python},
        )
    return python


def sheets(python: str | None = None) -> list[Sheet]:
    """The visible 说明 sheet and the hidden 加载项设置 sheet the dispatcher reads."""
    info = Sheet(
        INFO_SHEET,
        INFO_CODENAME,
        [
            [f"双随机 加载项（ssj-addin {__version__}）"],
            ["这是 Excel 加载项：功能区“双随机”选项卡的按钮调用本机安装的 Python（ssj-addin）处理当前工作簿。"],
            ["本文件由 ssj addin build 从源代码生成；按钮运行哪个程序只由隐藏工作表“加载项设置”"
             "和 %APPDATA%\\ssj-addin\\settings.ini 决定，与被处理的工作簿无关。"],
        ],
        widths=[24, 60],
    )
    settings = Sheet(
        SETTINGS_SHEET,
        SETTINGS_CODENAME,
        [
            ["key", "value", "说明"],
            ["python", check_python_setting(python) if python else "",
             "pythonw.exe 的完整路径（可写 %LOCALAPPDATA% 等环境变量）。用户设置文件 "
             "%APPDATA%\\ssj-addin\\settings.ini 中的 python= 优先；两处都为空时使用 "
             f"{DEFAULT_PYTHON_HINT}"],
            ["version", __version__, "生成本加载项的 ssj-addin 版本"],
        ],
        hidden=True,
        widths=[12, 50, 80],
    )
    return [info, settings]


def build(kind: str = "xlam", python: str | None = None) -> bytes:
    """The bytes of the add-in (``xlam``) or of a macro workbook with the same project (``xlsm``)."""
    problems = ribbon_xml.problems()
    if problems:
        raise AddinError("addin.bad-ribbon", "功能区定义有误：" + "；".join(problems))
    return package(
        kind,
        vba_project_bin(),
        ribbon_xml.built_xml(),
        sheets(python),
        title=f"双随机 加载项 {__version__}",
    )


def write(out: Path, python: str | None = None) -> Path:
    """Build into ``out`` (its suffix, ``.xlam`` or ``.xlsm``, picks the kind), atomically."""
    kind = out.suffix.lower().lstrip(".")
    if kind not in ("xlam", "xlsm"):
        raise AddinError("addin.bad-suffix", f"输出文件应以 .xlam（加载项）或 .xlsm 结尾：{out.name}")
    data = build(kind, python)
    return atomic_write(out, lambda tmp: tmp.write_bytes(data))
