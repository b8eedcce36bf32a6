"""Install the add-in for the current Windows user (安装加载项): copy, register, point it at this Python.

1. The ``.xlam`` is built from the sources shipped in this package and written (atomically) to the user's
   add-in folder ``%APPDATA%\\Microsoft\\AddIns\\ssj-addin.xlam``.
2. Excel opens it at start-up because of a value ``OPENn = /R "<path>"`` under
   ``HKCU\\Software\\Microsoft\\Office\\<version>\\Excel\\Options`` (``OPEN``, ``OPEN1``, … — the first free
   name; an existing entry for the same file is kept, so installing twice changes nothing). ``/R`` opens it
   read-only.
3. ``%APPDATA%\\ssj-addin\\settings.ini`` gets ``python=<pythonw.exe of this Python>``: the VBA dispatcher
   runs exactly the interpreter that ran the installation.

Paths and the registry are parameters, so the logic is tested on any OS; :class:`WindowsRegistry` is the
real registry (``winreg``), used only on Windows.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from addin.adapters.files import atomic_write
from addin.core.errors import AddinError

ADDIN_FILE = "ssj-addin.xlam"
OPTIONS_KEY = r"Software\Microsoft\Office\{version}\Excel\Options"
SETTINGS = Path("ssj-addin") / "settings.ini"


class Registry(Protocol):
    def values(self) -> dict[str, str]:
        """The string values under the Excel Options key (empty when the key does not exist)."""
        ...

    def set(self, name: str, value: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Installed:
    addin: Path
    value_name: str
    already_registered: bool
    settings: Path
    python: str


def open_value(path: Path) -> str:
    return f'/R "{path}"'


def registered_path(value: str) -> str:
    """The file of an ``OPENn`` value: ``/R "C:\\x.xlam"`` → ``C:\\x.xlam`` (the last quoted part, else the
    value without its ``/switches``)."""
    quoted = re.findall(r'"([^"]*)"', value)
    if quoted:
        return quoted[-1]
    parts = [p for p in value.split() if not p.startswith("/")]
    return " ".join(parts)


def register(registry: Registry, addin: Path) -> tuple[str, bool]:
    """Make Excel open ``addin`` at start-up; returns (value name, whether it was registered already)."""
    values = registry.values()
    for name, value in values.items():
        if name.upper().startswith("OPEN") and registered_path(value).casefold() == str(addin).casefold():
            return name, True
    taken = {name.upper() for name in values}
    name = "OPEN"
    n = 1
    while name in taken:
        name = f"OPEN{n}"
        n += 1
    registry.set(name, open_value(addin))
    return name, False


def pythonw_for(executable: Path) -> Path:
    """The windowless interpreter beside ``python.exe`` (a venv has both)."""
    candidate = executable.with_name("pythonw.exe")
    return candidate if executable.name.lower() == "python.exe" and candidate.exists() else executable


def write_settings(path: Path, python: str) -> None:
    """Set ``python=`` in the user's settings file (UTF-16 with BOM), keeping its other lines."""
    lines: list[str] = []
    if path.exists():
        raw = path.read_bytes()
        text = raw[2:].decode("utf-16-le") if raw[:2] == b"\xff\xfe" else raw.decode("utf-8-sig", "replace")
        lines = [ln for ln in text.splitlines() if ln.split("=", 1)[0].strip().lower() != "python"]
    if not lines:
        lines = ["; ssj-addin: settings of the Excel add-in for this user (written by ssj addin install)"]
    lines.append(f"python={python}")
    data = b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")
    atomic_write(path, lambda tmp: tmp.write_bytes(data))


def install(xlam: bytes, *, appdata: Path, registry: Registry, python: Path) -> Installed:
    """Copy the add-in into the user's add-in folder, register it, and record which Python it runs."""
    target = appdata / "Microsoft" / "AddIns" / ADDIN_FILE
    try:
        atomic_write(target, lambda tmp: tmp.write_bytes(xlam))
    except PermissionError as err:
        raise AddinError(
            "addin.in-use", f"无法写入 {target}：文件正被 Excel 使用。请先关闭所有 Excel 窗口再安装。"
        ) from err
    settings = appdata / SETTINGS
    write_settings(settings, str(python))
    name, existed = register(registry, target)
    return Installed(target, name, existed, settings, str(python))


class WindowsRegistry:
    """``HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\<version>\\Excel\\Options`` through ``winreg``."""

    def __init__(self, office_version: str) -> None:
        self.key = OPTIONS_KEY.format(version=office_version)

    def values(self) -> dict[str, str]:
        if sys.platform != "win32":
            raise AddinError("addin.windows-only", "注册表只在 Windows 上可用。")
        import winreg

        found: dict[str, str] = {}
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self.key) as key:
                index = 0
                while True:
                    try:
                        name, value, kind = winreg.EnumValue(key, index)
                    except OSError:
                        break
                    if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ):
                        found[name] = value
                    index += 1
        except FileNotFoundError:
            return {}
        return found

    def set(self, name: str, value: str) -> None:
        if sys.platform != "win32":
            raise AddinError("addin.windows-only", "注册表只在 Windows 上可用。")
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, self.key) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)
