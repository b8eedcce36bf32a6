"""The committed template is generated from ``schemas/`` and carries every promised format and list."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.cli import main
from addin.schemas import load_schemas
from addin.templates import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    TEMPLATE_ROWS,
    build_template,
    describe_workbook,
    template_texts,
    write_template,
)

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "workbooks" / "templates" / "双随机工作簿模板.xlsx"
REGENERATE = "run scripts/make_template.py (python3 scripts/make_template.py) and commit the result"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = write_template(tmp_path_factory.mktemp("template") / "模板.xlsx")
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def committed() -> Workbook:
    assert COMMITTED.exists(), f"{COMMITTED.relative_to(ROOT)} is missing: {REGENERATE}"
    return openpyxl.load_workbook(COMMITTED)


def _differences(a: object, b: object, where: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        keys = list(dict.fromkeys([*a, *b]))
        return [d for k in keys for d in _differences(a.get(k), b.get(k), f"{where}/{k}")]
    if isinstance(a, list) and isinstance(b, list) and a != b:
        index = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        x, y = (a[index] if index < len(a) else "<none>"), (b[index] if index < len(b) else "<none>")
        return [f"{where}[{index}]: committed {y!r:.200} ≠ fresh {x!r:.200}"]
    return [] if a == b else [f"{where}: committed {b!r:.200} ≠ fresh {a!r:.200}"]


def test_committed_template_is_in_sync_with_the_schemas(fresh: Workbook, committed: Workbook) -> None:
    diffs = _differences(describe_workbook(fresh), describe_workbook(committed))
    diffs += _differences(template_texts(fresh), template_texts(committed))
    assert not diffs, f"the committed template is out of sync with schemas/: {REGENERATE}\n" + "\n".join(diffs[:10])


def test_every_input_sheet_has_its_headers_in_schema_order_and_a_frozen_header(fresh: Workbook) -> None:
    for schema in load_schemas().values():
        ws = fresh[schema.sheet]
        expected = ["项目", "值"] if schema.layout == "key-value" else [f.name for f in schema.fields]
        assert [c.value for c in ws[1]] == expected
        assert ws.freeze_panes == "A2"
    assert fresh.sheetnames[0] == INSTRUCTIONS_SHEET


def test_code_columns_are_text_and_date_columns_are_dates_for_every_template_row(fresh: Workbook) -> None:
    for schema in load_schemas().values():
        if schema.layout != "table":
            continue
        ws = fresh[schema.sheet]
        for index, spec in enumerate(schema.fields, start=1):
            formats = {ws.cell(row=r, column=index).number_format for r in range(2, TEMPLATE_ROWS + 2)}
            if spec.text:
                assert formats == {"@"}, (schema.sheet, spec.name)
            elif spec.format == "date":
                assert formats == {"yyyy-mm-dd"}, (schema.sheet, spec.name)
            assert ws.column_dimensions[ws.cell(row=1, column=index).column_letter].width == spec.width


def _list_values(wb: Workbook, formula: str) -> list[str]:
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, cells = formula.split("!")
    return [c.value for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row]


def _validation_of(wb: Workbook, sheet: str, cell: str) -> object:
    found = [dv for dv in wb[sheet].data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, (sheet, cell)
    return found[0]


def test_every_enumeration_has_a_drop_down_and_multi_value_cells_are_not_rejected(fresh: Workbook) -> None:
    for schema in load_schemas().values():
        for index, spec in enumerate(schema.fields):
            if not spec.enum:
                continue
            if schema.layout == "table":
                cell = f"{fresh[schema.sheet].cell(row=1, column=index + 1).column_letter}{TEMPLATE_ROWS + 1}"
            else:
                cell = f"B{index + 2}"
            dv = _validation_of(fresh, schema.sheet, cell)
            assert dv.type == "list"
            assert _list_values(fresh, dv.formula1) == list(spec.enum)
            # A 、-joined choice such as 公共场所、生活饮用水 must not raise Excel's error alert.
            assert bool(dv.showErrorMessage) is (not spec.multi), (schema.sheet, spec.name)


def test_date_and_integer_columns_carry_range_validations(fresh: Workbook) -> None:
    plan = fresh["年度抽查计划"]
    header = [c.value for c in plan[1]]
    start = _validation_of(fresh, "年度抽查计划", f"{plan.cell(row=1, column=header.index('开始日期') + 1).column_letter}2")
    assert (start.type, start.operator) == ("date", "between")
    times = _validation_of(fresh, "年度抽查计划", f"{plan.cell(row=1, column=header.index('频次') + 1).column_letter}2")
    assert (times.type, times.formula1, times.formula2) == ("whole", "1", "12")


def test_a_list_longer_than_excel_allows_inline_goes_to_the_hidden_list_sheet() -> None:
    schemas = load_schemas()
    targets = schemas["targets"]
    long_enum = tuple(f"很长的经营状态名称第{i}种" for i in range(40))
    fields = tuple(dataclasses.replace(f, enum=long_enum) if f.name == "经营状态" else f for f in targets.fields)
    wb = build_template({"targets": dataclasses.replace(targets, fields=fields)}, rows=10)
    assert wb.sheetnames[-1] == LISTS_SHEET
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    column = [f.name for f in fields].index("经营状态")
    dv = _validation_of(wb, "检查对象名录库", f"{wb['检查对象名录库'].cell(row=1, column=column + 1).column_letter}2")
    assert dv.formula1.startswith(f"'{LISTS_SHEET}'!")
    assert _list_values(wb, dv.formula1) == list(long_enum)


def test_settings_are_pre_filled_with_every_item_and_its_default(fresh: Workbook) -> None:
    settings = load_schemas()["settings"]
    rows = {r[0]: r[1] for r in fresh["设置"].iter_rows(min_row=2, values_only=True)}
    assert list(rows) == [f.name for f in settings.fields]
    assert rows["年度抽查覆盖率目标"] == pytest.approx(0.03)
    assert rows["任务完成截止"] == "12-20"
    assert rows["每组检查人员数"] == 2
    assert rows["单位名称"] is None


def test_instructions_describe_every_column_with_its_values_and_aliases(fresh: Workbook) -> None:
    rows = [r for r in fresh[INSTRUCTIONS_SHEET].iter_rows(values_only=True) if r[0]]
    for schema in load_schemas().values():
        start = rows.index(next(r for r in rows if r[0] == f"工作表：{schema.sheet}"))
        block = {r[0]: r for r in rows[start + 2 : start + 2 + len(schema.fields)]}
        assert list(block) == [f.name for f in schema.fields]
        for spec in schema.fields:
            _name, required, _kind, values, note = block[spec.name]
            assert required == ("是" if spec.required else "否")
            assert spec.description in note
            for value in spec.enum:
                assert value in values
            for alias in (spec.aliases or {}):
                assert alias in values
    status = next(r for r in rows if r[0] == "经营状态")
    assert "歇业＝停业" in status[3]


def test_a_fresh_template_reads_back_as_empty_sheets_with_the_right_headers(tmp_path: Path) -> None:
    path = write_template(tmp_path / "空白.xlsx")
    book = OpenpyxlBook.read(path)
    try:
        table = book.read_table("检查对象名录库")
    finally:
        book.close()
    assert table.header == tuple(f.name for f in load_schemas()["targets"].fields)
    assert table.rows == ()


def test_cli_writes_a_template_and_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "新模板.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames[:2] == [INSTRUCTIONS_SHEET, "设置"]
    assert main(["template", "--out", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert main(["template", "--out", str(out), "--force"]) == 0
    assert main(["template", "--out", str(tmp_path / "x.xls")]) == 2


def test_instructions_say_which_other_layouts_are_accepted(fresh: Workbook) -> None:
    from addin.core.instructions import OTHER_LAYOUTS

    texts = [str(r[0]) for r in fresh[INSTRUCTIONS_SHEET].iter_rows(values_only=True) if r[0]]
    assert all(line in texts for line in OTHER_LAYOUTS)
    rows = [r for r in fresh[INSTRUCTIONS_SHEET].iter_rows(values_only=True) if r[0]]
    start = rows.index(next(r for r in rows if r[0] == "工作表：检查对象名录库"))
    assert "监管对象库" in rows[start][1]
    name = next(r for r in rows[start:] if r[0] == "单位名称")
    assert "也认列名：企业名称、经营者名称" in name[4]
