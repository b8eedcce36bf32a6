"""Header detection, sheet recognition and column mapping on the first rows of real-world layouts (pure core)."""

from __future__ import annotations

import pytest

from addin.core.layout import (
    ALIAS,
    BY_ALIAS,
    BY_COLUMNS,
    BY_NAME,
    CLASH,
    EXACT,
    MAPPING,
    ROW_NUMBER,
    UNUSED,
    ColumnMapping,
    SheetMapping,
    header_key,
    sheet_layout,
    vocabularies,
)
from addin.core.layout.notes import note_reason
from addin.core.layout.vocabulary import Column, Vocabulary
from addin.schemas import load_schemas

VOCABS = vocabularies(load_schemas())


def numbered(*rows: list[object]) -> list[tuple[int, list[object]]]:
    return list(enumerate(rows, start=1))


def columns(layout: object) -> list[tuple[str, str, str | None, str]]:
    return [(c.letter, c.source, c.field, c.how) for c in layout.columns]  # type: ignore[attr-defined]


def test_a_merged_title_and_a_row_number_column_move_the_header_to_row_2() -> None:
    head = numbered(["XX县卫生健康局检查对象名录库", None, None],
                    ["序号", "统一社会信用代码", "单位名称", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态"],
                    [1, "91110000600037341L", "甲", "某路1号", "城关镇", "公共场所", "公卫股", "在营"])
    layout = sheet_layout("检查对象名录库", head, VOCABS)
    assert (layout.kind, layout.header_row, layout.found_by, layout.group_row) == ("targets", 2, BY_NAME, None)
    assert layout.reason == "工作表名称即“检查对象名录库”"
    assert columns(layout)[:3] == [("A", "序号", None, ROW_NUMBER), ("B", "统一社会信用代码", "统一社会信用代码", EXACT),
                                   ("C", "单位名称", "单位名称", EXACT)]
    assert layout.header() == ("", "统一社会信用代码", "单位名称", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态")
    assert layout.skipped == ()
    assert layout.issues == ()


def test_a_platform_export_named_sheet1_is_recognised_by_its_columns_with_the_reason() -> None:
    head = numbered(["企业名称", "注册号/统一社会信用代码", "登记机关", "管辖单位"], ["甲", "91110000600037341L", "局", "所"])
    layout = sheet_layout("Sheet1", head, VOCABS)
    assert (layout.kind, layout.header_row, layout.found_by) == ("targets", 1, BY_COLUMNS)
    assert layout.reason == "按列识别：第 1 行的 单位名称、统一社会信用代码 2 列与“检查对象名录库”相符"
    assert columns(layout) == [("A", "企业名称", "单位名称", ALIAS),
                               ("B", "注册号/统一社会信用代码", "统一社会信用代码", ALIAS),
                               ("C", "登记机关", None, UNUSED), ("D", "管辖单位", None, UNUSED)]


def test_the_provincial_template_skips_its_notes_row_and_its_sample_row() -> None:
    head = numbered(["市场监管领域执法人员数据库"],
                    ["单位工号", "姓名", "身份证号", "所在业务部门（机构）", "执法证编号", "执法证有效期", "执法人员状态"],
                    ["选填", "必填", "必填", "必填", "必填", "格式：YYYY-MM-DD", "必填，下拉选择"],
                    ["案例（请删除）", "张三", "110105194912310021", "综合股", 12345678, "2025-12-31", "有效"],
                    ["GH001", "张一", "110105198001010019", "公卫股", 10010001, "2026-12-31", "有效"])
    layout = sheet_layout("人员名录库", head, VOCABS)
    assert (layout.kind, layout.header_row, layout.found_by) == ("inspectors", 2, BY_ALIAS)
    assert layout.reason == "工作表名称“人员名录库”是“执法检查人员名录库”的别名"
    assert [(s.row, s.reason, s.text) for s in layout.skipped] == [(3, "填写提示", "选填"), (4, "示例行", "案例（请删除）")]
    assert [(i.code, i.row) for i in layout.issues] == [("row.not-data", 3), ("row.not-data", 4)]
    assert layout.positions() == {"姓名": 1, "身份证号": 2, "所属股室": 3, "执法证号": 4, "执法证有效期至": 5, "在岗状态": 6}


def test_a_two_row_header_with_merged_group_labels_is_read_as_one_row() -> None:
    head = numbered(["检查对象名录（2024年）"], ["填报单位：XX县卫生健康局"],
                    ["序号", "统一社会信用代码", "基本信息", None, None, None, "监管信息", None, None],
                    [None, None, "单位名称", "经营地址", "乡镇（街道）", "行业类别", "监管科室", "登记状态", "风险等级"],
                    [1, "91110000600037341L", "甲", "某路", "城关镇", "公共场所", "公卫股", "在营", "A"])
    layout = sheet_layout("检查对象", head, VOCABS)
    assert (layout.kind, layout.header_row, layout.group_row) == ("targets", 4, 3)
    assert [(c.letter, c.source, c.group, c.field) for c in layout.columns] == [
        ("A", "序号", "", None), ("B", "统一社会信用代码", "", "统一社会信用代码"), ("C", "单位名称", "基本信息", "单位名称"),
        ("D", "经营地址", "基本信息", "地址"), ("E", "乡镇（街道）", "基本信息", "所属乡镇"),
        ("F", "行业类别", "基本信息", "检查对象类别"), ("G", "监管科室", "监管信息", "监管股室"),
        ("H", "登记状态", "监管信息", "经营状态"), ("I", "风险等级", "监管信息", "信用风险分类")]


def test_a_published_item_list_without_codes_is_recognised_by_its_columns() -> None:
    head = numbered(["序号", "抽查类别", "抽查事项", "抽查内容", "检查对象", "事项类别", "检查方式", "抽查比例及频次", "检查时间",
                     "检查主体", "参检单位"])
    layout = sheet_layout("Sheet1", head, VOCABS)
    assert (layout.kind, layout.found_by) == ("items", BY_COLUMNS)
    assert layout.positions() == {"抽查事项": 2, "抽查内容": 3, "检查对象类别": 4, "事项类别": 5, "检查方式": 6,
                                  "发起部门": 9, "配合部门": 10}


def test_two_aliases_of_one_column_are_a_clash_never_a_guess() -> None:
    head = numbered(["统一社会信用代码", "企业名称", "经营地址", "注册地址"])
    layout = sheet_layout("检查对象名录库", head, VOCABS)
    assert columns(layout) == [("A", "统一社会信用代码", "统一社会信用代码", EXACT), ("B", "企业名称", "单位名称", ALIAS),
                               ("C", "经营地址", "地址", CLASH), ("D", "注册地址", "地址", CLASH)]
    assert "地址" not in layout.positions()
    assert layout.clashes == {"地址"}
    [clash] = layout.issues
    assert (clash.code, clash.row, clash.column, clash.field, clash.value) == (
        "sheet.column-clash", 1, "C", "地址", "经营地址（C 列）、注册地址（D 列）")


def test_the_standard_name_wins_over_an_alias_and_the_alias_is_reported() -> None:
    head = numbered(["统一社会信用代码", "企业名称", "单位名称"])
    layout = sheet_layout("检查对象名录库", head, VOCABS)
    assert layout.positions() == {"统一社会信用代码": 0, "单位名称": 2}
    assert [(i.code, i.column, i.params["used"]) for i in layout.issues] == [("sheet.alias-column-unused", "B", "C")]


def test_the_same_header_twice_uses_the_first_column() -> None:
    layout = sheet_layout("检查对象名录库", numbered(["统一社会信用代码", "单位名称", "单位名称"]), VOCABS)
    assert layout.positions()["单位名称"] == 1
    assert [(i.code, i.column) for i in layout.issues] == [("sheet.duplicate-column", "C")]


def test_a_sheet_that_fits_no_list_says_why() -> None:
    layout = sheet_layout("参数表", numbered(["执法人员状态", "性别"], ["有效", "男"]), VOCABS)
    assert layout.kind is None
    assert layout.reason == "未识别：第 1 行只有 在岗状态、性别 2 列与“执法检查人员名录库”相符，不足以判断是哪种名录"
    assert sheet_layout("空", [], VOCABS).reason == "未识别：前 30 行中没有可识别的表头"


def test_a_mapping_names_the_kind_and_the_columns() -> None:
    mapping = SheetMapping("", "导出", "targets", None,
                           {header_key("名称A"): "单位名称", header_key("代码X"): "统一社会信用代码", header_key("备用"): None})
    layout = sheet_layout("导出", numbered(["名称A", "代码X", "备用", "企业名称"]), VOCABS, mappings=[mapping])
    assert (layout.kind, layout.found_by, layout.reason) == ("targets", "mapping", "列名对照指定为“检查对象名录库”")
    assert [(c.source, c.field, c.how) for c in layout.columns] == [
        ("名称A", "单位名称", MAPPING), ("代码X", "统一社会信用代码", MAPPING), ("备用", None, "left-out"),
        ("企业名称", None, UNUSED)]


def test_a_mapping_made_for_another_file_applies_when_its_columns_fit() -> None:
    rows = ColumnMapping((SheetMapping("export_2024.xlsx", "Sheet1", None, None,
                                       {header_key("主体"): "单位名称", header_key("代码"): "统一社会信用代码"}),))
    found = rows.candidates("export_2025.xlsx", "Sheet1")
    layout = sheet_layout("Sheet1", numbered(["主体", "代码", "其他"]), VOCABS, mappings=found)
    assert (layout.kind, layout.positions()) == ("targets", {"单位名称": 0, "统一社会信用代码": 1})
    other = sheet_layout("Sheet1", numbered(["甲", "乙"]), VOCABS, mappings=found)
    assert other.kind is None


@pytest.mark.parametrize(("cells", "reason"), [
    (["案例（请删除）", "张三"], "示例行"),
    (["示例：", "91110000600037341L"], "示例行"),
    (["示例", "91110000600037341L", "示例县第一中学"], "示例行"),
    (["必填", "必填", "选填", "YYYY-MM-DD"], "填写提示"),
    ([1, 2, 3, 4, 5], "列序号"),
    (["(1)", "(2)", "(3)"], "列序号"),
    (["统一社会信用代码", "单位名称", "地址"], "重复的表头"),
    (["注：带*为必填项"], "填写说明"),
    (["填写说明：代码须为18位", None, None], "填写说明"),
])
def test_note_rows(cells: list[object], reason: str) -> None:
    found = note_reason(cells, ["统一社会信用代码", "单位名称", "地址", "所属乡镇", "x"])
    assert found is not None
    assert found[0] == reason


@pytest.mark.parametrize("cells", [
    ["91110000600037341L", "示例县第一中学", "示例县城关镇1号"],  # the example county's names are data
    [1, "91110000600037341L", "甲公司"],
    ["91110000600037341L", "必填科技有限公司"],
    ["T01", "91110000600037341L", "卫生健康局", "示例数据（虚构）"],  # a marker further right is a value
])
def test_data_rows_are_not_notes(cells: list[object]) -> None:
    assert note_reason(cells, ["统一社会信用代码", "单位名称", "地址"]) is None


def test_only_the_block_directly_under_the_header_is_looked_at() -> None:
    head = numbered(["统一社会信用代码", "单位名称"], ["91110000600037341L", "甲"], ["示例", "乙"])
    assert sheet_layout("检查对象名录库", head, VOCABS).skipped == ()


def test_header_texts_are_compared_without_spaces_markers_or_a_trailing_note() -> None:
    head = numbered(["*统一社会\n信用代码", "单位名称（必填）", "ＡＢＣ", "法定代表人（负责人）", "执法证有效期(YYYY-MM-DD)"])
    layout = sheet_layout("检查对象名录库", head, VOCABS)
    assert layout.positions() == {"统一社会信用代码": 0, "单位名称": 1, "法定代表人": 3}


def test_a_hand_built_vocabulary_reads_a_list_that_is_not_an_input_sheet() -> None:
    draws = Vocabulary("platform-draws", "平台抽取结果", [Column("任务名称", ("抽查任务名称",), True),
                                                    Column("统一社会信用代码", ("社会信用代码",), True)],
                       keys=[("任务名称", "统一社会信用代码")])
    layout = sheet_layout("结果", numbered(["标题"], ["抽查任务名称", "社会信用代码", "企业名称"]), {"d": draws})
    assert (layout.kind, layout.header_row, layout.positions()) == ("platform-draws", 2,
                                                                    {"任务名称": 0, "统一社会信用代码": 1})


def test_no_alias_names_two_columns_of_one_list_and_no_sheet_alias_two_lists() -> None:
    names: dict[str, str] = {}
    for vocab in VOCABS.values():  # building a Vocabulary refuses an alias of two columns
        for alias in (vocab.sheet, *vocab.sheet_aliases):
            assert names.setdefault(header_key(alias), vocab.kind) == vocab.kind, alias
