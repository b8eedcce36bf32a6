"""The schemas are valid JSON Schema 2020-12 and carry what the contract binds."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from addin.schemas import SHEET_ORDER, load_schemas, raw_schemas

# contract.md: the input sheets and their required columns.
CONTRACT_REQUIRED = {
    "检查对象名录库": {"统一社会信用代码", "单位名称", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态"},
    "执法检查人员名录库": {"姓名", "身份证号", "执法证号", "执法证有效期至", "所属单位", "专业领域", "在岗状态"},
    "回避关系": {"执法证号", "统一社会信用代码", "回避原因"},
    "抽查事项清单": {"事项编码", "抽查事项", "事项类别", "检查对象类别", "专业领域"},
    "年度抽查计划": {"任务编号", "抽查任务名称", "抽查类型", "抽查事项", "检查对象类别", "抽查比例", "开始日期",
                 "结束日期", "发起部门"},
    "检查结果": {"任务编号", "统一社会信用代码", "检查日期", "检查人员", "检查方式", "检查结果", "录入部门"},
    "工作动态": {"日期", "类型", "名称"},
    "节假日": {"日期", "类型"},
}


@pytest.mark.parametrize("kind", SHEET_ORDER)
def test_schema_is_valid_2020_12(kind: str) -> None:
    raw = raw_schemas()[kind]
    assert raw["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(raw)


def test_required_columns_match_the_contract() -> None:
    found = {s.sheet: set(s.required) for s in load_schemas().values() if s.sheet in CONTRACT_REQUIRED}
    assert found == CONTRACT_REQUIRED


def test_every_column_has_a_chinese_description() -> None:
    missing = [(s.sheet, f.name) for s in load_schemas().values() for f in s.fields if not f.description]
    assert missing == []


def test_private_fields_include_personal_data_and_risk_class() -> None:
    schemas = load_schemas()
    assert schemas["targets"].field("信用风险分类").private
    assert schemas["targets"].field("联系电话").private
    assert schemas["inspectors"].field("身份证号").private
