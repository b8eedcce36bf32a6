"""The xlwings adapter against a fake of the xlwings surface: same port behaviour as the openpyxl and memory
adapters, whole sheets moved in one call, Excel's coercions defeated, users' notes kept."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from fake_xlwings import FakeBook, Formula

from addin.adapters.memory import MemoryBook
from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.adapters.xlwings_book import MAX_NOTES, NOTE_PREFIX, XlwingsBook, excel_value, join_addresses
from addin.core.errors import AddinError
from addin.core.table import Table
from addin.ports import FILL_ERROR, FILL_HEADER, FILL_WARNING, CellMark, SheetOut, WorkbookPort

ROWS: list[list[Any]] = [
    ["统一社会信用代码", " 单位名称 ", "许可有效期至", "比例", None],
    ["91110000600037341L", "甲单位", dt.date(2025, 3, 1), 0.3, None],
    [None, None, None, None, None],  # a blank row in the middle keeps its number
    ["91350100M000100Y43", "  乙单位\u3000", dt.datetime(2025, 3, 2, 9, 30), 2, None],
    [None, None, None, None, None],  # trailing blank rows are dropped
]


def _memory() -> MemoryBook:
    return MemoryBook({"检查对象名录库": ROWS, "说明": [["x"]]})


def _openpyxl(tmp_path: Path) -> OpenpyxlBook:
    book = OpenpyxlBook.new()
    ws = book.wb.create_sheet("检查对象名录库")
    for row in ROWS:
        ws.append(row)
    book.wb.create_sheet("说明").append(["x"])
    path = book.save_as(tmp_path / "book.xlsx")
    return OpenpyxlBook.edit(path)


def _xlwings() -> XlwingsBook:
    return XlwingsBook(FakeBook({"检查对象名录库": ROWS, "说明": [["x"]]}))


@pytest.fixture(params=["memory", "openpyxl", "xlwings"])
def book(request: pytest.FixtureRequest, tmp_path: Path) -> WorkbookPort:
    return {"memory": _memory, "openpyxl": lambda: _openpyxl(tmp_path), "xlwings": _xlwings}[request.param]()


def _shape(table: Table) -> tuple[Any, ...]:
    """What the services see of a table (adapters may differ in trailing blank columns only)."""
    header = list(table.header)
    while header and header[-1] == "":
        header.pop()
    rows = []
    for row in table.rows:
        values = list(row.values)
        while values and values[-1] is None:
            values.pop()
        rows.append((row.number, tuple(values)))
    return table.sheet, tuple(header), tuple(rows), table.header_row


def test_every_adapter_reads_the_same_table(book: WorkbookPort) -> None:
    assert isinstance(book, WorkbookPort)
    assert book.sheet_names() == ["检查对象名录库", "说明"]
    assert _shape(book.read_table("检查对象名录库")) == (
        "检查对象名录库",
        ("统一社会信用代码", "单位名称", "许可有效期至", "比例"),
        (
            (2, ("91110000600037341L", "甲单位", dt.date(2025, 3, 1), 0.3)),
            (3, ()),
            (4, ("91350100M000100Y43", "乙单位", dt.datetime(2025, 3, 2, 9, 30), 2)),
        ),
        1,
    )


def test_every_adapter_names_a_clashing_new_sheet_like_excel(book: WorkbookPort) -> None:
    sheet = SheetOut("说明", ("a",), [["1"]])
    assert book.add_sheet(sheet) == "说明 (2)"
    assert book.add_sheet(sheet) == "说明 (3)"


def test_every_adapter_refuses_a_missing_sheet_with_a_chinese_message(book: WorkbookPort) -> None:
    with pytest.raises(AddinError) as err:
        book.read_table("回避关系")
    assert err.value.code == "sheet.not-found"
    assert "回避关系" in err.value.message


LOG = SheetOut("记录", ("序号", "批次", "代码"), [[0, "B1", "0012"]], text_columns=(2,))


def _log_rows(book: WorkbookPort, name: str) -> list[tuple[Any, ...]]:
    return [tuple(r.values[:3]) for r in book.read_table(name).rows]


def test_every_adapter_creates_the_growing_sheet_with_its_header_when_absent(book: WorkbookPort) -> None:
    assert book.append_rows(LOG) == "记录"
    assert book.read_table("记录").header == ("序号", "批次", "代码")
    assert _log_rows(book, "记录") == [(0, "B1", "0012")]


def test_every_adapter_appends_below_the_last_row_and_keeps_the_rows_there(book: WorkbookPort) -> None:
    book.append_rows(LOG)
    assert book.append_rows(SheetOut("记录", LOG.header, [[1, "B1", "0013"], [2, "B2", "=1+1"]],
                                     text_columns=(2,))) == "记录"
    assert book.sheet_names() == ["检查对象名录库", "说明", "记录"]
    assert _log_rows(book, "记录") == [(0, "B1", "0012"), (1, "B1", "0013"), (2, "B2", "=1+1")]


def test_every_adapter_appends_to_the_last_copy_with_the_header_and_never_to_another_kind(
        book: WorkbookPort) -> None:
    book.add_sheet(SheetOut("记录", ("别的表",), [["x"]]))  # same name, other columns: not the log
    assert book.append_rows(LOG) == "记录 (2)"
    book.add_sheet(SheetOut("记录", LOG.header, []))  # a later copy of the log, empty: it grows now
    assert book.append_rows(LOG) == "记录 (3)"
    assert _log_rows(book, "记录 (3)") == [(0, "B1", "0012")]
    assert _log_rows(book, "记录 (2)") == [(0, "B1", "0012")]
    assert book.read_table("记录").header == ("别的表",)


def test_rows_are_appended_to_a_live_sheet_in_one_read_and_one_write() -> None:
    fake = FakeBook({"记录": [["序号", "批次", "代码"], [0, "B1", "0012"], [None, None, None]]})
    fake.sheets["记录"].formats[(9, 1)] = "@"  # a formatted blank row below the data is not a row
    book = XlwingsBook(fake)
    assert book.append_rows(SheetOut("记录", ("序号", "批次", "代码"), [[1, "B2", "0013"], [2, "B2", "123"]],
                                     text_columns=(2,))) == "记录"
    assert (fake.counts["value reads"], fake.counts["value writes"]) == (1, 1)
    assert fake.sheets["记录"].grid() == [["序号", "批次", "代码"], [0.0, "B1", "0012"], [1.0, "B2", "0013"],
                                         [2.0, "B2", "123"]]  # "123" stays text
    assert fake.sheets["记录"].formats[(3, 3)] == "@"


def test_a_whole_sheet_is_read_in_one_call() -> None:
    rows = [["代码", "名称"]] + [[f"9111{i:014d}", f"单位{i}"] for i in range(20_000)]
    fake = FakeBook({"名录": rows})
    table = XlwingsBook(fake).read_table("名录")
    assert len(table.rows) == 20_000
    assert table.rows[-1].number == 20_001
    assert fake.counts["value reads"] == 1


def _sheet_out() -> SheetOut:
    return SheetOut(
        "校验结果",
        ("工作表", "行", "值", "代码"),
        [["名录", 2, "0012", "schema.required"], ["名录", 3, "=HYPERLINK(\"x\")", "id.uscc"],
         ["名录", 4, "+86 123", "x"], ["计划", 5, ["一", "二"], dt.date(2025, 1, 2)]],
        preamble=[["校验结果"], ["未通过：错误 2 个"]],
        widths=(18, 6, 24, 20),
        row_fills={0: FILL_ERROR, 1: FILL_WARNING, 3: FILL_ERROR},
        text_columns=(2,),
    )


def test_a_new_sheet_is_written_in_one_call_with_values_kept_as_text() -> None:
    fake = FakeBook({"名录": [["a"]]})
    name = XlwingsBook(fake).add_sheet(_sheet_out())
    assert name == "校验结果"
    assert fake.counts["value writes"] == 1
    ws = fake.sheets["校验结果"]
    assert ws.grid() == [
        ["校验结果", None, None, None],
        ["未通过：错误 2 个", None, None, None],
        ["工作表", "行", "值", "代码"],
        ["名录", 2.0, "0012", "schema.required"],  # a code stays text: the column is formatted "@"
        ["名录", 3.0, "=HYPERLINK(\"x\")", "id.uscc"],  # a user's text never becomes a formula
        ["名录", 4.0, "+86 123", "x"],
        ["计划", 5.0, "一、二", dt.datetime(2025, 1, 2)],
    ]
    assert not any(isinstance(v, Formula) for v in ws.values.values())
    assert ws.formats[(4, 3)] == "@"
    assert ws.bold[(3, 1)] is True
    assert ws.colors[(3, 4)] == (0xD9, 0xE1, 0xF2) == tuple(int(FILL_HEADER[i:i + 2], 16) for i in (0, 2, 4))
    assert ws.colors[(4, 1)] == (0xFF, 0xC7, 0xCE)  # row fills by severity
    assert ws.colors[(5, 4)] == (0xFF, 0xEB, 0x9C)
    assert (6, 1) not in ws.colors
    assert ws.widths == {1: 18, 2: 6, 3: 24, 4: 20}
    assert ws.autofilter == "A3:D7"
    assert fake.app.api.ActiveWindow.frozen == {"校验结果": 3}  # the header stays visible


def test_a_hidden_sheet_out_is_hidden() -> None:
    fake = FakeBook({"名录": [["a"]]})
    XlwingsBook(fake).add_sheet(SheetOut("内部", ("a",), [], hidden=True, autofilter=False, freeze_header=False))
    assert fake.sheets["内部"].api.Visible == 0


def test_marks_colour_cells_in_bulk_and_attach_notes() -> None:
    fake = FakeBook({"名录": [["代码"]] + [[str(i)] for i in range(300)]})
    marks = [CellMark("名录", r, "A", FILL_ERROR if r % 2 else FILL_WARNING, f"第{r}行有误") for r in range(2, 302)]
    marks.append(CellMark("不存在", 2, "A", FILL_ERROR, "ignored"))
    XlwingsBook(fake).mark_cells(marks)
    ws = fake.sheets["名录"]
    assert ws.colors[(3, 1)] == (0xFF, 0xC7, 0xCE)
    assert ws.colors[(2, 1)] == (0xFF, 0xEB, 0x9C)
    assert fake.counts["color sets"] <= 12  # multi-area ranges, not one call per cell
    assert ws.comments[(5, 1)].Text() == NOTE_PREFIX + "第5行有误"
    assert ws.values[(5, 1)] == "3"  # values untouched


def test_a_note_the_user_wrote_is_kept_and_our_old_note_replaced() -> None:
    fake = FakeBook({"名录": [["代码"], ["x"], ["y"]]})
    adapter = XlwingsBook(fake)
    ws = fake.sheets["名录"]
    ws.range("A2").api.AddComment("用户自己的批注")
    ws.range("A3").api.AddComment(NOTE_PREFIX + "上次的校验")
    adapter.mark_cells([CellMark("名录", 2, "A", FILL_ERROR, "新问题"), CellMark("名录", 3, "A", FILL_ERROR, "新问题")])
    assert ws.comments[(2, 1)].Text() == "用户自己的批注"
    assert ws.comments[(3, 1)].Text() == NOTE_PREFIX + "新问题"
    assert ws.colors[(2, 1)] == ws.colors[(3, 1)] == (0xFF, 0xC7, 0xCE)


def test_notes_stop_at_the_cap_but_every_cell_is_coloured() -> None:
    n = MAX_NOTES + 10
    fake = FakeBook({"名录": [["代码"]] + [["x"]] * n})
    XlwingsBook(fake).mark_cells([CellMark("名录", r, "A", FILL_ERROR, "x") for r in range(2, n + 2)])
    ws = fake.sheets["名录"]
    assert len(ws.comments) == MAX_NOTES
    assert len(ws.colors) == n


def test_joined_addresses_stay_under_excels_limit_and_keep_every_cell() -> None:
    cells = [f"AB{r}" for r in range(1, 400)]
    groups = join_addresses(cells)
    assert all(len(g) <= 255 for g in groups)
    assert ",".join(groups).split(",") == cells


@pytest.mark.parametrize(
    ("value", "sent"),
    [("0012", "'0012"), ("=SUM(A1)", "'=SUM(A1)"), ("-3", "'-3"), ("@x", "'@x"), ("2024-05-01", "'2024-05-01"),
     ("TRUE", "'TRUE"), ("12%", "'12%"), ("甲单位", "甲单位"), ("91110000600037341L", "91110000600037341L"),
     ("", ""), (3, 3), (None, None), (dt.date(2024, 5, 1), dt.datetime(2024, 5, 1)), (["a", "b"], "a、b")],
)
def test_values_are_protected_from_excels_coercions(value: Any, sent: Any) -> None:
    assert excel_value(value) == sent


def test_caller_without_xlwings_explains_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xlwings", None)  # import fails as when the extra is not installed
    with pytest.raises(AddinError) as err:
        XlwingsBook.caller()
    assert err.value.code == "excel.no-xlwings"
    assert "ssj-addin[excel]" in err.value.message


def test_an_empty_sheet_reads_as_an_empty_table() -> None:
    table = XlwingsBook(FakeBook({"空": []})).read_table("空")
    assert (table.header, table.rows) == ((), ())
