"""A small 2024 county workbook for the freeze / draw tests, built cell by cell (valid codes, no errors).

- 公共场所: 24 targets in 城关镇 and 南河镇 across A/B/C/D/未分类, one 注销 (left out of the pool);
- 游泳场（馆）: 5 targets, one 停业; task T02 is joint: 卫生健康局 (YY01, 公共场所) + 市场监督管理局 (SC01,
  市场监管) + 体育局 as a 配合部门 without an item of its own;
- inspectors of the three departments; one 休假, one whose 执法证 expires before the tasks end;
- T03 (南河镇 only) starts in October: not in a May batch by default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from book_files import save_xlsx

from addin.core.ids import idcard_check_char, uscc_check_char
from addin.services.draw.draw import Drawn
from addin.services.draw.freeze import Frozen

D = dt.date
DAY = dt.date(2024, 5, 6)
FREEZE_TIME = dt.datetime(2024, 5, 6, 9, 0)
DRAW_TIME = dt.datetime(2024, 5, 6, 9, 30)
HEALTH, MARKET, SPORT = "卫生健康局", "市场监督管理局", "体育局"


def uscc(n: int) -> str:
    body = f"9114059{n:010d}"
    return body + uscc_check_char(body)


def idcard(n: int) -> str:
    body = f"14059919800101{n:03d}"
    return body + idcard_check_char(body)


CLASSES = ["A", "B", "C", "D", "未分类", None]
PUBLIC = [uscc(i) for i in range(1, 25)]
SWIM = [uscc(i) for i in range(101, 106)]
DEREGISTERED = PUBLIC[5]
CLOSED = SWIM[4]

SETTINGS = [("项目", "值"), ("单位名称", "测试县卫生健康局"), ("年度", 2024), ("联系人", "张三"),
            ("联系电话", "0356-1234567"), ("手机", "13812345678"), ("每组检查人员数", 2),
            ("同一对象年度抽查上限", 1), ("备选名单数", 2), ("每人检查上限", 40), ("上次检查人员回避", "否")]
TARGET_HEADER = ("统一社会信用代码", "单位名称", "主体类型", "法定代表人", "联系电话", "地址", "所属乡镇", "检查对象类别",
                 "监管股室", "经营状态", "信用风险分类")


def _targets() -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = [TARGET_HEADER]
    for i, code in enumerate(PUBLIC):
        town = "城关镇" if i % 3 else "南河镇"
        state = "注销" if code == DEREGISTERED else "在营"
        rows.append((code, f"测试宾馆{i + 1}", "企业", f"法人{i + 1}", f"1390000{i:04d}", f"{town}人民路{i + 1}号", town,
                     "公共场所", "公共卫生股", state, CLASSES[i % len(CLASSES)]))
    for i, code in enumerate(SWIM):
        state = "停业" if code == CLOSED else "在营"
        rows.append((code, f"测试游泳馆{i + 1}", "企业", f"馆长{i + 1}", f"1380000{i:04d}", f"城关镇体育路{i + 1}号", "城关镇",
                     "游泳场（馆）", "公共卫生股", state, "B"))
    return rows


INSPECTOR_HEADER = ("姓名", "身份证号", "性别", "执法证号", "执法证有效期至", "所属单位", "所属股室", "专业领域", "在岗状态")
ON_LEAVE = "ZF0007"
EXPIRING = "ZF0008"


def _inspectors() -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = [INSPECTOR_HEADER]
    people = [(f"ZF000{i}", HEALTH, "公共场所、生活饮用水") for i in range(1, 9)]
    people += [("ZF0101", MARKET, "市场监管"), ("ZF0102", MARKET, "市场监管"), ("ZF0103", MARKET, "市场监管"),
               ("ZF0201", SPORT, "体育"), ("ZF0202", SPORT, "体育")]
    for n, (licence, dept, fields) in enumerate(people, 1):
        valid = D(2024, 6, 30) if licence == EXPIRING else D(2030, 12, 31)
        status = "休假" if licence == ON_LEAVE else "在岗"
        rows.append((f"人员{n}", idcard(n), "男", licence, valid, dept, "监督科", fields, status))
    return rows


ITEMS = [
    ("事项编码", "抽查事项", "事项类别", "抽查内容", "检查对象类别", "抽查依据", "检查方式", "专业领域", "发起部门", "配合部门"),
    ("GG01", "公共场所卫生管理检查", "一般", "卫生许可证、从业人员健康合格证明、空气质量（温度、湿度）", "公共场所", "《公共场所卫生管理条例》",
     "实地检查", "公共场所", HEALTH, None),
    ("YY01", "游泳场（馆）卫生检查", "重点", "池水水质（余氯、pH 值）、浸脚消毒池", "游泳场（馆）", "《公共场所卫生管理条例》",
     "实地检查、检验检测", "公共场所", HEALTH, None),
    ("SC01", "市场主体登记事项检查（游泳场（馆））", "一般", "登记事项、年度报告公示信息", "游泳场（馆）", "《企业信息公示暂行条例》",
     "实地检查", "市场监管", MARKET, None),
]
PLAN_HEADER = ("任务编号", "抽查任务名称", "抽查类型", "抽查事项", "检查对象类别", "所属乡镇", "抽查比例", "A类比例", "B类比例",
               "C类比例", "D类比例", "频次", "开始日期", "结束日期", "发起部门", "配合部门", "信用风险分类要求")
PLAN = [
    PLAN_HEADER,
    ("T01", "对全县公共场所的抽查", "不定向", "GG01", "公共场所", None, "30%", "10%", None, None, "100%", 1,
     D(2024, 5, 1), D(2024, 11, 30), HEALTH, None, "A 类 10%，D 类 100%，其余 30%"),
    ("T02", "对全县游泳场（馆）的联合抽查", "不定向", "YY01、SC01", "游泳场（馆）", None, "100%", None, None, None, None, 1,
     D(2024, 5, 1), D(2024, 12, 20), HEALTH, f"{MARKET}、{SPORT}", None),
    ("T03", "对南河镇公共场所的专项抽查", "定向", "GG01", "公共场所", "南河镇", "50%", None, None, None, None, 1,
     D(2024, 10, 1), D(2024, 12, 20), HEALTH, None, None),
]
CONFLICTS = [("执法证号", "统一社会信用代码", "回避原因", "备注"), ("ZF0001", PUBLIC[0], "亲属", "配偶经营")]
RESULT_HEADER = ("任务编号", "统一社会信用代码", "检查日期", "检查人员", "检查方式", "检查结果", "录入部门")


def sheets(**changes: list[tuple[Any, ...]]) -> dict[str, list[tuple[Any, ...]]]:
    found: dict[str, list[tuple[Any, ...]]] = {
        "设置": list(SETTINGS), "检查对象名录库": _targets(), "执法检查人员名录库": _inspectors(), "回避关系": list(CONFLICTS),
        "抽查事项清单": list(ITEMS), "年度抽查计划": list(PLAN), "检查结果": [RESULT_HEADER],
    }
    found.update(changes)
    return found


def write_book(path: Path, content: dict[str, list[tuple[Any, ...]]] | None = None) -> Path:
    return save_xlsx(path, content or sheets())


def set_setting(rows: list[tuple[Any, ...]], name: str, value: Any) -> list[tuple[Any, ...]]:
    return [(k, value) if k == name else (k, v) for k, v in rows]


def read_sheet(path: Path, name: str) -> list[tuple[Any, ...]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb[name].iter_rows(values_only=True)]
    finally:
        wb.close()


def records(path: Path, name: str, header_row: int = 1) -> list[dict[str, Any]]:
    rows = read_sheet(path, name)[header_row - 1:]
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]


@dataclass(frozen=True)
class DrawnCase:
    """The workbook, its freeze and its draw (fixture ``drawn``)."""

    book: Path
    frozen: Frozen
    drawn: Drawn
