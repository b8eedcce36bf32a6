"""File-level safety: recognise what a file really is before opening it, and save atomically.

Nothing here parses cells; it decides whether a path can be read at all (→ ``AddinError`` with a Chinese
reason) and writes new files without ever leaving a half-written one or touching the user's input.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from addin.adapters.formats import XLSX, workbook_format
from addin.core.errors import AddinError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
TEMPORARY_PREFIX = ".~ssj-"  # atomic_write's temporary files (a killed write leaves one behind)


def check_workbook_file(path: Path) -> None:
    """Raise :class:`AddinError` with a Chinese reason unless ``path`` is a readable .xlsx/.xlsm package (by
    content: :func:`addin.adapters.formats.workbook_format`, with its safety checks). The steps that edit a
    workbook (openpyxl) need this; reading — validation, import — takes every format (:mod:`.readers`)."""
    found = workbook_format(path)
    if found.kind != XLSX:
        raise AddinError(
            "file.legacy-xls",
            f"这是{found.label}格式的文件{'（扩展名与内容不符）' if found.renamed else ''}：校验和导入可以直接读取，"
            "这一步需要 .xlsx 工作簿——请用 ssj import（导入名录）转成标准工作簿，或在 Excel 中另存为 .xlsx 后再试。",
            {"path": str(path), "format": found.kind},
        )


def refuse_if_open_in_excel(path: Path) -> None:
    """Excel keeps an owner file ``~$name`` beside a workbook it has open; writing then would clash."""
    owner = path.with_name("~$" + path.name)
    if owner.exists():
        raise AddinError(
            "file.open-in-excel",
            f"文件“{path.name}”正在 Excel 中打开（存在 {owner.name}）。请先关闭该文件再试。",
            {"path": str(path)},
        )


def refuse_input(target: Path, inputs: Sequence[Path]) -> None:
    """An output is never one of the command's input files (the user's workbook is never modified)."""
    for source in inputs:
        if source.exists() and target.resolve() == source.resolve():
            raise AddinError(
                "file.would-overwrite-input",
                f"输出文件不能与输入文件相同：{target.name}。请用 --out 指定一个新文件。",
            )


def refuse_existing(outputs: Mapping[str, Path | None], *, force: bool, inputs: Sequence[Path] = ()) -> None:
    """No silent overwrite: a command that writes refuses an output file that already exists (``file.exists``,
    naming the file and its option) unless ``--force`` was given — and one of its ``inputs`` always
    (``file.would-overwrite-input``). ``outputs`` maps each option (``--out``, ``--forms``, ``--record`` …) to
    the file it names (None: not written). Every command calls this before any work, so that a refusal leaves
    nothing behind."""
    for path in outputs.values():
        if path is not None:
            refuse_input(path, inputs)
    if force:
        return
    for option, path in outputs.items():
        if path is not None and (path.exists() or path.is_symlink()):
            raise AddinError(
                "file.exists",
                f"输出已存在：{path}（{option}）。为免覆盖已有文件，请用 {option} 指定新的文件（或文件夹）；"
                "确实要替换它时，加 --force 再运行。",
                {"path": str(path), "option": option},
            )


def atomic_write(target: Path, write: Callable[[Path], object], *, inputs: tuple[Path, ...] = ()) -> Path:
    """Write ``target`` through a temporary file in the same folder, then rename it into place.

    Refuses to write over any of ``inputs`` (the user's workbook is never modified) or over a workbook
    open in Excel. Returns the target path.
    """
    target = target.resolve()
    refuse_input(target, inputs)
    refuse_if_open_in_excel(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_current_umask())  # mkstemp makes 0600; a saved file gets the usual rights
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def free_path(path: Path) -> Path:
    """``path`` when no file is there, else ``name (2).xlsx``, ``name (3).xlsx`` …: a file written beside the
    user's workbook never replaces an earlier one."""
    candidate, n = path, 2
    while candidate.exists() or candidate.with_name("~$" + candidate.name).exists():
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        n += 1
    return candidate


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def find_workbooks(path: Path) -> list[Path]:
    """A workbook, or every .xlsx/.xlsm below a folder (recursively, skipping Excel owner files ``~$…``)."""
    if path.is_dir():
        found = [
            p
            for p in path.rglob("*")
            if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith(("~$", TEMPORARY_PREFIX)) and p.is_file()
        ]
        return sorted(found)
    return [path]
