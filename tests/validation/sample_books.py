"""Workbooks built inside the tests: a small county that validates clean, and helpers to spoil it.

Codes are generated with valid check digits (统一社会信用代码 with a consistent inner 组织机构代码, 身份证号
with a real birth date), so each test's literal list names exactly the problem it plants.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from addin.adapters.memory import MemoryBook
from addin.core import ids
from addin.core.issues import Issue
from addin.services.validate import validate_book

TODAY = dt.date(2024, 3, 1)
Flat = tuple[str | None, int | None, str | None, str]


def uscc(n: int, region: str = "110000") -> str:
    """A valid 18-character 统一社会信用代码 whose inner 组织机构代码 is consistent too."""
    org = f"{n:08d}"
    inner = org + ids.org_code_check_char(org)
    first17 = "91" + region + inner
    return first17 + ids.uscc_check_char(first17)


def idcard(n: int, born: str = "19800101") -> str:
    first17 = "110105" + born + f"{n:03d}"
    return first17 + ids.idcard_check_char(first17)


def wrong_check(code: str, charset: str = ids.USCC_CHARSET) -> str:
    """``code`` with another check character (a typo a checksum catches)."""
    last = code[-1]
    other = next(ch for ch in charset if ch != last)
    return code[:-1] + other


TARGET_HEADER = ["统一社会信用代码", "单位名称", "主体类型", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态",
                 "信用风险分类"]
INSPECTOR_HEADER = ["姓名", "身份证号", "执法证号", "执法证有效期至", "所属单位", "专业领域", "在岗状态"]
ITEM_HEADER = ["事项编码", "抽查事项", "事项类别", "检查对象类别", "专业领域"]
PLAN_HEADER = ["任务编号", "抽查任务名称", "抽查类型", "抽查事项", "检查对象类别", "所属乡镇", "抽查比例", "A类比例",
               "开始日期", "结束日期", "发起部门", "配合部门"]
CONFLICT_HEADER = ["执法证号", "统一社会信用代码", "回避原因"]


def good_sheets() -> dict[str, list[list[Any]]]:
    """A county that validates with no issue at all on :data:`TODAY`."""
    return {
        "设置": [["项目", "值"], ["单位名称", "示例县卫生健康局"], ["年度", 2024], ["年度抽查覆盖率目标", "3%"]],
        "检查对象名录库": [
            [*TARGET_HEADER],
            [uscc(1), "城关游泳馆", "企业", "城关镇幸福路1号", "城关镇", "游泳场（馆）", "公共卫生股", "在营", "A"],
            [uscc(2), "东关游泳馆", "企业", "城关镇东关街2号", "城关镇", "游泳场（馆）", "公共卫生股", "在营", "B"],
            [uscc(3), "南山宾馆", "个体工商户", "南山乡3号", "南山乡", "公共场所", "公共卫生股", "在营", None],
            [uscc(4), "北山浴池", "企业", "北山镇4号", "北山镇", "公共场所", "公共卫生股", "停业", "C"],
        ],
        "执法检查人员名录库": [
            [*INSPECTOR_HEADER],
            ["张一", idcard(1), "WJ001", dt.date(2026, 12, 31), "卫生健康局", "公共场所、生活饮用水", "在岗"],
            ["王二", idcard(2), "WJ002", dt.date(2026, 12, 31), "卫生健康局", "公共场所", "在岗"],
            ["李三", idcard(3), "TY001", dt.date(2026, 12, 31), "体育局", "体育", "在岗"],
        ],
        "回避关系": [[*CONFLICT_HEADER], ["WJ001", uscc(1), "亲属"]],
        "抽查事项清单": [
            [*ITEM_HEADER],
            ["S01", "游泳场所卫生检查", "一般", "游泳场（馆）", "公共场所"],
            ["S02", "公共场所卫生检查", "重点", "公共场所", "公共场所"],
        ],
        "年度抽查计划": [
            [*PLAN_HEADER],
            ["T01", "游泳场（馆）联合抽查", "定向", "S01", "游泳场（馆）", None, "50%", "5%",
             dt.date(2024, 5, 1), dt.date(2024, 9, 30), "卫生健康局", "体育局"],
            ["T02", "公共场所抽查", "不定向", "S02", "公共场所", "南山乡", 0.3, None,
             dt.date(2024, 4, 1), dt.date(2024, 11, 30), "卫生健康局", None],
        ],
    }


def book(sheets: dict[str, list[list[Any]]]) -> MemoryBook:
    return MemoryBook(sheets)


def issues_of(sheets: dict[str, list[list[Any]]], today: dt.date = TODAY) -> list[Issue]:
    return list(validate_book(book(sheets), today=today).issues)


def flat(sheets: dict[str, list[list[Any]]], today: dt.date = TODAY) -> list[Flat]:
    """The validation of ``sheets`` as (sheet, row, column, code) tuples, in report order."""
    return [i.flat() for i in issues_of(sheets, today)]


def set_cell(sheets: dict[str, list[list[Any]]], sheet: str, row: int, header: str, value: Any) -> None:
    """Put ``value`` in Excel row ``row`` under ``header`` (the header row is row 1)."""
    column = sheets[sheet][0].index(header)
    sheets[sheet][row - 1][column] = value


def only(sheets: dict[str, list[list[Any]]], *names: str) -> dict[str, list[list[Any]]]:
    return {name: rows for name, rows in sheets.items() if name in names}


