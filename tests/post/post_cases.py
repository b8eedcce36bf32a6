"""A small 2025 county workbook after a draw: plan, registry, 检查安排 / 抽取记录 sheets and results.

Batch B0 was voided; batch B1 drew 4 targets. The results cover every case the post-draw steps handle:
an unpublished result past its 20-working-day limit across the National Day holiday, a problem past its
rectification deadline, a transfer to case handling, and results that contradict the draws.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from book_files import save_xlsx

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core.ids import uscc_check_char
from addin.services.post_book import PostInputs, load

D = dt.date


def uscc(n: int) -> str:
    body = f"9113062{n:010d}"
    return body + uscc_check_char(body)


U = [uscc(n) for n in range(1, 8)]  # U[0] … U[6]

SETTINGS = [("项目", "值"), ("单位名称", "示例县卫生健康局"), ("年度", 2025), ("联系人", "张三"),
            ("联系电话", "0312-7654321"), ("手机", "13800000000")]
ITEMS = [
    ("事项编码", "抽查事项", "事项类别", "抽查内容", "检查对象类别", "专业领域"),
    ("GG01", "公共场所卫生监督抽查", "一般", "卫生许可、从业人员健康证明、卫生管理制度、空气质量检测", "公共场所", "公共场所"),
    ("YY01", "游泳场（馆）取得许可证及卫生管理情况等的检查", "重点", "许可证、水质检测", "游泳场（馆）", "公共场所"),
    ("ZY01", "用人单位职业卫生监督检查", "一般", "职业病危害项目申报、职业健康监护、检测评价", "用人单位职业卫生", "职业卫生"),
]
PLAN_HEADER = ("任务编号", "抽查任务名称", "抽查类型", "抽查事项", "检查对象类别", "抽查比例", "频次", "开始日期",
               "结束日期", "发起部门", "配合部门", "信用风险分类要求")
RISK = "根据企业信用风险分类结果，结合行业监管风险分类，对低风险、一般风险、较高风险、高风险企业，分别递加抽查比例、频次。"
PLAN = [
    PLAN_HEADER,
    ("T01", "对全县公共场所的抽查", "不定向", "GG01", "公共场所", "30%", 1, D(2025, 5, 1), D(2025, 12, 20),
     "卫生监督所", None, RISK),
    ("T02", "对全县游泳场（馆）的抽查", "定向", "YY01", "游泳场（馆）", 1, 1, D(2025, 5, 1), D(2025, 12, 31),
     "示例县卫生健康局", "示例县市场监督管理局", RISK),
    ("T03", "对用人单位职业卫生的抽查", "定向", "ZY01", "用人单位职业卫生", "30%", 1, D(2025, 10, 1),
     D(2025, 12, 20), "职业健康股", None, RISK),
]
TARGETS = [("统一社会信用代码", "单位名称", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态", "信用风险分类",
            "联系电话")] + [
    (U[i], f"示例单位{i + 1}", "城关镇1号", "城关镇", "公共场所" if i != 3 else "游泳场（馆）", "卫生监督所",
     "在营", "C", "13912345678") for i in range(7)
] + [(uscc(100 + i), f"在营单位{i}", "城关镇", "城关镇", "公共场所", "卫生监督所", "在营", "A", None) for i in range(93)]
ARRANGEMENT = [
    ("抽取批次", "检查组", "统一社会信用代码", "单位名称", "所属乡镇", "检查对象类别", "任务编号", "抽查事项", "检查人员",
     "执法证号", "代表部门", "未满员", "候选与并列"),
    ("B0", "G1", U[4], "示例单位5", "城关镇", "公共场所", "T01", "GG01", "李四、王五", "A1、A2", "卫生监督所、卫生监督所", "否", ""),
    ("B1", "G1", U[0], "示例单位1", "城关镇", "公共场所", "T01", "GG01", "李四、王五", "A1、A2", "卫生监督所、卫生监督所", "否", ""),
    ("B1", "G2", U[1], "示例单位2", "城关镇", "公共场所", "T01", "GG01", "李四、赵六", "A1、A3", "卫生监督所、卫生监督所", "否", ""),
    ("B1", "G3", U[2], "示例单位3", "城关镇", "公共场所", "T01", "GG01", "王五、赵六", "A2、A3", "卫生监督所、卫生监督所", "否", ""),
    ("B1", "G4", U[3], "示例单位4", "城关镇", "游泳场（馆）", "T02", "YY01", "李四、孙七", "A1、M1",
     "示例县卫生健康局、示例县市场监督管理局", "否", ""),
]
LOG = [
    ("序号", "类型", "批次", "时间", "说明", "本条哈希", "上一条哈希", "内容(JSON)"),
    (0, "freeze", "B0", "2025-05-20T09:00:00+08:00", "冻结", "a" * 64, "0" * 64, "{}"),
    (1, "result", "B0", "2025-05-21T09:00:00+08:00", "抽取", "b" * 64, "a" * 64, "{}"),
    (2, "void", "B0", "2025-05-22T09:00:00+08:00", "名录有误，作废", "c" * 64, "b" * 64, "{}"),
    (0, "freeze", "B1", "2025-06-02T09:00:00+08:00", "冻结", "d" * 64, "0" * 64, "{}"),
    (1, "result", "B1", "2025-06-03T10:00:00+08:00", "抽取", "e" * 64, "d" * 64, "{}"),
]
RESULT_HEADER = ("任务编号", "统一社会信用代码", "检查日期", "检查人员", "检查方式", "检查结果", "后续处置", "问题描述",
                 "整改期限", "整改完成日期", "录入部门", "录入人", "录入日期", "公示日期", "公示渠道")
CHANNEL = "国家企业信用信息公示系统"
RESULTS = [
    RESULT_HEADER,
    # row 2: inspected on the Friday before National Day, unpublished: due 2025-10-30
    ("T01", U[0], D(2025, 9, 26), "A1、A2", "实地检查", "未发现问题", "无需后续处置", None, None, None, "卫生监督所",
     "李四", D(2025, 9, 26), None, None),
    # row 3: problem, deadline passed, published (alias 经责令 and 实地核查)
    ("T01", U[1], D(2025, 6, 10), "A1、A3", "实地核查", "发现问题经责令已改正", "责令改正", "从业人员无健康证明",
     D(2025, 6, 30), None, "卫生监督所", "赵六", D(2025, 6, 10), D(2025, 6, 20), CHANNEL),
    # row 4: joint task, transferred, entered by the partner department
    ("T02", U[3], D(2025, 6, 12), "A1、M1", "实地检查、检验检测", "发现问题待后续处理", "移送办案机构立案", "水质不合格",
     None, None, "示例县市场监督管理局", "孙七", D(2025, 6, 12), D(2025, 6, 25), "本局门户网站"),
    # row 5: the target was drawn only in the voided batch
    ("T01", U[4], D(2025, 6, 11), "A1、A2", "实地检查", "未发现问题", None, None, None, None, "卫生监督所", "李四",
     None, None, None),
    # row 6: never drawn
    ("T01", U[5], D(2025, 6, 11), "A1、A2", "实地检查", "未发现问题", None, None, None, None, "卫生监督所", "李四",
     None, None, None),
    # row 7: a stranger on the team and a department that is not the task's
    ("T01", U[2], D(2025, 6, 13), "A1、X9", "实地检查", "未发现问题", None, None, None, None, "办公室", "王五",
     None, None, None),
]
ACTIVITIES = [
    ("日期", "类型", "名称", "文号", "参训人数", "内容"),
    (D(2025, 6, 5), "会议", "全县“双随机、一公开”监管工作部署会", None, None, None),
    (D(2025, 6, 6), "文件", "关于开展2025年公共场所“双随机”抽查的通知", "示卫字〔2025〕8号", None, None),
    (D(2025, 6, 9), "发文", "关于做好安全生产工作的通知", "示卫字〔2025〕9号", None, None),
    (D(2025, 6, 18), "培训", "双随机业务培训班", None, 35, "平台操作与检查要点"),
    (D(2025, 7, 1), "会议", "七月例会", None, None, None),
]
HOLIDAYS = [("日期", "类型", "说明")]


def write_book(path: Path, sheets: dict[str, list[tuple[Any, ...]]]) -> Path:
    return save_xlsx(path, sheets)


def default_sheets() -> dict[str, list[tuple[Any, ...]]]:
    return {"设置": list(SETTINGS), "检查对象名录库": list(TARGETS), "抽查事项清单": list(ITEMS),
            "年度抽查计划": list(PLAN), "检查结果": list(RESULTS), "工作动态": list(ACTIVITIES),
            "节假日": list(HOLIDAYS), "抽取记录": list(LOG), "检查安排": list(ARRANGEMENT)}



def inputs_of(path: Path, today: dt.date) -> PostInputs:
    book = OpenpyxlBook.read(path)
    try:
        return load(book, today)
    finally:
        book.close()
