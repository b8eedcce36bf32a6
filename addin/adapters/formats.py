"""What a file really is, by its content and never by its name (文件格式识别).

Platforms and colleagues send workbooks under every name: .xlsx content named .xls, XML Spreadsheet 2003 named
.xls or .xlsx, WPS .et files, LibreOffice .ods, and files that are not workbooks at all (a Word document renamed
.xlsx, a zip of submissions, a CSV). :func:`workbook_format` answers with the format a reader can open, or
raises :class:`AddinError` with a Chinese reason that says what the file is and what to do:

==========  ======================================================  ===============================
format      recognised by                                            read by
==========  ======================================================  ===============================
xlsx        zip with ``xl/workbook.xml`` (.xlsx, .xlsm)              python-calamine
xlsb        zip with ``xl/workbook.bin``                             python-calamine
ods         zip whose ``mimetype`` is an OpenDocument spreadsheet    python-calamine
xls         OLE compound file (Excel 97–2003 .xls, WPS .et)          python-calamine
xml2003     XML with the ``urn:schemas-microsoft-com:office:…``      :mod:`addin.adapters.xml2003`
            spreadsheet namespace (XML Spreadsheet 2003)
==========  ======================================================  ===============================

The safety checks of a zip package (a "zip bomb", too many parts, XML entity declarations) are made here, before
any reader unpacks it.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from addin.adapters.listing import shown
from addin.core.errors import AddinError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MiB = 1024**2
MAX_UNPACKED_BYTES = 2 * 1024**3  # a submitted registry is never near this size unpacked
MAX_RATIO = 200  # unpacked / packed, per member: more is the signature of a zip bomb
MAX_PARTS = 10_000  # parts of one workbook package (a workbook of 300 sheets has about 700)
MAX_XML_BYTES = 1024 * MiB  # an XML Spreadsheet 2003 file larger than this is refused
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

XLSX, XLSB, ODS, XLS, XML2003 = "xlsx", "xlsb", "ods", "xls", "xml2003"
LABELS = {XLSX: "Excel 工作簿（.xlsx/.xlsm）", XLSB: "Excel 二进制工作簿（.xlsb）", ODS: "OpenDocument 表格（.ods）",
          XLS: "Excel 97-2003 工作簿（.xls）或 WPS 表格（.et）", XML2003: "XML 电子表格 2003（.xml）"}
EXTENSIONS = {XLSX: (".xlsx", ".xlsm"), XLSB: (".xlsb",), ODS: (".ods",), XLS: (".xls", ".et", ".xlt", ".ett"),
              XML2003: (".xml",)}
SAVE_AS = "请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。"


@dataclass(frozen=True, slots=True)
class FileFormat:
    """The format of a workbook file (``kind``: one of ``xlsx xlsb ods xls xml2003``) and whether its name
    says otherwise (``renamed``: e.g. .xlsx content named .xls)."""

    kind: str
    renamed: bool

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def _refuse(code: str, message: str, path: Path) -> AddinError:
    return AddinError(code, message, {"path": str(path)})


def check_regular_file(path: Path) -> int:
    """The size of ``path``; :class:`AddinError` when it is missing, a folder, or not a regular file (a named
    pipe, a device, a socket — opening one could block or never end)."""
    try:
        info = path.stat()
    except FileNotFoundError as err:
        raise _refuse("file.not-found", f"找不到文件：{shown(path)}", path) from err
    except OSError as err:
        raise _refuse("file.unreadable", f"无法访问该文件：{err.strerror or err}", path) from err
    if stat.S_ISDIR(info.st_mode):
        raise _refuse("file.is-directory", f"这是一个文件夹，不是工作簿：{shown(path)}", path)
    if not stat.S_ISREG(info.st_mode):
        what = "命名管道（FIFO）" if stat.S_ISFIFO(info.st_mode) else "设备或套接字等特殊文件"
        raise _refuse("file.not-regular", f"这是{what}，不是普通文件，未读取。", path)
    if info.st_size == 0:
        raise _refuse("file.empty", "文件是空的（0 字节），不是有效的工作簿。", path)
    return info.st_size


def workbook_format(path: Path) -> FileFormat:
    """The format of the workbook file ``path`` (module docstring), after the safety checks."""
    size = check_regular_file(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as err:
        raise _refuse("file.unreadable", f"无法读取该文件：{err.strerror or err}", path) from err
    if head.startswith(OLE_MAGIC):
        kind = _ole_kind(path)
    elif head.startswith(ZIP_MAGIC):
        kind = _zip_kind(path)
    else:
        kind = _text_kind(path, head, size)
    return FileFormat(kind, path.suffix.lower() not in EXTENSIONS[kind])


def _ole_kind(path: Path) -> str:
    names = ole_stream_names(path)
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        raise _refuse("file.encrypted", "工作簿设置了打开密码，无法读取。请在 Excel 中取消密码后另存为 .xlsx 再试。", path)
    if "WordDocument" in names:
        raise _refuse("file.not-a-workbook", "这是 Word 文档（.doc），不是工作簿（可能改了扩展名）。", path)
    if "PowerPoint Document" in names:
        raise _refuse("file.not-a-workbook", "这是 PowerPoint 演示文稿（.ppt），不是工作簿（可能改了扩展名）。", path)
    return XLS


def ole_stream_names(path: Path, limit: int = 64 * MiB) -> set[str]:
    """Names of the directory entries of an OLE compound file, found by their 128-byte aligned records (a
    name in UTF-16 and its byte length); only the known names that tell the kind of file are looked for."""
    wanted = ("Workbook", "Book", "WordDocument", "PowerPoint Document", "EncryptionInfo", "EncryptedPackage")
    marks = {name: name.encode("utf-16-le") + b"\0\0" for name in wanted}
    found: set[str] = set()
    with path.open("rb") as fh:
        data = fh.read(min(limit, os.fstat(fh.fileno()).st_size))  # read(limit) would reserve the whole limit
    for name, mark in marks.items():
        start = data.find(mark)
        while start >= 0:
            if start % 128 == 0 and len(data) > start + 66 and data[start + 64] == len(mark) and data[start + 65] == 0:
                found.add(name)
                break
            start = data.find(mark, start + 1)
    return found


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS:
                raise _refuse("file.too-many-parts",
                              f"压缩包中有 {len(infos):,} 个文件，超过工作簿的合理范围（{MAX_PARTS:,}），疑似恶意构造，未读取。",
                              path)
            names = {info.filename for info in infos}
            kind = _package_kind(zf, names, path)
            _check_sizes(infos, path)
            _refuse_xml_declarations(zf, path)
            return kind
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as err:
        raise _refuse("file.corrupt", f"工作簿文件已损坏，无法解压：{err}", path) from err


def _package_kind(zf: zipfile.ZipFile, names: set[str], path: Path) -> str:
    if "xl/workbook.xml" in names:
        return XLSX
    if "xl/workbook.bin" in names:
        return XLSB
    if "mimetype" in names:
        mime = zf.read("mimetype")[:200].strip()
        if mime.startswith(ODS_MIME):
            return ODS
        raise _refuse("file.not-a-workbook", f"这是 OpenDocument 文件（{mime.decode('ascii', 'replace')}），不是表格。", path)
    if "word/document.xml" in names:
        raise _refuse("file.not-a-workbook", "这是 Word 文档（.docx），不是工作簿（可能改了扩展名）。", path)
    if any(n.startswith("ppt/") for n in names):
        raise _refuse("file.not-a-workbook", "这是 PowerPoint 演示文稿（.pptx），不是工作簿（可能改了扩展名）。", path)
    books = sum(1 for n in names if n.lower().endswith((".xlsx", ".xlsm", ".xls", ".et", ".ods")))
    inside = f"，其中有 {books} 个工作簿" if books else ""
    raise _refuse("file.archive", f"这是压缩包（zip）{inside}，不是工作簿。请先解压，再校验或导入解压出的文件。", path)


def _check_sizes(infos: list[zipfile.ZipInfo], path: Path) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        packed = max(info.compress_size, 1)
        if info.file_size > MiB and info.file_size / packed > MAX_RATIO:
            raise _refuse("file.zip-bomb", "文件的压缩比异常（疑似“压缩炸弹”），为安全起见拒绝读取。", path)
    if total > MAX_UNPACKED_BYTES:
        raise _refuse("file.too-large", "工作簿解压后超过 2 GB，超出本工具的处理范围。", path)


# A DOCTYPE can only come before the root element: the head of each XML part tells. Excel never writes one;
# a DOCTYPE with ENTITY declarations is the "billion laughs" attack (and external entities read local files).
_DECLARATIONS = tuple(text.encode(encoding) for text in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le"))


def _refuse_xml_declarations(zf: zipfile.ZipFile, path: Path) -> None:
    for info in zf.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with zf.open(info) as part:
            head = part.read(4096)
        if any(mark in head for mark in _DECLARATIONS):
            raise _refuse("file.xml-entities",
                          f"工作簿的部件“{info.filename}”含有 XML 的 DOCTYPE/实体声明（Excel 从不写入），"
                          "疑似恶意构造的文件（如“十亿笑声”攻击），为安全起见拒绝读取。", path)


def _decoded_head(head: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, "ignore")
    if len(head) > 1 and head[1:2] == b"\0":
        return head.decode("utf-16-le", "ignore")
    return head.decode("utf-8", "ignore")


def _text_kind(path: Path, head: bytes, size: int) -> str:
    text = _decoded_head(head).lstrip().lower()
    if text.startswith("<?xml") or text.startswith("<workbook") or text.startswith("<?mso"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in text or "progid=\"excel.sheet\"" in text:
            if size > MAX_XML_BYTES:
                raise _refuse("file.too-large", "XML 电子表格超过 1 GB，超出本工具的处理范围。", path)
            return XML2003
        raise _refuse("file.not-a-workbook", "这是 XML 文件，但不是 Excel 的 XML 电子表格 2003。" + SAVE_AS, path)
    if text.startswith(("<!doctype html", "<html", "<table", "<meta")) or "<table" in text[:2048]:
        raise _refuse("file.html-table",
                      "这是网页（HTML）格式的表格（一些系统导出的“.xls”其实是网页），不是工作簿。" + SAVE_AS, path)
    if head.startswith(b"%PDF"):
        raise _refuse("file.not-a-workbook", "这是 PDF 文件，不是工作簿。", path)
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise _refuse("file.not-a-workbook", "这是图片，不是工作簿。", path)
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        raise _refuse("file.archive", "这是压缩包（rar/7z/gz），不是工作簿。请先解压，再校验或导入解压出的文件。", path)
    raise _refuse("file.not-a-workbook",
                  "文件不是 Excel 工作簿（可能是 CSV、文本或其他文件改了扩展名）。" + SAVE_AS, path)
