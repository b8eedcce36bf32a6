"""The hostile-input corpus (恶意输入样本), generated inside the tests, small and fast: the kinds of file a batch
of submissions really holds and those a hostile sender makes — zip bombs, XML entity bombs, path-traversal names
inside a package and as file names, 30,000-part packages, deeply nested XML and folders, links, link loops and
pipes, renamed .docx/.ods/.xlsb, Excel's ``~$`` owner files, names that are not UTF-8, hostile cells.

:func:`hostile_files` makes the unusable workbooks (each → its ``file.*`` code); :func:`corpus` makes the whole
folder and says, per entry, what ``ssj validate`` must answer (:class:`Expected`).
"""

from __future__ import annotations

import os
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

from hostile_cells import error, number, save_hostile_xlsx, text
from validation.sample_books import good_sheets, only

from addin.adapters.listing import MAX_DEPTH
from addin.excel import cfb

T = "检查对象名录库"


HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


def replace_part(source: Path, target: Path, name: str, data: bytes | None = None, *,
                  extra: dict[str, bytes] | None = None, bomb: int = 0) -> Path:
    """A copy of ``source`` with part ``name`` replaced by ``data`` (or by ``bomb`` bytes of zeros)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != name:
                dst.writestr(item, src.read(item))
        if bomb:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(info, "w", force_zip64=True) as part:
                block = bytes(1024 * 1024)
                for _ in range(bomb // len(block)):
                    part.write(block)
        elif data is not None:
            dst.writestr(name, data)
        for extra_name, extra_data in (extra or {}).items():
            dst.writestr(extra_name, extra_data)
    return target


def sheet_part(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return next(n for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))


def sheet_xml(rows: str) -> bytes:
    return (HEADER + f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>').encode()




def hostile_files(folder: Path, good: Path) -> dict[str, str]:
    """Every kind of unusable file the issue names → the code it must get."""
    folder.mkdir(parents=True, exist_ok=True)
    part = sheet_part(good)
    made = {
        "bomb.xlsx": "file.zip-bomb",
        "laughs-in-sheet.xlsx": "file.xml-entities",
        "laughs-in-strings.xlsx": "file.xml-entities",
        "empty.xlsx": "file.empty",
        "old.xlsx": "file.corrupt",
        "table.xlsx": "file.not-a-workbook",
        "truncated.xlsx": "file.corrupt",
        "huge-sheet.xlsx": "file.crashed",
    }
    replace_part(good, folder / "bomb.xlsx", part, bomb=300 * 1024 * 1024)
    cell = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
    laughs = (HEADER + LAUGHS + f'<worksheet xmlns="{MAIN}"><sheetData>{cell}</sheetData></worksheet>').encode()
    replace_part(good, folder / "laughs-in-sheet.xlsx", part, laughs)
    strings = (HEADER + LAUGHS + f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>&lol3;</t></si></sst>')
    replace_part(good, folder / "laughs-in-strings.xlsx", "xl/sharedStrings.xml", strings.encode())
    (folder / "empty.xlsx").write_bytes(b"")
    (folder / "old.xlsx").write_bytes(cfb.build({"Workbook": bytes(600)}))
    (folder / "table.xlsx").write_text("统一社会信用代码,单位名称\n91110000600037341L,甲\n", encoding="utf-8")
    data = good.read_bytes()
    (folder / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    # one cell in the last row and column of a sheet: reading it asks for 17 billion cells
    far = '<row r="1"><c r="A1" t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>' \
          '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    replace_part(good, folder / "huge-sheet.xlsx", part, sheet_xml(far))
    return made


@dataclass(frozen=True, slots=True)
class Expected:
    """What ``ssj validate`` answers for one entry: its status, the code of its first issue (None: no issue)
    and words its message holds."""

    status: str
    code: str | None = None
    words: str = ""


NOT_UTF8 = os.fsdecode("南山乡".encode("gbk") + b".xlsx")  # a name unpacked from a Windows archive


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def corpus(folder: Path, good: Path) -> dict[str, Expected]:
    """Write the corpus into ``folder`` (``good``: a registry that validates clean) and return, per entry's
    path relative to ``folder`` (as ``ssj validate`` shows it), what must be answered. Entries that are left
    out (``~$`` owner files) or beyond the folder depth are not in the mapping."""
    folder.mkdir(parents=True, exist_ok=True)
    part = sheet_part(good)
    made = {f"unusable/{name}": Expected("unreadable", code) for name, code in
            hostile_files(folder / "unusable", good).items()}
    made["unusable/bomb.xlsx"] = Expected("unreadable", "file.zip-bomb", "压缩炸弹")
    made["unusable/huge-sheet.xlsx"] = Expected("unreadable", "file.crashed", "内存")

    # inside a package: names that would climb out of any folder it were unpacked to (never unpacked)
    replace_part(good, folder / "traversal.xlsx", "docProps/custom.xml", b"<Properties/>",
                 extra={"../../../evil.txt": b"x", "/etc/evil.txt": b"y", "..\\..\\evil.txt": b"z"})
    made["traversal.xlsx"] = Expected("ok")
    _zip(folder / "报送.zip", {"../../乡镇1.xlsx": good.read_bytes(), "乡镇2/名录.xlsx": good.read_bytes()})
    made["报送.zip"] = Expected("unreadable", "file.archive", "其中有 2 个工作簿")
    # a file name that is a Windows path climbing out (legal on Linux): a name like any other
    (folder / "..\\..\\上报.xlsx").write_bytes(good.read_bytes())
    made["..\\..\\上报.xlsx"] = Expected("ok")
    # 30,000 parts in one package
    replace_part(good, folder / "many-parts.xlsx", "docProps/custom.xml", b"<Properties/>",
                 extra={f"customXml/item{i}.xml": b"<a/>" for i in range(30_000)})
    made["many-parts.xlsx"] = Expected("unreadable", "file.too-many-parts", "30,0")
    # XML nested 100,000 deep inside the sheet
    deep = "<x>" * 100_000 + "</x>" * 100_000
    with zipfile.ZipFile(good) as zf:
        xml = zf.read(part).decode("utf-8")
    replace_part(good, folder / "deep-xml.xlsx", part, xml.replace("<sheetData>", "<sheetData>" + deep, 1).encode())
    made["deep-xml.xlsx"] = Expected("ok")
    # renamed files: a Word document, an OpenDocument text, a binary workbook that is not one
    _zip(folder / "word.xlsx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    made["word.xlsx"] = Expected("unreadable", "file.not-a-workbook", "Word 文档")
    _zip(folder / "text.ods", {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<o/>"})
    made["text.ods"] = Expected("unreadable", "file.not-a-workbook", "opendocument.text")
    _zip(folder / "binary.xlsb", {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01"})
    made["binary.xlsb"] = Expected("unreadable", "file.corrupt", "无法读取")
    # Excel's owner file of an open workbook: left out and counted
    (folder / "~$城关.xlsx").write_bytes(b"\x05owner")
    # a name that is not UTF-8, and hostile cells: validated like any other file
    (folder / NOT_UTF8).write_bytes(good.read_bytes())
    made[NOT_UTF8] = Expected("ok")
    sheets = only(good_sheets(), T)
    sheets[T][1][8] = error("#N/A")
    rnd = random.Random(3)  # a long text that does not compress like a bomb
    sheets[T][2][1] = text("东关\x01游泳馆" + "".join(chr(rnd.randrange(0x4E00, 0x9FA5)) for _ in range(100_000)))
    sheets[T][3][5] = number("1e309")
    save_hostile_xlsx(folder / "cells.xlsx", sheets)
    made["cells.xlsx"] = Expected("invalid", "schema.formula-error", "#N/A")
    # links, a link loop, a link to the folder above, a pipe: reported, never opened
    os.symlink(good, folder / "链接.xlsx")
    os.symlink("loop.xlsx", folder / "loop.xlsx")
    os.symlink("..", folder / "上级")
    os.mkfifo(folder / "管道.xlsx")
    made["链接.xlsx"] = Expected("unreadable", "file.symlink", "链接")
    made["loop.xlsx"] = Expected("unreadable", "file.symlink", "链接")
    made["上级"] = Expected("unreadable", "file.symlink", "链接")
    made["管道.xlsx"] = Expected("unreadable", "file.not-regular")
    # folders nested deeper than the walk goes: the workbook at the bottom is not reached, and that is said
    deepest = folder.joinpath(*["层"] * (MAX_DEPTH + 2))
    deepest.mkdir(parents=True)
    (deepest / "最深.xlsx").write_bytes(good.read_bytes())
    return made
