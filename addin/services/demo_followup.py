"""Demo data (演示数据) of the follow-up: 委托检测 on results and referrals (移送记录) of the problems found.

Deterministic like :mod:`addin.services.demo_results` (the row's own values pick its fate): among the demo results
of tasks that plan 检验检测 or 委托专业机构辅助, every third carries a report of a fictional laboratory (one in four
of them 不合格, which makes it a problem with its 问题事项); every referral the demo results declare (后续处置
移送办案机构立案) is registered in 移送记录 — some still waiting for feedback, some answered (已立案), some concluded
(已作出处理) — and one in three of them also goes to 联合惩戒 with its measure and implementing departments.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence

from addin.core.entrusted import ENTRUSTED_METHODS

MARK = "演示数据"
LAB = "示例市疾病预防控制中心"  # fictional
LAB_CERTIFICATE = "190599000101"  # fictional
EXECUTION = "示例县卫生健康综合行政执法队"
SANCTION = ("列入严重违法失信名单，限制参加政府采购", "示例县发展和改革局、示例县市场监督管理局")


def _fate(row: Mapping[str, object], salt: str) -> int:
    key = f"{salt}/{row['任务编号']}/{row['统一社会信用代码']}"
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)


def entrusted_tasks(tasks: Mapping[str, Sequence[str]], methods: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """任务编号 → the first of its items (事项编码) whose 检查方式 is an entrusted one."""
    found: dict[str, str] = {}
    for task_id, codes in tasks.items():
        code = next((c for c in codes if any(m in ENTRUSTED_METHODS for m in methods.get(c, ()))), None)
        if code is not None:
            found[task_id] = code
    return found


def add_tests(rows: list[dict[str, object]], entrusted: Mapping[str, str], today: dt.date) -> int:
    """Give every third demo result of an entrusted task a laboratory report; returns how many."""
    count = 0
    for row in rows:
        code = entrusted.get(str(row["任务编号"]))
        day = row["检查日期"]
        if code is None or not isinstance(day, dt.date) or _fate(row, "lab") % 3:
            continue
        report = day + dt.timedelta(days=7)
        if report > today:
            continue
        count += 1
        failed = _fate(row, "lab-result") % 4 == 0
        row |= {"检查方式": "实地检查、检验检测", "检测机构": LAB, "资质证书编号": LAB_CERTIFICATE,
                "报告编号": f"SJK-{day.year}-{count:04d}", "报告日期": report, "检测结论": "不合格" if failed else "合格"}
        if failed and row["检查结果"] == "未发现问题":
            row |= {"检查结果": "发现问题已责令改正", "后续处置": "责令改正", "问题描述": f"{MARK}：检测项目不合格",
                    "问题事项": code, "整改期限": day + dt.timedelta(days=30)}
    return count


def referral_rows(rows: Sequence[dict[str, object]], today: dt.date) -> list[dict[str, object]]:
    """移送记录 rows for the demo results that declare a referral to case handling."""
    found: list[dict[str, object]] = []
    for row in rows:
        day = row["检查日期"]
        if row.get("后续处置") != "移送办案机构立案" or not isinstance(day, dt.date):
            continue
        sent = day + dt.timedelta(days=3)
        if sent > today:
            continue
        number = len(found) + 1
        fate = _fate(row, "referral")
        ref: dict[str, object] = {"任务编号": row["任务编号"], "统一社会信用代码": row["统一社会信用代码"],
                                  "移送类型": "立案查处", "移送日期": sent, "接收机关": EXECUTION,
                                  "文书号": f"示卫移〔{day.year}〕{number}号", "承办股室": "法制股",
                                  "备注": MARK}
        stage = fate % 3  # 0 waiting, 1 answered (已立案), 2 concluded
        if stage >= 1 and sent + dt.timedelta(days=12) <= today:
            ref |= {"反馈日期": sent + dt.timedelta(days=12), "办理结果": "已立案"}
        if stage == 2 and sent + dt.timedelta(days=25) <= today:
            ref |= {"办理结果": "已作出处理", "办结日期": sent + dt.timedelta(days=25), "处理情况": f"{MARK}：警告、罚款"}
        found.append(ref)
        if fate // 3 % 3 == 0:
            found.append({"任务编号": row["任务编号"], "统一社会信用代码": row["统一社会信用代码"], "移送类型": "联合惩戒",
                          "移送日期": sent, "接收机关": SANCTION[1].split("、")[0], "文书号": f"示卫函〔{day.year}〕{number}号",
                          "惩戒措施": SANCTION[0], "实施部门": SANCTION[1], "承办股室": "法制股", "备注": MARK})
    return found
