"""The 列名对照 file: written after a read, corrected by the user, read back with ``--mapping`` and applied."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from layout.layout_books import new_book, platform_export, save

from addin.adapters.openpyxl_book import write_sheet
from addin.adapters.readers import open_reader
from addin.core.errors import AddinError
from addin.core.layout import MAPPING, vocabularies
from addin.schemas import load_schemas
from addin.services.column_mapping import mapping_sheet, read_mapping
from addin.services.layouts import book_sources

VOCABS = vocabularies(load_schemas())


def written_mapping(source: Path, target: Path) -> Path:
    sources = book_sources(open_reader(source), VOCABS)
    wb = new_book()
    write_sheet(wb.create_sheet("列名对照"), mapping_sheet([(source.name, s.layout) for s in sources], VOCABS))
    return save(wb, target)


def test_the_written_mapping_lists_every_column_with_its_standard_name(tmp_path: Path) -> None:
    path = written_mapping(platform_export(tmp_path / "export.xlsx"), tmp_path / "map.xlsx")
    ws = openpyxl.load_workbook(path)["列名对照"]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=2)]
    assert rows[0] == ("来源文件", "工作表", "识别为", "表头行", "列", "原列名", "标准列名", "说明")
    assert rows[1:] == [
        ("export.xlsx", "Sheet1", "检查对象名录库", 1, "A", "企业名称", "单位名称", "别名"),
        ("export.xlsx", "Sheet1", "检查对象名录库", 1, "B", "注册号/统一社会信用代码", "统一社会信用代码", "别名"),
        ("export.xlsx", "Sheet1", "检查对象名录库", 1, "C", "登记机关", None, "未使用，已保留"),
        ("export.xlsx", "Sheet1", "检查对象名录库", 1, "D", "管辖单位", None, "未使用，已保留"),
        ("export.xlsx", "Sheet1", "检查对象名录库", 1, "E", "登记状态", "经营状态", "别名")]


def test_a_corrected_mapping_applies_to_the_next_export_of_the_platform(tmp_path: Path) -> None:
    path = written_mapping(platform_export(tmp_path / "export_2024.xlsx"), tmp_path / "map.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["列名对照"]["G6"] = "监管股室"  # 管辖单位 is the 股室 that supervises
    wb["列名对照"]["G5"] = "不导入"
    wb.save(path)
    mapping = read_mapping(path, VOCABS)
    [source] = book_sources(open_reader(platform_export(tmp_path / "export_2025.xlsx")), VOCABS, mapping=mapping,
                            file="export_2025.xlsx")
    assert [(c.source, c.field, c.how) for c in source.layout.columns] == [
        ("企业名称", "单位名称", MAPPING), ("注册号/统一社会信用代码", "统一社会信用代码", MAPPING),
        ("登记机关", None, "left-out"), ("管辖单位", "监管股室", MAPPING), ("登记状态", "经营状态", MAPPING)]


def test_a_wrong_standard_name_is_refused_with_its_cell(tmp_path: Path) -> None:
    path = written_mapping(platform_export(tmp_path / "export.xlsx"), tmp_path / "map.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["列名对照"]["G6"] = "管辖股室"
    wb.save(path)
    with pytest.raises(AddinError) as caught:
        read_mapping(path, VOCABS)
    assert caught.value.code == "mapping.invalid"
    assert "列名对照 G6：列名对照的“标准列名”“管辖股室”无效：不是“检查对象名录库”的标准列名。" in str(caught.value)


def test_a_workbook_without_the_sheet_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AddinError) as caught:
        read_mapping(platform_export(tmp_path / "export.xlsx"), VOCABS)
    assert caught.value.code == "mapping.missing"


def test_a_sheet_not_recognised_is_named_in_the_mapping_and_read_as_that_list(tmp_path: Path) -> None:
    wb = new_book()
    ws = wb.create_sheet("数据")
    ws.append(["名称", "代码", "备注"])
    ws.append(["城关游泳馆", "91110000600037341L", ""])
    source = save(wb, tmp_path / "数据.xlsx")
    path = written_mapping(source, tmp_path / "map.xlsx")
    mapping = openpyxl.load_workbook(path)
    ws = mapping["列名对照"]
    assert [c.value for c in ws[3]][:3] == ["数据.xlsx", "数据", None]
    ws["C3"] = "检查对象名录库"
    ws.append(["数据.xlsx", "数据", None, None, None, "名称", "单位名称"])
    ws.append(["数据.xlsx", "数据", None, None, None, "代码", "统一社会信用代码"])
    mapping.save(path)
    [found] = book_sources(open_reader(source), VOCABS, mapping=read_mapping(path, VOCABS), file="数据.xlsx")
    assert (found.layout.kind, found.layout.found_by, found.layout.positions()) == (
        "targets", "mapping", {"单位名称": 0, "统一社会信用代码": 1, "备注": 2})
