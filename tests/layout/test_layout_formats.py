"""Formats by content, not by name: the same registry read from .xlsx, .xls and .ods written by LibreOffice, .xlsx
content under an .xls name, .xls content under .et / .xlsx names, XML Spreadsheet 2003 (UTF-8 and GB2312); and
files that are not workbooks refused with what they are."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from layout.layout_books import (
    TARGETS,
    home_made_registry,
    published_items,
    two_row_header,
    xml2003,
    xml_registry,
    xml_row,
)

from addin.adapters.formats import ODS, XLS, XLSX, XML2003, workbook_format
from addin.adapters.readers import open_reader
from addin.core.errors import AddinError
from addin.services.layouts import input_sheets
from addin.services.validate import validate_path

TODAY = dt.date(2024, 3, 1)
pytestmark = pytest.mark.libreoffice


def _cells(path: Path) -> list[list[object]]:
    """The registry's data rows as the validation reads them (standard names, values normalised)."""
    book = open_reader(path)
    try:
        table = input_sheets(book).chosen["targets"].table()
    finally:
        book.close()
    return [[r.number, *r.values] for r in table.rows]


def _positions(path: Path) -> list[tuple[object, ...]]:
    report = validate_path(path, today=TODAY)
    return [(report.status, *[(lay.sheet, lay.kind, lay.header_row, lay.group_row) for lay in report.layouts])]


def test_the_same_registry_reads_the_same_from_every_format(office_copies: dict[str, Path], tmp_path: Path) -> None:
    original = home_made_registry(tmp_path / "home.xlsx")
    expected = _cells(original)
    assert [row[:3] for row in expected] == [[3, 1, TARGETS[0][0]], [4, 2, TARGETS[1][0]], [5, 3, TARGETS[2][0]],
                                              [6, 4, TARGETS[3][0]]]
    copies = {"xlsx named .xls": (shutil.copy(original, tmp_path / "home-as.xls"), XLSX),
              "xls": (office_copies["home.xls"], XLS),
              "xls named .et": (shutil.copy(office_copies["home.xls"], tmp_path / "home.et"), XLS),
              "xls named .xlsx": (shutil.copy(office_copies["home.xls"], tmp_path / "home-xls.xlsx"), XLS),
              "ods": (office_copies["home.ods"], ODS),
              "ods named .xls": (shutil.copy(office_copies["home.ods"], tmp_path / "home-ods.xls"), ODS)}
    for label, (path, kind) in copies.items():
        assert workbook_format(Path(path)).kind == kind, label
        assert _cells(Path(path)) == expected, label
        assert _positions(Path(path)) == [("ok", ("名录", "targets", 2, None))], label


def test_a_two_row_header_survives_libreoffice(office_copies: dict[str, Path], tmp_path: Path) -> None:
    expected = [("ok", ("检查对象", "targets", 4, 3))]
    assert _positions(two_row_header(tmp_path / "two.xlsx")) == expected
    assert _positions(office_copies["two-row.xls"]) == expected
    assert _positions(office_copies["two-row.ods"]) == expected


def test_xml_spreadsheet_2003_under_an_xls_name(tmp_path: Path) -> None:
    for encoding in ("utf-8", "gb2312"):
        path = xml_registry(tmp_path / f"对象-{encoding}.xls", encoding=encoding)
        assert workbook_format(path) .kind == XML2003
        report = validate_path(path, today=TODAY)
        assert (report.status, [(lay.sheet, lay.kind, lay.header_row) for lay in report.layouts]) == (
            "ok", [("对象", "targets", 3)])
        rows = _cells(path)
        assert [r[0] for r in rows] == [4, 5, 6, 7]
        assert rows[0][1:3] == [TARGETS[0][0], TARGETS[0][1]]
        assert rows[0][-1] == dt.date(2026, 6, 30)


def test_xml_2003_places_cells_by_index_and_merges(tmp_path: Path) -> None:
    rows = [xml_row(["统一社会信用代码", "单位名称", "检查对象类别", "地址"]),
            xml_row([TARGETS[0][0], ("甲", {"across": 1}), ("某路", {"index": 4})]),
            xml_row([("空一行后", {"index": 2})], index=4),
            xml_row([(TARGETS[1][0], {"down": 1}), "乙", "公共场所"], index=6),
            xml_row([("丙", {"index": 2})])]
    path = xml2003(tmp_path / "m.xml", {"检查对象名录库": rows})
    book = open_reader(path)
    assert [(n, list(c)) for n, c in book.rows("检查对象名录库")] == [
        (1, ["统一社会信用代码", "单位名称", "检查对象类别", "地址"]), (2, [TARGETS[0][0], "甲", "", "某路"]),
        (4, ["", "空一行后"]), (6, [TARGETS[1][0], "乙", "公共场所"]), (7, ["", "丙"])]
    assert book.merged("检查对象名录库") == [((1, 1), (1, 2)), ((5, 0), (6, 0))]
    table = input_sheets(book).chosen["targets"].table()
    assert table.rows[-1].values[:2] == (TARGETS[1][0], "丙")  # the merged code is filled down


def test_cells_merged_over_several_items_apply_to_each(tmp_path: Path) -> None:
    book = open_reader(published_items(tmp_path / "items.xlsx"))
    source = input_sheets(book).chosen["items"]
    assert source.layout.header_row == 2
    rows = [r.values for r in source.table().rows]
    assert [r[1] for r in rows] == ["公共卫生", "公共卫生"]  # 抽查类别 merged over B3:B4


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(("name", "make", "code", "words"), [
    ("word.xlsx", lambda p: _zip(p, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
     "file.not-a-workbook", "Word 文档（.docx）"),
    ("slides.xls", lambda p: _zip(p, {"ppt/presentation.xml": b"<p/>"}), "file.not-a-workbook", "PowerPoint"),
    ("text.ods", lambda p: _zip(p, {"mimetype": b"application/vnd.oasis.opendocument.text"}), "file.not-a-workbook",
     "opendocument.text"),
    ("网页.xls", lambda p: p.write_text("<html><body><table><tr><td>统一社会信用代码</td></tr></table></body></html>",
                                     encoding="utf-8"), "file.html-table", "网页（HTML）"),
    ("表.xlsx", lambda p: p.write_text("统一社会信用代码,单位名称\n", encoding="utf-8"), "file.not-a-workbook", "CSV"),
    ("扫描件.xlsx", lambda p: p.write_bytes(b"%PDF-1.4\n"), "file.not-a-workbook", "PDF"),
    ("报送.zip", lambda p: _zip(p, {"a/乡镇1.xlsx": b"x", "b/乡镇2.xls": b"y", "说明.txt": b"z"}), "file.archive",
     "其中有 2 个工作簿"),
    ("data.xml", lambda p: p.write_text('<?xml version="1.0"?><root/>', encoding="utf-8"), "file.not-a-workbook",
     "不是 Excel 的 XML 电子表格"),
])
def test_files_that_are_not_workbooks_say_what_they_are(tmp_path: Path, name: str, make: object, code: str,
                                                       words: str) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    with pytest.raises(AddinError) as caught:
        workbook_format(path)
    assert caught.value.code == code
    assert words in caught.value.message
    report = validate_path(path, today=TODAY)
    assert (report.status, report.issues[0].code) == ("unreadable", code)


def test_an_ods_package_is_checked_like_an_xlsx_package(tmp_path: Path) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", bytes(50 * 1024 * 1024))
    path = tmp_path / "bomb.ods"
    path.write_bytes(bomb.getvalue())
    with pytest.raises(AddinError) as caught:
        workbook_format(path)
    assert caught.value.code == "file.zip-bomb"
