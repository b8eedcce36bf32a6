"""``ssj import``: per-股室 files, platform exports and several categories brought into one standard workbook —
every row with its origin, duplicates with both origins, 导入说明 and 列名对照 (corrected and passed back)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from layout.import_books import explained, office_file, records, sheet_rows, ssj
from layout.layout_books import TARGETS, home_made_registry, platform_export, provincial_inspectors
from validation.sample_books import uscc

from addin.services.validate import validate_path

T = "检查对象名录库"
TODAY = dt.date(2024, 3, 1)
HOSPITAL = (uscc(9), "县人民医院", "城关镇人民路9号", "城关镇")


def per_office(folder: Path) -> Path:
    """The registry kept by two 股室, each with its own title, column names and order; the hospital is listed by
    both, under 医疗机构 and under 放射卫生."""
    folder.mkdir()
    office_file(folder / "公共卫生股.xlsx", "公卫", "公共卫生股监管对象", [
        "社会信用代码", "企业名称", "经营地址", "乡镇（街道）", "行业类别", "监管科室", "登记状态", "风险等级"],
        [[*row[:7], row[7]] for row in TARGETS[:3]])
    office_file(folder / "医疗卫生股.xlsx", "医疗", "医疗卫生股检查对象", [
        "单位名称", "统一社会信用代码", "行业类别", "地址", "所属乡镇", "监管股室", "经营状态"],
        [[HOSPITAL[1], HOSPITAL[0], "医疗机构", HOSPITAL[2], HOSPITAL[3], "医疗卫生股", "存续（在营、开业、在册）"],
         [HOSPITAL[1], HOSPITAL[0], "放射卫生", HOSPITAL[2], HOSPITAL[3], "医疗卫生股", "在业"]])
    (folder / "~$公共卫生股.xlsx").write_bytes(b"owner")
    with zipfile.ZipFile(folder / "说明.docx", "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<document/>")
    return folder


def test_per_office_files_become_one_registry_with_each_rows_origin(tmp_path: Path) -> None:
    out = tmp_path / "名录.xlsx"
    assert ssj("import", per_office(tmp_path / "股室"), "--out", out) == 1  # 说明.docx was not read
    rows = records(out, T)
    assert [(r["统一社会信用代码"], r.get("检查对象类别"), r.get("经营状态"), r["来源文件"], r["来源工作表"], r["来源行"])
            for r in rows] == [
        (TARGETS[0][0], "游泳场（馆）", "在营", "公共卫生股.xlsx", "公卫", 4),
        (TARGETS[1][0], "游泳场（馆）", "在营", "公共卫生股.xlsx", "公卫", 5),
        (TARGETS[2][0], "公共场所", "在营", "公共卫生股.xlsx", "公卫", 6),
        (HOSPITAL[0], "医疗机构", "在营", "医疗卫生股.xlsx", "医疗", 4),
        (HOSPITAL[0], "放射卫生", "在营", "医疗卫生股.xlsx", "医疗", 5)]
    assert (rows[0]["单位名称"], rows[0]["监管股室"], rows[0]["信用风险分类"]) == ("城关游泳馆", "公共卫生股", "A")
    assert "序号" not in sheet_rows(out, T)[0]
    files = explained(out, "文件")
    assert [(Path(f).name, what) for f, _s, _p, what, _r in files] == [
        ("公共卫生股.xlsx", "读取 1 张工作表"), ("医疗卫生股.xlsx", "读取 1 张工作表"), ("说明.docx", "未读取"),
        ("1 个 ~$ 开头的文件", "未读取")]
    sheets = explained(out, "工作表")
    assert [(f, s, p, what) for f, s, p, what, _r in sheets] == [
        ("公共卫生股.xlsx", "公卫", "第 3 行", "识别为“检查对象名录库”，表头在第 3 行，导入 3 行"),
        ("医疗卫生股.xlsx", "医疗", "第 3 行", "识别为“检查对象名录库”，表头在第 3 行，导入 2 行")]
    assert ("公共卫生股.xlsx", "公卫", "B 列", "社会信用代码 → 统一社会信用代码", "别名") in explained(out, "列")
    assert ("公共卫生股.xlsx", "公卫", "A 列", "序号", "序号，未导入") in explained(out, "列")
    assert explained(out, "值的改写") == [
        ("", T, "经营状态", "在业 → 在营", "1 处"), ("", T, "经营状态", "存续（在营、开业、在册） → 在营", "1 处")]
    assert explained(out, "重复") == []
    [several] = explained(out, "多个类别")
    assert several[3:] == (f"{HOSPITAL[0]} 县人民医院", "列在 2 个检查对象类别下（医疗机构、放射卫生），按一个对象计："
                           "医疗卫生股.xlsx“医疗”第 4 行；医疗卫生股.xlsx“医疗”第 5 行")
    report = validate_path(out, today=TODAY)
    assert [i.code for i in report.issues if i.sheet == T] == []


def test_a_business_in_two_files_under_one_category_is_a_duplicate_with_both_origins(tmp_path: Path) -> None:
    home = home_made_registry(tmp_path / "2023.xlsx")
    again = office_file(tmp_path / "补录.xlsx", "Sheet1", "补录", ["统一社会信用代码", "单位名称", "地址", "所属乡镇",
                        "检查对象类别", "监管股室", "经营状态"], [list(TARGETS[1][:7])])
    out = tmp_path / "名录.xlsx"
    assert ssj("import", home, again, "--out", out) == 1
    assert explained(out, "重复") == [
        ("补录.xlsx", "Sheet1", "第 4 行", f"统一社会信用代码：{TARGETS[1][0]}",
         "与 2023.xlsx“名录”第 4 行相同（统一社会信用代码、检查对象类别），两行都已导入，请核对后删除一行")]
    assert len(records(out, T)) == 5  # never merged silently
    [dup] = [i for i in validate_path(out, today=TODAY).issues if i.code == "row.duplicate-key"]
    assert (dup.row, dup.params["first_row"]) == (6, 3)


def test_the_mapping_is_corrected_once_and_the_next_export_imports_in_one_step(tmp_path: Path,
                                                                                capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "第一次.xlsx"
    assert ssj("import", platform_export(tmp_path / "export_2024.xlsx"), "--out", first) == 1
    assert explained(first, "缺少必填列") == [
        ("export_2024.xlsx", "Sheet1", "", name, "来源中没有此列；导入后为空，请补填")
        for name in ("地址", "所属乡镇", "检查对象类别", "监管股室")]
    mapping = sheet_rows(first, "列名对照", 2)
    assert mapping[0] == ("来源文件", "工作表", "识别为", "表头行", "列", "原列名", "标准列名", "说明")
    assert mapping[4] == ("export_2024.xlsx", "Sheet1", "检查对象名录库", 1, "D", "管辖单位", None, "未使用，已保留")
    wb = openpyxl.load_workbook(first)
    wb["列名对照"]["G6"] = "监管股室"
    wb["列名对照"]["G5"] = "不导入"
    wb.save(first)
    capsys.readouterr()
    second = tmp_path / "第二次.xlsx"
    assert ssj("import", platform_export(tmp_path / "export_2025.xlsx"), "--mapping", first, "--out", second) == 1
    rows = records(second, T)
    assert [(r["单位名称"], r["监管股室"], r["经营状态"]) for r in rows] == [
        ("城关游泳馆", "城关市场监管所", "在营"), ("东关游泳馆", "城关市场监管所", "在营"),
        ("南山宾馆", "城关市场监管所", "吊销"), ("北山浴池", "城关市场监管所", "在营")]
    assert "登记机关" not in sheet_rows(second, T)[0]
    assert ("export_2025.xlsx", "Sheet1", "D 列", "管辖单位 → 监管股室", "列名对照") in explained(second, "列")
    assert "导入 检查对象名录库 4 行。" in capsys.readouterr().out


def test_into_adds_to_a_copy_of_the_workbook_and_keeps_its_other_sheets(tmp_path: Path) -> None:
    book = tmp_path / "工作簿.xlsx"
    assert ssj("import", home_made_registry(tmp_path / "甲.xlsx"), "--out", book) == 0
    wb = openpyxl.load_workbook(book)
    wb["设置"]["B2"] = "某县卫生健康局"
    wb.create_sheet("我的备注")["A1"] = "留着"
    wb.save(book)
    before = book.read_bytes()
    out = tmp_path / "合并.xlsx"
    assert ssj("import", provincial_inspectors(tmp_path / "人员.xlsx"), "--into", book, "--out", out) == 0
    assert book.read_bytes() == before
    result = openpyxl.load_workbook(out)
    assert result["设置"]["B2"].value == "某县卫生健康局"
    assert result["我的备注"]["A1"].value == "留着"
    assert [r["来源文件"] for r in records(out, T)] == ["甲.xlsx"] * 4  # the earlier import keeps its origins
    assert [(r["姓名"], r["执法证号"], r["来源行"]) for r in records(out, "执法检查人员名录库")] == [
        ("张一", "10010001", 5), ("王二", "10010002", 6), ("李三", "10010003", 7)]
    assert explained(out, "跳过的行") == [("人员.xlsx", "人员名录库", "第 3 行", "选填", "填写提示，未导入"),
                                      ("人员.xlsx", "人员名录库", "第 4 行", "案例（请删除）", "示例行，未导入")]
    # the rows of --into come first, the imported ones after them
    again = tmp_path / "再合并.xlsx"
    assert ssj("import", home_made_registry(tmp_path / "乙.xlsx"), "--into", book, "--out", again) == 1
    assert [r["来源文件"] for r in records(again, T)] == ["甲.xlsx"] * 4 + ["乙.xlsx"] * 4


def test_an_existing_output_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = home_made_registry(tmp_path / "home.xlsx")
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"mine")
    assert ssj("import", home, "--out", out) == 2
    assert out.read_bytes() == b"mine"
    assert "输出已存在" in capsys.readouterr().err
    assert ssj("import", home, "--out", out, "--force") == 0
    assert ssj("import", home, "--out", home, "--force") == 2
    assert ssj("import", tmp_path / "missing.xlsx", "--out", tmp_path / "x.xlsx") == 2
    assert "没有找到可导入的名录" in capsys.readouterr().err


def test_the_ribbon_button_imports_the_open_workbook_beside_it(tmp_path: Path) -> None:
    from addin.adapters.memory import MemoryBook
    from addin.ribbon.handlers import HANDLERS, Context

    path = platform_export(tmp_path / "平台导出.xlsx")
    outcome = HANDLERS["import"].run(Context(MemoryBook({"Sheet1": [["x"]]}), TODAY, path=path))
    target = tmp_path / "平台导出-导入-20240301.xlsx"
    assert outcome.exit_code == 1  # required columns the export does not have
    assert outcome.message.splitlines()[:3] == [
        "导入 检查对象名录库 4 行。", f"标准工作簿：{target}（读取的是已保存的文件，原工作簿未改动）",
        "· 缺少必填列：“Sheet1”没有“地址”，导入后为空"]
    assert len(records(target, T)) == 4
    wb = openpyxl.load_workbook(target)
    wb["列名对照"]["G6"] = "监管股室"
    wb.save(tmp_path / "列名对照.xlsx")
    again = HANDLERS["import"].run(Context(MemoryBook({}), TODAY, path=path))
    second = tmp_path / "平台导出-导入-20240301 (2).xlsx"
    assert "已按同一文件夹中的“列名对照.xlsx”对应列名。" in again.message
    assert [r["监管股室"] for r in records(second, T)] == ["城关市场监管所"] * 4


def test_into_a_sheet_in_another_column_order_rewrites_it_in_template_order(tmp_path: Path) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = T
    ws.append(["单位名称", "统一社会信用代码", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态"])
    ws.append([TARGETS[3][1], TARGETS[3][0], *TARGETS[3][2:7]])
    states = DataValidation(type="list", formula1='"在营,停业"')
    states.add("G2:G100")
    ws.add_data_validation(states)
    book = tmp_path / "旧.xlsx"
    wb.save(book)
    out = tmp_path / "新.xlsx"
    assert ssj("import", home_made_registry(tmp_path / "甲.xlsx"), "--into", book, "--out", out) == 1  # 北山浴池 twice
    result = openpyxl.load_workbook(out)[T]
    assert [c.value for c in result[1]][:3] == ["统一社会信用代码", "单位名称", "主体类型"]
    assert result.data_validations.dataValidation == []  # tied to the old letters: removed, not misplaced
    assert [(r["单位名称"], r["来源文件"], r["来源行"]) for r in records(out, T)][:2] == [
        ("北山浴池", "旧.xlsx", 2), ("城关游泳馆", "甲.xlsx", 3)]
