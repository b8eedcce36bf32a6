"""Cell-level codes (schema.*, id.*) and what a user expects to be accepted without complaint."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sample_books import (
    INSPECTOR_HEADER,
    TARGET_HEADER,
    TODAY,
    flat,
    good_sheets,
    idcard,
    issues_of,
    only,
    set_cell,
    uscc,
    wrong_check,
)

from addin.adapters.memory import MemoryBook
from addin.core import ids
from addin.core.table import Table
from addin.core.validation import read_sheet
from addin.schemas import load_schemas

T, INS, P = "检查对象名录库", "执法检查人员名录库", "年度抽查计划"


def test_each_schema_code_on_the_targets() -> None:
    sheets = only(good_sheets(), T)
    set_cell(sheets, T, 2, "单位名称", None)  # required
    set_cell(sheets, T, 3, "经营状态", "倒闭")  # enum
    set_cell(sheets, T, 4, "统一社会信用代码", "91-1100")  # pattern
    set_cell(sheets, T, 5, "统一社会信用代码", wrong_check(uscc(4)))  # checksum
    assert flat(sheets) == [
        (T, 2, "B", "schema.required"),
        (T, 3, "H", "schema.enum"),
        (T, 4, "A", "schema.pattern"),
        (T, 5, "A", "id.uscc-checksum"),
    ]


def test_uscc_warnings_inner_code_and_legacy_registration_number() -> None:
    sheets = only(good_sheets(), T)
    first17 = "91110000" + "12345678" + "0"  # inner 组织机构代码 with a wrong check digit
    inner_wrong = first17 + ids.uscc_check_char(first17)
    set_cell(sheets, T, 2, "统一社会信用代码", inner_wrong)
    set_cell(sheets, T, 3, "统一社会信用代码", "110105000123456")
    found = issues_of(sheets)
    assert [i.flat() for i in found] == [(T, 2, "A", "id.uscc-inner"), (T, 3, "A", "id.uscc-legacy")]
    assert all(not i.is_error for i in found)


def test_idcard_checksum_and_birthdate_with_the_number_masked() -> None:
    sheets = only(good_sheets(), INS)
    bad_check = wrong_check(idcard(1), "0123456789X")
    future = "110105" + "20990101" + "001"
    future += ids.idcard_check_char(future)
    set_cell(sheets, INS, 2, "身份证号", bad_check)
    set_cell(sheets, INS, 3, "身份证号", future)
    found = issues_of(sheets)
    assert [i.flat() for i in found] == [(INS, 2, "B", "id.idcard-checksum"), (INS, 3, "B", "id.idcard-birthdate")]
    assert [i.value for i in found] == [bad_check[:4] + "*" * 10 + bad_check[-4:], future[:4] + "*" * 10 + future[-4:]]


def test_type_format_and_range() -> None:
    sheets = only(good_sheets(), INS, "设置")
    set_cell(sheets, INS, 2, "执法证有效期至", "明年")  # text that is no date
    set_cell(sheets, INS, 3, "执法证有效期至", 45000)  # a number where a date belongs
    sheets["设置"].append(["每组检查人员数", "两人"])
    sheets["设置"].append(["结果公示时限（工作日）", 500])
    assert flat(sheets) == [
        ("设置", 5, "B", "schema.type"),
        ("设置", 6, "B", "schema.range"),
        (INS, 2, "D", "schema.format"),
        (INS, 3, "D", "schema.type"),
    ]


def test_what_a_user_types_is_understood() -> None:
    """Lower-case and full-width codes, stray and full-width spaces in headers, whole-number floats, blank
    trailing rows, aliases and full-width enum values, several separators in multi-value cells."""
    sheets = only(good_sheets(), T, INS)
    set_cell(sheets, T, 2, "统一社会信用代码", uscc(1).lower())
    set_cell(sheets, T, 3, "统一社会信用代码", "".join(chr(ord(c) + 0xFEE0) for c in uscc(2)))  # full width
    set_cell(sheets, T, 3, "信用风险分类", "ｂ类")
    set_cell(sheets, T, 4, "经营状态", "存续")
    sheets[T][0] = [f" {h}\u3000" for h in TARGET_HEADER]
    sheets[T][0][0] = "统一社会 信用代码"
    sheets[T] += [[None] * len(TARGET_HEADER)] * 3
    sheets[INS][0] = [*INSPECTOR_HEADER]
    set_cell(sheets, INS, 2, "执法证号", 1001.0)  # Excel stored the code as a number
    set_cell(sheets, INS, 2, "专业领域", "公共场所，饮用水\n职业病防治；公共场所")
    assert flat(sheets) == []
    read = read_sheet(_table(sheets, T), load_schemas()["targets"], today=TODAY)
    assert [r.get("统一社会信用代码") for r in read.records][:2] == [uscc(1), uscc(2)]
    assert read.records[1].get("信用风险分类") == "B"
    assert read.records[2].get("经营状态") == "在营"
    inspectors = read_sheet(_table(sheets, INS), load_schemas()["inspectors"], today=TODAY)
    assert inspectors.records[0].get("执法证号") == "1001"
    assert inspectors.records[0].get("专业领域") == ["公共场所", "生活饮用水", "职业卫生"]


def test_dates_typed_as_text_are_dates_with_a_warning() -> None:
    sheets = only(good_sheets(), INS)
    set_cell(sheets, INS, 2, "执法证有效期至", "2026/5/1")
    set_cell(sheets, INS, 3, "执法证有效期至", "2026年5月1日")
    set_cell(sheets, INS, 4, "执法证有效期至", "２０２６-05-01")
    assert flat(sheets) == [
        (INS, 2, "D", "schema.date-as-text"),
        (INS, 3, "D", "schema.date-as-text"),
        (INS, 4, "D", "schema.date-as-text"),
    ]
    read = read_sheet(_table(sheets, INS), load_schemas()["inspectors"], today=TODAY)
    assert {r.get("执法证有效期至") for r in read.records} == {dt.date(2026, 5, 1)}


def test_percentages_as_a_user_means_them() -> None:
    sheets = only(good_sheets(), P)
    for row, typed in zip(range(2, 4), ("30%", 30), strict=True):
        set_cell(sheets, P, row, "抽查比例", typed)
    sheets[P].append([*sheets[P][2]])
    sheets[P][3][0] = "T03"
    set_cell(sheets, P, 4, "抽查比例", "0.3")
    read = read_sheet(_table(sheets, P), load_schemas()["plan"], today=TODAY)
    assert [r.get("抽查比例") for r in read.records] == [Decimal("0.3")] * 3
    assert [r.get("抽查事项") for r in read.records] == [["S01"], ["S02"], ["S02"]]


def test_blank_rows_in_the_middle_keep_the_row_numbers() -> None:
    sheets = only(good_sheets(), T)
    sheets[T].insert(2, [None] * len(TARGET_HEADER))
    set_cell(sheets, T, 4, "单位名称", None)
    assert flat(sheets) == [(T, 4, "B", "schema.required")]


def _table(sheets: dict[str, list[list[object]]], name: str) -> Table:
    return MemoryBook(sheets).read_table(name)


def test_fast_check_digits_agree_with_the_reference() -> None:
    """The C-speed check characters of the validation equal :mod:`addin.core.ids` (GB 32100, GB 11714), and a
    code accepted in bulk is exactly a code the rule accepts as it stands, without any finding."""
    import random

    from addin.core import ids
    from addin.core.validation.rules import compile_field, uscc_check_char, uscc_inner_ok, valid_usccs

    rnd = random.Random(11)
    def draw(n: int, chars: str = ids.USCC_CHARSET) -> str:
        return "".join(rnd.choice(chars) for _ in range(n))

    codes = [draw(2) + draw(6, "0123456789") + draw(10) for _ in range(20_000)]  # well-formed, random
    assert all(uscc_check_char(c) == ids.uscc_check_char(c[:17]) for c in codes)
    assert all(uscc_inner_ok(c) == ids.uscc_inner_ok(c) for c in codes)
    fixed = [c[:17] + ids.uscc_check_char(c[:17]) for c in codes]  # right check character, inner code mostly not
    mixed = codes + fixed + [uscc(n) for n in range(2000)] + [uscc(1).lower(), " " + uscc(2), "110105000123456"]
    check = compile_field(load_schemas()["targets"].field("统一社会信用代码"))
    accepted = [c for c in mixed if (out := check(c, TODAY)).value == c and not out.findings]
    assert len(accepted) > 2500  # the generated ones and about 1 in 11 of the fixed ones
    assert valid_usccs(mixed) == accepted
