"""Install the add-in for the current Windows user (安装加载项) where Excel runs its macros; uninstall it.

1. The ``.xlam`` is built from the sources shipped in this package and written (atomically) to the user's
   Excel start-up folder ``%APPDATA%\\Microsoft\\Excel\\XLSTART\\ssj-addin.xlam``. Excel opens every file there at
   start-up (an add-in hidden, as an add-in), and XLSTART is one of Excel's default **trusted locations**
   (信任中心 › 受信任位置: "用户启动"), so its macros run under the usual policy "禁用所有宏，并发出通知" — no
   security bar, no "无法运行宏". The user's add-in folder ``%APPDATA%\\Microsoft\\AddIns`` used before is not
   trusted by default.
2. Excel must not open it twice: an ``OPENn`` value under ``HKCU\\Software\\Microsoft\\Office\\<version>\\Excel\\
   Options`` that names ``ssj-addin.xlam`` (left by an earlier version, which registered the AddIns copy) is
   removed, and so is that old copy.
3. ``%APPDATA%\\ssj-addin\\settings.ini`` gets ``python=<pythonw.exe of this Python>``: the VBA dispatcher
   runs exactly the interpreter that ran the installation.

:func:`uninstall` removes the add-in from XLSTART (and the old copy and ``OPENn`` value); the user's
settings file stays. Paths and the registry are parameters, so the logic is tested on any OS;
:class:`WindowsRegistry` is the real registry (``winreg``), used only on Windows.
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
XLSTART = Path("Microsoft") / "Excel" / "XLSTART"  # under %APPDATA%: Excel's user start-up folder, trusted
OLD_FOLDER = Path("Microsoft") / "AddIns"  # where earlier versions put it (not a trusted location by default)
OPTIONS_KEY = r"Software\Microsoft\Office\{version}\Excel\Options"
SETTINGS = Path("ssj-addin") / "settings.ini"


class Registry(Protocol):
    def values(self) -> dict[str, str]:
        """The string values under the Excel Options key (empty when the key does not exist)."""
        ...

    def delete(self, name: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Installed:
    addin: Path
    removed_values: tuple[str, ...]  # OPENn values of an earlier installation, removed
    settings: Path
    python: str


@dataclass(frozen=True, slots=True)
class Uninstalled:
    removed_files: tuple[Path, ...]
    removed_values: tuple[str, ...]


def registered_path(value: str) -> str:
    """The file of an ``OPENn`` value: ``/R "C:\\x.xlam"`` → ``C:\\x.xlam`` (the last quoted part, else the
    value without its ``/switches``)."""
    quoted = re.findall(r'"([^"]*)"', value)
    if quoted:
        return quoted[-1]
    parts = [p for p in value.split() if not p.startswith("/")]
    return " ".join(parts)


def unregister(registry: Registry) -> tuple[str, ...]:
    """Remove every ``OPENn`` value that opens a file named ``ssj-addin.xlam`` (ours, wherever it was); the
    names removed. Values of other add-ins are kept."""
    removed = []
    for name, value in registry.values().items():
        opened = registered_path(value).replace("/", "\\").rsplit("\\", 1)[-1]
        if name.upper().startswith("OPEN") and opened.casefold() == ADDIN_FILE.casefold():
            registry.delete(name)
            removed.append(name)
    return tuple(removed)


def _remove(path: Path) -> bool:
    """Delete ``path`` if it is there; an add-in open in Excel is refused with what to do."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except PermissionError as err:
        raise AddinError("addin.in-use", f"无法删除 {path}：文件正被 Excel 使用。请先关闭所有 Excel 窗口再试。") from err
    return True


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
    """Write the add-in into the user's XLSTART folder (trusted), record which Python it runs, and remove what an
    earlier installation left that would open it a second time (the ``OPENn`` value, the AddIns copy)."""
    target = appdata / XLSTART / ADDIN_FILE
    try:
        atomic_write(target, lambda tmp: tmp.write_bytes(xlam))
    except PermissionError as err:
        raise AddinError(
            "addin.in-use", f"无法写入 {target}：文件正被 Excel 使用。请先关闭所有 Excel 窗口再安装。"
        ) from err
    settings = appdata / SETTINGS
    write_settings(settings, str(python))
    removed = unregister(registry)
    _remove(appdata / OLD_FOLDER / ADDIN_FILE)
    return Installed(target, removed, settings, str(python))


def uninstall(*, appdata: Path, registry: Registry) -> Uninstalled:
    """Remove the add-in from XLSTART (and an earlier installation's copy and ``OPENn`` value)."""
    files = tuple(p for p in (appdata / XLSTART / ADDIN_FILE, appdata / OLD_FOLDER / ADDIN_FILE) if _remove(p))
    return Uninstalled(files, unregister(registry))


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

    def delete(self, name: str) -> None:
        if sys.platform != "win32":
            raise AddinError("addin.windows-only", "注册表只在 Windows 上可用。")
        import winreg

        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self.key, 0, winreg.KEY_SET_VALUE) as key:
            winreg.DeleteValue(key, name)
