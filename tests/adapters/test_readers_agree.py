"""calamine and openpyxl read a workbook into the same Table — and calamine gets the Chinese dates right."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from addin.adapters.calamine_book import CalamineBook
from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core.errors import AddinError


def _book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "检查对象名录库"
    ws.append([" 统一社会信用代码 ", "单位名称\u3000", "数量", "日期", "时刻", "是否"])
    ws.append(["91110000600037341L", "  甲公司 ", 3.0, dt.date(2024, 5, 1), dt.datetime(2024, 5, 1, 9, 30), True])
    ws.append([123456789012345, "乙", 2.5, dt.datetime(2024, 5, 2), None, False])
    ws.append([None, None, None, None, None, None])  # a blank row in the middle is kept
    ws.append(["52UKKWWUHH7AJYP8M5", "", 0, "2024-05-03", None, None])
    ws.cell(6, 1).value = None
    ws.cell(9, 2).value = ""  # trailing "used" but blank rows are dropped
    other = wb.create_sheet("偏移")
    other["C3"] = "表头"
    other["D5"] = 7
    wb.save(path)
    return path


def test_both_readers_give_the_same_table(tmp_path: Path) -> None:
    path = _book(tmp_path / "a.xlsx")
    fast, slow = CalamineBook.read(path), OpenpyxlBook.read(path)
    assert fast.sheet_names() == slow.sheet_names() == ["检查对象名录库", "偏移"]
    for sheet in fast.sheet_names():
        assert fast.read_table(sheet) == slow.read_table(sheet)
    table = fast.read_table("检查对象名录库")
    assert table.index("单位名称") == 1
    assert [r.number for r in table.rows] == [2, 3, 4, 5]
    assert table.rows[0].values == ("91110000600037341L", "甲公司", 3, dt.date(2024, 5, 1),
                                    dt.datetime(2024, 5, 1, 9, 30), True)
    assert table.rows[1].values[0] == 123456789012345  # a code Excel stored as a number keeps its digits


def test_positions_survive_empty_leading_rows_and_columns(tmp_path: Path) -> None:
    path = _book(tmp_path / "a.xlsx")
    table = CalamineBook.read(path).read_table("偏移", header_row=3)
    assert table.header == ("", "", "表头")
    assert [(r.number, r.values) for r in table.rows] == [(4, (None, None, None, None)), (5, (None, None, None, 7))]


def _with_builtin_chinese_date_formats(path: Path) -> Path:
    """Write dates with custom formats, then turn them into the zh-CN built-in ids 27/31/57 (no format code)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["a", "b", "c"])
    for col, code in enumerate(['yyyy"年"m"月"', 'yyyy"年"m"月"d"日"', 'yyyy"年"m"月"d"日"x'], start=1):
        ws.cell(2, col, 45413).number_format = code  # 45413 = 2024-05-01
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    styles = parts["xl/styles.xml"].decode()
    custom = re.findall(r'numFmtId="(\d+)" formatCode', styles)
    for old, new in zip(custom, ("27", "31", "57"), strict=True):
        styles = styles.replace(f'numFmtId="{old}"', f'numFmtId="{new}"')
    parts["xl/styles.xml"] = re.sub(r"<numFmts.*?</numFmts>", "", styles, flags=re.S).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_chinese_builtin_date_formats_are_dates(tmp_path: Path) -> None:
    path = _with_builtin_chinese_date_formats(tmp_path / "zh.xlsx")
    row = CalamineBook.read(path).read_table("Sheet").rows[0]
    assert row.values == (dt.date(2024, 5, 1),) * 3
    stream = CalamineBook.read(path).stream("Sheet")  # what the validation reads: the raw cells, as a stream
    assert (stream.header, [(n, list(v)) for n, v in stream.rows]) == (("a", "b", "c"), [(2, [dt.date(2024, 5, 1)] * 3)])


@pytest.mark.parametrize(("content", "code"), [
    (b"", "file.empty"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "file.corrupt"),
    ("统一社会信用代码,单位名称\n".encode(), "file.not-a-workbook"),
    (b"PK\x03\x04 broken", "file.corrupt"),
])
def test_unusable_files_are_refused_with_a_code(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(AddinError) as caught:
        CalamineBook.read(path)
    assert caught.value.code == code


def test_atomic_write_gives_a_saved_file_the_usual_rights(tmp_path: Path) -> None:
    import os
    import stat

    from addin.adapters.files import atomic_write

    target = atomic_write(tmp_path / "out.txt", lambda tmp: tmp.write_text("x", encoding="utf-8"))
    mode = stat.S_IMODE(os.stat(target).st_mode)
    mask = os.umask(0)
    os.umask(mask)
    assert mode == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary file left behind


def test_written_sheets_never_turn_copied_text_into_formulas(tmp_path: Path) -> None:
    from addin.ports import SheetOut

    book = OpenpyxlBook.new()
    book.add_sheet(SheetOut("校验结果", ["值"], [["=HYPERLINK(\"http://x\",\"点我\")"], ["普通"]]))
    path = book.save_as(tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(path)["校验结果"]
    assert ws["A2"].data_type == "s"
    assert ws["A2"].value == "=HYPERLINK(\"http://x\",\"点我\")"
    assert CalamineBook.read(path).read_table("校验结果").rows[0].values == ("=HYPERLINK(\"http://x\",\"点我\")",)
