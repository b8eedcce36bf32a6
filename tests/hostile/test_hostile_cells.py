"""No crash, whatever the cells hold (issue 12, point 3): numbers beyond the double range, 5,000-digit numbers,
control characters, formula error values and very long texts each become an issue at their cell; the JSON is
valid (no ``Infinity``), values are cut with a note of their full length, and the report workbook is written
with the illegal characters shown escaped."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hostile_cells import error, number, save_hostile_xlsx, text
from validation.sample_books import good_sheets

from addin.cli import main

T, ACTIVITIES, SETTINGS = "检查对象名录库", "工作动态", "设置"
LONG = "".join(chr(random.Random(12).randrange(0x4E00, 0x9FA5)) for _ in range(300_000))
# (sheet, Excel row, column letter, the cell as Excel writes it, the code it must give)
CELLS: list[tuple[str, int, str, Any, str]] = [
    (T, 2, "I", error("#N/A"), "schema.formula-error"),  # 信用风险分类 from a VLOOKUP that found nothing
    (T, 3, "A", error("#REF!"), "schema.formula-error"),
    (T, 4, "F", text("公共场所\x07"), "schema.label-normalised"),
    (T, 5, "A", text("9111\x0b0000"), "schema.pattern"),
    (T, 3, "C", text(LONG, "300,000 characters"), "schema.enum"),
    (ACTIVITIES, 2, "D", number("1e309"), "schema.type"),
    (ACTIVITIES, 3, "D", number("-1e309"), "schema.type"),
    (ACTIVITIES, 4, "D", "9" * 5000, "schema.range"),
    (ACTIVITIES, 5, "D", number("1e300"), "schema.range"),
    (ACTIVITIES, 6, "D", error("#DIV/0!", "A1/0"), "schema.formula-error"),
    (SETTINGS, 3, "B", number("1e309"), "schema.type"),  # 年度
]
COLUMNS = {T: ["统一社会信用代码", "单位名称", "主体类型", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态",
               "信用风险分类"]}


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sheets = good_sheets()
    sheets[ACTIVITIES] = [["日期", "类型", "名称", "参训人数"],
                          *[["2024-03-01", "培训", f"培训班{n}", 10] for n in range(5)]]
    for sheet, row, column, value, _code in CELLS:
        sheets[sheet][row - 1][ord(column) - ord("A")] = value
    return save_hostile_xlsx(tmp_path_factory.mktemp("cells") / "恶意单元格.xlsx", sheets)


def _strict(text_: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"JSON holds {constant}")
    return json.loads(text_, parse_constant=refuse)


def test_each_hostile_cell_is_an_issue_at_its_cell(hostile_book: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "校验结果.xlsx"
    code = main(["validate", str(hostile_book), "--json", "-", "--report", str(report), "--today", "2024-03-01"])
    out = capsys.readouterr()
    assert code == 1, out.err
    data = _strict(out.out)
    [found] = data["files"]
    assert found["status"] == "invalid"
    at = {(i["sheet"], i["row"], i["column"]): i for i in found["issues"]}
    for sheet, row, column, _value, wanted in CELLS:
        assert at[(sheet, row, column)]["code"] == wanted, (sheet, row, column, at.get((sheet, row, column)))
    assert "Traceback" not in out.err
    assert len(out.out) < 20_000
    assert len(out.err) < 20_000
    messages = {key: i["message"] for key, i in at.items()}
    assert "#N/A" in messages[(T, 2, "I")]
    assert "\\x07" in messages[(T, 4, "F")]
    assert "\x07" not in out.out.replace("\\u0007", "")
    assert "共 300000 个字符" in messages[(T, 3, "C")]
    assert len(messages[(T, 3, "C")]) < 1000
    assert "超出范围的极大数（∞）" in messages[(ACTIVITIES, 2, "D")]
    assert "极小数" in messages[(ACTIVITIES, 3, "D")]
    assert re.search(r"位数极多的整数（约 50\d\d 位）", messages[(ACTIVITIES, 4, "D")])
    assert "#DIV/0!" in messages[(ACTIVITIES, 6, "D")]
    assert isinstance(at[(T, 3, "C")]["value"], str)
    assert len(at[(T, 3, "C")]["value"]) < 1000

    wb = openpyxl.load_workbook(report, read_only=True)
    cells = [str(v) for ws in wb.worksheets for row_ in ws.iter_rows(values_only=True) for v in row_ if v is not None]
    wb.close()
    assert any("\\x07" in c for c in cells)  # the control character shown escaped in the report
    assert max(map(len, cells)) < 2000


def test_the_freeze_refuses_the_hostile_book_with_positions(hostile_book: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["freeze", str(hostile_book), "--out", str(tmp_path / "冻结.xlsx"), "--source", "test:1",
                 "--date", "2024-03-01"])
    out = capsys.readouterr()
    assert code == 1, out.err
    assert "Traceback" not in out.err
    assert "检查对象名录库 I2：“信用风险分类”的单元格是公式的错误值 #N/A" in out.err  # as validate reads it
    assert not (tmp_path / "冻结.xlsx").exists()
