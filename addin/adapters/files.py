"""File-level safety: recognise what a file really is before opening it, and save atomically.

Nothing here parses cells; it decides whether a path can be read at all (→ ``AddinError`` with a Chinese
reason) and writes new files without ever leaving a half-written one or touching the user's input.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from addin.core.errors import AddinError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# A submitted registry is never near this size unpacked; past it we refuse rather than exhaust memory.
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_RATIO = 200  # unpacked / packed, per member: more is the signature of a zip bomb
TEMPORARY_PREFIX = ".~ssj-"  # atomic_write's temporary files (a killed write leaves one behind)


def check_workbook_file(path: Path) -> None:
    """Raise :class:`AddinError` with a Chinese reason if ``path`` is not a readable .xlsx/.xlsm package."""
    if not path.exists():
        raise AddinError("file.not-found", f"找不到文件：{path}", {"path": str(path)})
    if path.is_dir():
        raise AddinError("file.is-directory", f"这是一个文件夹，不是工作簿：{path}", {"path": str(path)})
    size = path.stat().st_size
    if size == 0:
        raise AddinError("file.empty", "文件是空的（0 字节），不是有效的 Excel 工作簿。")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        if _is_encrypted_ole(path):
            raise AddinError("file.encrypted", "工作簿设置了打开密码，无法读取。请在 Excel 中取消密码后另存为 .xlsx 再试。")
        raise AddinError("file.legacy-xls", "这是旧版 .xls 格式的文件（可能被改了扩展名）。请在 Excel 中另存为 .xlsx 后再试。")
    if head[:4] != ZIP_MAGIC:
        raise AddinError(
            "file.not-a-workbook",
            "文件不是 Excel 工作簿（可能是 CSV、文本或其他文件改了扩展名）。请在 Excel 中另存为 .xlsx 后再试。",
        )
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" not in names:
                raise AddinError("file.not-a-workbook", "文件是压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）。")
            total = 0
            for info in zf.infolist():
                total += info.file_size
                packed = max(info.compress_size, 1)
                if info.file_size > 1024**2 and info.file_size / packed > MAX_RATIO:
                    raise AddinError("file.zip-bomb", "文件的压缩比异常（疑似“压缩炸弹”），为安全起见拒绝读取。")
            if total > MAX_UNPACKED_BYTES:
                raise AddinError("file.too-large", "工作簿解压后超过 2 GB，超出本工具的处理范围。")
            _refuse_xml_declarations(zf)
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise AddinError("file.corrupt", f"工作簿文件已损坏，无法解压：{err}") from err


# A DOCTYPE can only come before the root element: the head of each XML part tells. Excel never writes one;
# a DOCTYPE with ENTITY declarations is the "billion laughs" attack (and external entities read local files).
_DECLARATIONS = tuple(text.encode(encoding) for text in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le"))


def _refuse_xml_declarations(zf: zipfile.ZipFile) -> None:
    for info in zf.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with zf.open(info) as part:
            head = part.read(4096)
        if any(mark in head for mark in _DECLARATIONS):
            raise AddinError("file.xml-entities",
                             f"工作簿的部件“{info.filename}”含有 XML 的 DOCTYPE/实体声明（Excel 从不写入），"
                             "疑似恶意构造的文件（如“十亿笑声”攻击），为安全起见拒绝读取。")


def _is_encrypted_ole(path: Path) -> bool:
    """An encrypted .xlsx is an OLE compound file holding an ``EncryptionInfo`` stream (UTF-16 name)."""
    data = path.read_bytes()[: 1024 * 1024]
    return "EncryptionInfo".encode("utf-16-le") in data


def refuse_if_open_in_excel(path: Path) -> None:
    """Excel keeps an owner file ``~$name`` beside a workbook it has open; writing then would clash."""
    owner = path.with_name("~$" + path.name)
    if owner.exists():
        raise AddinError(
            "file.open-in-excel",
            f"文件“{path.name}”正在 Excel 中打开（存在 {owner.name}）。请先关闭该文件再试。",
            {"path": str(path)},
        )


def atomic_write(target: Path, write: Callable[[Path], object], *, inputs: tuple[Path, ...] = ()) -> Path:
    """Write ``target`` through a temporary file in the same folder, then rename it into place.

    Refuses to write over any of ``inputs`` (the user's workbook is never modified) or over a workbook
    open in Excel. Returns the target path.
    """
    target = target.resolve()
    for source in inputs:
        if source.exists() and target == source.resolve():
            raise AddinError(
                "file.would-overwrite-input",
                f"输出文件不能与输入文件相同：{target.name}。请用 --out 指定一个新文件。",
            )
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
