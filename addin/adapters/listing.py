"""Every file of the folders a batch run is given, none skipped silently (文件清单).

A folder of submissions holds more than workbooks: .xls and WPS .et files, cover letters (.docx), scans, zip
archives, files with names that are not UTF-8 (unpacked from a Windows archive), links, and — on a shared
drive — the owner files ``~$name.xlsx`` that Excel keeps beside a workbook it has open. :func:`list_inputs`
lists every entry: each one is then validated or reported as unreadable with what it is (a link, a pipe, a
Word document …). Only owner files ``~$…`` (and the temporary files of this tool's own atomic saves,
``.~ssj-…``) are left out — they are not submissions — and counted, so the summary can say how many.

The walk never follows a link (a link to a folder could loop or leave the folder; a link to a file is reported,
not read), never opens a file (a named pipe would block), and stops at :data:`MAX_DEPTH` levels of folders.
:func:`shown` gives a path as it can be printed and written to JSON or a workbook: bytes that are not UTF-8
escaped as ``\\xNN``, control characters too.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

MAX_DEPTH = 64  # folder levels below a given folder
OWNER_PREFIXES = ("~$", ".~ssj-")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def shown(path: Path | str) -> str:
    """``path`` as text that can be printed, put in UTF-8 JSON or a workbook: undecodable bytes of the name
    (a GBK name on a UTF-8 system) become ``\\xNN``, control characters too."""
    raw = os.fsencode(path)
    text = raw.decode("utf-8", errors="backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass(frozen=True, slots=True)
class Entry:
    """One file to report on; ``refused``: (code, Chinese reason) when it is not to be opened at all (a link
    found in a folder)."""

    path: Path
    refused: tuple[str, str] | None = None


@dataclass(slots=True)
class Listing:
    """What a batch run is given: ``entries`` — every file to report on, in order; ``left_out`` — owner files
    ``~$…`` not reported; ``problems`` — folders that could not be listed (with the reason)."""

    entries: list[Entry] = field(default_factory=list)
    left_out: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [e.path for e in self.entries]


def is_owner_file(path: Path) -> bool:
    return path.name.startswith(OWNER_PREFIXES)


def list_inputs(paths: list[Path]) -> Listing:
    """Every file under ``paths`` (files as given, folders walked; see the module docstring)."""
    listing = Listing()
    for path in paths:
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError:  # missing or unreadable: reported with the reason when it is validated
            is_folder = False
        if is_folder:
            _walk(path, listing)
        else:
            listing.entries.append(Entry(path))  # a file named on the command line is read, even through a link
    return listing


def _walk(root: Path, listing: Listing) -> None:
    found: list[Entry] = []
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as entries:
                children = list(entries)
        except OSError as err:
            listing.problems.append(f"文件夹无法读取：{shown(folder)}（{err.strerror or err}）")
            continue
        for entry in children:
            path = Path(entry.path)
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                if depth + 1 > MAX_DEPTH:
                    listing.problems.append(f"文件夹层级超过 {MAX_DEPTH} 层，其下未再查找：{shown(path)}")
                else:
                    stack.append((path, depth + 1))
            elif is_owner_file(path):
                listing.left_out.append(path)
            elif entry.is_symlink():
                found.append(Entry(path, ("file.symlink", _link_reason(path))))
            else:
                found.append(Entry(path))
    listing.entries.extend(sorted(found, key=lambda e: os.fsencode(e.path)))


def _link_reason(path: Path) -> str:
    try:
        target = shown(os.readlink(path))
    except OSError:
        target = "未知位置"
    return f"这是符号链接（指向 {target}），文件夹中的链接为安全起见不跟随、不读取；请把实际文件复制到文件夹中。"
