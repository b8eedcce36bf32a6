"""导入外部抽取 on the live workbook (the fake of xlwings) and the memory adapter: the lists of the 外部抽取 folder
beside the workbook become batches, as ``ssj import-draw`` records them; a list already recorded is skipped; a
list with a row the plan does not know is not recorded, and the message names the row."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from fake_xlwings import FakeBook

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "drawbook")]
import drawbook_cases as dc  # noqa: E402
from test_import_draw_cli import platform_list  # noqa: E402

from addin.adapters.memory import MemoryBook  # noqa: E402
from addin.adapters.openpyxl_book import OpenpyxlBook  # noqa: E402
from addin.adapters.xlwings_book import XlwingsBook  # noqa: E402
from addin.core.errors import AddinError  # noqa: E402
from addin.ports import WorkbookPort  # noqa: E402
from addin.ribbon.handlers import HANDLERS, Context, Outcome  # noqa: E402
from addin.services.import_draw import import_draw  # noqa: E402

NOW = dt.datetime(2024, 10, 9, 15, 0)
SWIM_TASK = "对全县游泳场（馆）的联合抽查"  # the plan's own name of T02
UNKNOWN = [["平台上的另一项任务", "测试宾馆7", dc.PUBLIC[6], "人员1（ZF0001）、人员2（ZF0002）", dc.HEALTH, "2024-10-08"]]


def _open(kind: str, file: Path) -> WorkbookPort:
    sheets = dc.sheets()
    if kind == "xlwings":
        return XlwingsBook(FakeBook({n: [list(r) for r in rows] for n, rows in sheets.items()}, fullname=str(file)))
    return MemoryBook(sheets)


def _press(book: WorkbookPort, file: Path | None) -> Outcome:
    return HANDLERS["importdraw"].run(Context(book, NOW.date(), path=file, now=NOW))


def _rows(book: WorkbookPort, sheet: str) -> list[dict[str, Any]]:
    return [row for _n, row in book.read_table(sheet).records()]


@pytest.mark.parametrize("kind", ["memory", "xlwings"])
def test_the_lists_beside_the_workbook_become_batches_once(kind: str, tmp_path: Path) -> None:
    file = dc.write_book(tmp_path / "测试县.xlsx")
    folder = file.parent / "外部抽取"
    folder.mkdir()
    good = platform_list(folder / "1-南河镇.xlsx", swim=SWIM_TASK)
    platform_list(folder / "2-另一项.xlsx", UNKNOWN, swim=SWIM_TASK)
    (folder / "~$1-南河镇.xlsx").write_bytes(b"owner")  # Excel's owner file: not a list
    (folder / "说明.txt").write_text("平台导出", encoding="utf-8")
    book = _open(kind, file)
    outcome = _press(book, file)
    assert outcome.exit_code == 1  # one list could not be recorded
    assert outcome.message.startswith("外部抽取：导入 1 份清单，1 份未导入。")
    assert "2-另一项.xlsx：未导入，1 行无法对应" in outcome.message
    assert "第 7 行 B 列" in outcome.message
    assert "请保存工作簿" in outcome.message
    (log,) = _rows(book, "抽取记录")
    assert log["类型"] == "external"
    # what the command line records from the same list
    out = tmp_path / "cli.xlsx"
    import_draw(file, good, out, now=NOW)
    reference = OpenpyxlBook.read(out)
    try:
        expected = _rows(reference, "检查安排")
    finally:
        reference.close()
    assert [r["统一社会信用代码"] for r in _rows(book, "检查安排")] == [r["统一社会信用代码"] for r in expected]
    assert [r["执法证号"] for r in _rows(book, "检查安排")] == [r["执法证号"] for r in expected]
    # pressed again: the recorded list is skipped, never recorded twice
    again = _press(book, file)
    assert "1-南河镇.xlsx：已作为批次“测试县卫生健康局-2024年第1批（外部抽取）”导入过，跳过。" in again.message
    assert len(_rows(book, "抽取记录")) == 1


def test_without_the_folder_it_says_where_to_put_the_lists(tmp_path: Path) -> None:
    file = dc.write_book(tmp_path / "测试县.xlsx")
    book = MemoryBook(dc.sheets())
    with pytest.raises(AddinError) as err:
        _press(book, file)
    assert "外部抽取" in err.value.message
    assert str(file.parent / "外部抽取") in err.value.message
    with pytest.raises(AddinError) as err:
        _press(book, None)
    assert err.value.code == "ribbon.not-saved"
    assert book.sheet_names() == list(dc.sheets())
