"""The print setup every adapter gives a written sheet (打印设置): orientation from the printed width, wide
columns narrowed so that the body stays legible, long lists fitted to the page width only, titles centred,
row heights that show wrapped text — the same in a file (openpyxl) and in Excel (xlwings)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from fake_xlwings import FakeBook

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.adapters.page_layout import (
    LANDSCAPE_UNITS,
    LEGIBLE_SCALE,
    PORTRAIT_UNITS,
    fit_widths,
    layout,
    line_count,
)
from addin.adapters.xlwings_book import XlwingsBook
from addin.ports import SheetOut

LONG = "提醒内容很长，" * 30
LIST = SheetOut("名单", ("序号", "统一社会信用代码", "单位名称", "说明", "哈希"),
                [[n, "91140500MA0L35C539", f"示例单位{n}", LONG if n == 3 else "", "ab" * 32] for n in range(1, 301)],
                preamble=[["某某县“双随机、一公开”抽查名单"], ["说明：" + "很长的说明，" * 40]],
                widths=(6, 21, 30, 90, 66), title_rows=(0,), print_columns=4, borders=True)


def test_narrow_sheets_print_portrait_and_wide_ones_landscape_within_a_legible_width() -> None:
    narrow = layout(SheetOut("x", ("a", "b"), [[1, 2]], widths=(20, 30)))
    assert not narrow.landscape
    assert narrow.widths == (20.0, 30.0)
    wide = layout(LIST)
    assert wide.landscape
    assert wide.printed == 4
    assert wide.print_area == "A1:D303"
    assert sum(wide.widths[:4]) <= LANDSCAPE_UNITS / LEGIBLE_SCALE + 0.5
    assert wide.widths[:2] == (6.0, 21.0)  # narrow columns keep their width; the widest gave way
    assert wide.widths[4] == 66.0  # a column not printed keeps its width on screen
    assert PORTRAIT_UNITS < LANDSCAPE_UNITS


def test_fit_widths_narrows_the_widest_first_and_never_below_the_wrapped_minimum() -> None:
    assert fit_widths([10, 20, 90], 80) == [10, 20, 50]
    assert fit_widths([30, 30, 30], 60) == [20, 20, 20]
    assert sum(fit_widths([8, 8, 8], 10)) == 24  # nothing wide enough to give way


def test_titles_are_merged_rows_and_long_text_gets_the_height_it_needs() -> None:
    page = layout(LIST)
    assert page.title_rows == (1,)
    assert page.note_rows == (2,)
    assert page.header_row == 3
    long_row = page.header_row + 3
    assert page.heights[long_row] >= line_count(LONG, page.widths[3]) * 14
    assert page.header_row + 1 not in page.heights  # a short row keeps Excel's default height
    assert page.heights[2] > 15  # the long note wraps over several lines


def test_a_table_with_too_many_columns_runs_over_pages_wide_rather_than_shrinking() -> None:
    """30 columns cannot be narrowed onto one legible page width: more pages wide, the first column repeated on
    each, the note merged across the first page only."""
    many = SheetOut("宽表", [f"列{n}" for n in range(30)], [[f"内容{n}" for n in range(30)]],
                    preamble=[["说明：" + "很长的说明，" * 20]], widths=[12.0] * 30)
    page = layout(many)
    per_page = LANDSCAPE_UNITS / LEGIBLE_SCALE
    assert page.landscape
    assert page.pages_wide == 3  # 30 × 10 (narrowed to the wrapped minimum) over ~140 units a page
    assert (sum(page.widths) + (page.pages_wide - 1) * page.widths[0]) / page.pages_wide <= per_page
    assert page.repeat_columns == 1
    assert 1 < page.merge_to < page.printed == 30
    assert sum(page.widths[: page.merge_to]) <= per_page
    assert layout(LIST).pages_wide == 1  # what fits once narrowed stays one page wide


def test_the_file_carries_the_print_setup(tmp_path: Path) -> None:
    book = OpenpyxlBook.new()
    book.add_sheet(LIST)
    path = book.save_as(tmp_path / "名单.xlsx")
    ws = openpyxl.load_workbook(path)["名单"]
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToHeight == 0  # a long list runs over pages; only the width is fitted
    assert ws.print_title_rows == "$3:$3"
    assert ws.print_area == "'名单'!$A$1:$D$303"
    assert "A1:D1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].alignment.horizontal == "center"
    assert ws["A1"].font.b
    assert ws["D6"].alignment.wrap_text
    assert ws["D6"].border.left.style == "thin"
    assert ws.row_dimensions[6].height
    assert ws.row_dimensions[6].height > 30
    assert "&P" in ws.oddFooter.center.text
    assert "&N" in ws.oddFooter.center.text


def test_excel_gets_the_same_setup_in_bulk_calls() -> None:
    fake = FakeBook({"说明": [["x"]]})
    XlwingsBook(fake).add_sheet(LIST)
    ws = fake.sheets["名单"]
    setup = ws.api.PageSetup.values
    assert setup["PaperSize"] == 9
    assert setup["Orientation"] == 2
    assert setup["FitToPagesWide"] == 1
    assert setup["FitToPagesTall"] is False
    assert setup["Zoom"] is False
    assert setup["PrintTitleRows"] == "$3:$3"
    assert setup["PrintArea"] == "$A$1:$D$303"
    assert "&P" in setup["CenterFooter"]
    assert fake.app.api.PrintCommunication is True  # switched back on after the setup
    assert "A1:D1" in ws.merged
    assert ("A3:D303", "WrapText", True) in ws.styles
    assert ws.borders == [("A3:D303", 1)]
    assert ws.heights[6] == layout(LIST).heights[6]
    assert ws.widths[4] == layout(LIST).widths[3]
