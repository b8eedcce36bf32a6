"""One inspection (检查户次) as the risk analysis counts it, and its verdict.

Verdict of a 检查结果 row (the outcomes are those of domain.md; aliases already resolved):

- **问题** (a problem found) — any of 发现问题已责令改正, 发现问题待后续处理, 未按规定公示应当公示的信息,
  公示信息隐瞒真实情况弄虚作假, 通过登记的住所（经营场所）无法联系, 不配合检查情节严重, or a 后续处置 other than
  无需后续处置;
- **无问题** — 未发现问题 and nothing of the above;
- **不计入** — only outcomes that say there was nothing to assess (未发现开展本次抽查涉及的经营活动,
  已关闭停业或正在组织清算, 注销, 被吊销, 被撤销, 迁出): such a visit says nothing about how often businesses
  that do operate break the rules, so it is left out of problem rates (it still counts as an inspection).

The target's 检查对象类别, 信用风险分类 and 所属乡镇 are those *at the time* when the source knows them (columns of
往年检查结果, or the registry of the earlier year's workbook), else those of this year's registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from addin.core.results import NO_FOLLOW_UP, NO_PROBLEM, ResultRecord

PROBLEMS = frozenset({
    "发现问题已责令改正", "发现问题待后续处理", "未按规定公示应当公示的信息", "公示信息隐瞒真实情况弄虚作假",
    "通过登记的住所（经营场所）无法联系", "不配合检查情节严重",
})
UNKNOWN = "未知"
UNCLASSIFIED = "未分类"
CLASS_ORDER = ("A", "B", "C", "D", UNCLASSIFIED)


class Verdict(StrEnum):
    PROBLEM = "问题"
    CLEAN = "无问题"
    NOT_ASSESSED = "不计入"


def verdict_of(outcomes: Iterable[str], follow_ups: Iterable[str] = ()) -> Verdict:
    """问题 / 无问题 / 不计入 of one result (module docstring)."""
    found = set(outcomes)
    if found & PROBLEMS or any(f and f != NO_FOLLOW_UP for f in follow_ups):
        return Verdict.PROBLEM
    return Verdict.CLEAN if NO_PROBLEM in found else Verdict.NOT_ASSESSED


@dataclass(frozen=True, slots=True)
class Profile:
    """What the analysis needs to know of a target: its name and groups (at the time of an inspection)."""

    name: str = ""
    category: str = UNKNOWN  # 检查对象类别
    stratum: str = UNCLASSIFIED  # 信用风险分类 A–D or 未分类
    town: str = UNKNOWN  # 所属乡镇
    office: str = UNKNOWN  # 监管股室


@dataclass(frozen=True, slots=True)
class Inspection:
    """A 检查结果 row of this year or an earlier one, with the target's profile and where it was read."""

    record: ResultRecord
    profile: Profile
    source: str  # "检查结果", "往年检查结果", or the file name of an earlier workbook

    @property
    def uscc(self) -> str:
        return self.record.uscc

    @property
    def day(self) -> dt.date | None:
        return self.record.inspected_on

    @property
    def year(self) -> int | None:
        return self.record.inspected_on.year if self.record.inspected_on else None

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.record.outcomes, self.record.follow_ups)


def stratum_of(value: object) -> str:
    """A 信用风险分类 cell → A/B/C/D or 未分类."""
    text = "" if value is None else str(value).strip().upper()
    return text if text in ("A", "B", "C", "D") else UNCLASSIFIED


def unique(inspections: Iterable[Inspection]) -> list[Inspection]:
    """The same inspection read twice (an earlier workbook given twice, or both in 往年检查结果 and in that
    workbook) counts once: one per (统一社会信用代码, 任务编号, 检查日期); the first one read wins."""
    seen: set[tuple[str, str, dt.date | None]] = set()
    found = []
    for item in inspections:
        key = (item.uscc, item.record.task_id, item.day)
        if key not in seen:
            seen.add(key)
            found.append(item)
    return found
