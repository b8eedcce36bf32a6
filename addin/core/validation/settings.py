"""设置 (settings): the unit's details and the working parameters, read from the 项目 / 值 sheet.

A missing row, a blank value or an unusable value takes the schema's default (contract: 年度抽查覆盖率目标 3 %,
计划公示截止 02-29 = 2月底前, 任务完成截止 12-20, 结果公示时限（工作日） 20, 每组检查人员数 2, 同一对象年度抽查上限 1 …).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue, sorted_issues
from addin.core.schema import SheetSchema
from addin.core.table import Table
from addin.core.validation.records import KeyValueRead, read_key_value


@dataclass(frozen=True, slots=True)
class Settings:
    unit_name: str | None = None
    year: int | None = None
    contact: str | None = None
    phone: str | None = None
    mobile: str | None = None
    coverage_target: Decimal = Decimal("0.03")  # 年度抽查覆盖率目标, a fraction of 1
    plan_publish_by: str = "02-29"  # 计划公示截止, MM-DD: 2月底前 (02-29 is the last day of February every year)
    tasks_done_by: str = "12-20"  # 任务完成截止, MM-DD
    publish_working_days: int = 20  # 结果公示时限（工作日）
    team_size: int = 2  # 每组检查人员数
    max_draws_per_year: int = 1  # 同一对象年度抽查上限
    reserves: int = 2  # 备选名单数
    max_load: int = 40  # 每人检查上限
    recuse_last_inspector: bool = False  # 上次检查人员回避
    randomness_sources: str | None = None  # 随机源 (the ribbon's 冻结名录: TYPE:ID、…)
    randomness_values: str | None = None  # 随机源取值 (the ribbon's 随机抽取: values in the same order)
    report_month: str | None = None  # 月报月份 (the ribbon's 填写月报: YYYY-MM; None = this month)
    coordinate: bool = True  # 协同抽取: tasks of one batch share their rank keys (进一次门、查多项事)
    publication_channel: str = "国家企业信用信息公示系统"  # 结果公示渠道 (the 抽查工作方案's 结果公示)
    publish_team_names: bool = False  # 公开检查人员姓名 (the public 抽查工作方案 lists team members' names)
    referral_feedback_days: int = 20  # 移送反馈时限（工作日）
    special_share: Decimal = Decimal("0.2")  # 专项检查建议比例, a fraction of 1
    special_min_targets: int = 3  # 专项检查建议最少户数
    licence_warning_days: int = 60  # 许可到期预警天数 (风险预警)
    repeat_problem_count: int = 2  # 多次发现问题预警次数
    high_risk_days: int = 365  # 高风险未检查预警天数
    never_inspected_days: int = 365  # 登记后未检查预警天数
    rate_rise_points: Decimal = Decimal(10)  # 问题率上升预警（百分点）
    rate_minimum: int = 10  # 问题率最少检查户次
    max_draws_a: int | None = None  # A类同一对象年度抽查上限 (None: 同一对象年度抽查上限)
    max_draws_b: int | None = None  # B类同一对象年度抽查上限
    max_draws_c: int | None = None  # C类同一对象年度抽查上限
    max_draws_d: int | None = None  # D类同一对象年度抽查上限
    unit_level: str | None = None  # 单位层级 (县 / 市 / 区 …: 月报表 says 县本级, 全县本系统; None: 本级, 本系统)

    @property
    def class_caps(self) -> dict[str, int]:
        """同一对象年度抽查上限 of the classes that have their own (A类同一对象年度抽查上限 …)."""
        given = zip("ABCD", (self.max_draws_a, self.max_draws_b, self.max_draws_c, self.max_draws_d), strict=True)
        return {c: v for c, v in given if v is not None}

    def cap_of(self, stratum: str) -> int:
        """同一对象年度抽查上限 of a class (its own when given)."""
        return self.class_caps.get(stratum, self.max_draws_per_year)

    def tasks_deadline(self, year: int) -> dt.date:
        """任务完成截止 in ``year`` (12-20 → 2024-12-20)."""
        return month_day(year, self.tasks_done_by)

    def plan_deadline(self, year: int) -> dt.date:
        """计划公示截止 in ``year``."""
        return month_day(year, self.plan_publish_by)


def month_day(year: int, text: str) -> dt.date:
    """``MM-DD`` in ``year``; 02-29 in a common year is the last day of February."""
    month, day = int(text[:2]), int(text[3:])
    if (month, day) == (2, 29) and not _leap(year):
        day = 28
    return dt.date(year, month, day)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# 项目 (Chinese, as in the schema) → Settings attribute.
ATTRIBUTES = {
    "单位名称": "unit_name",
    "年度": "year",
    "联系人": "contact",
    "联系电话": "phone",
    "手机": "mobile",
    "年度抽查覆盖率目标": "coverage_target",
    "计划公示截止": "plan_publish_by",
    "任务完成截止": "tasks_done_by",
    "结果公示时限（工作日）": "publish_working_days",
    "每组检查人员数": "team_size",
    "同一对象年度抽查上限": "max_draws_per_year",
    "备选名单数": "reserves",
    "每人检查上限": "max_load",
    "上次检查人员回避": "recuse_last_inspector",
    "随机源": "randomness_sources",
    "随机源取值": "randomness_values",
    "月报月份": "report_month",
    "协同抽取": "coordinate",
    "结果公示渠道": "publication_channel",
    "公开检查人员姓名": "publish_team_names",
    "移送反馈时限（工作日）": "referral_feedback_days",
    "专项检查建议比例": "special_share",
    "专项检查建议最少户数": "special_min_targets",
    "许可到期预警天数": "licence_warning_days",
    "多次发现问题预警次数": "repeat_problem_count",
    "高风险未检查预警天数": "high_risk_days",
    "登记后未检查预警天数": "never_inspected_days",
    "问题率上升预警（百分点）": "rate_rise_points",
    "问题率最少检查户次": "rate_minimum",
    "A类同一对象年度抽查上限": "max_draws_a",
    "B类同一对象年度抽查上限": "max_draws_b",
    "C类同一对象年度抽查上限": "max_draws_c",
    "D类同一对象年度抽查上限": "max_draws_d",
    "单位层级": "unit_level",
}
PERCENTS = ("年度抽查覆盖率目标", "专项检查建议比例")
"""设置 items that are a fraction of 1, above 0 % and at most 100 %."""
YES_NO = frozenset({"recuse_last_inspector", "coordinate", "publish_team_names"})


def defaults(schema: SheetSchema) -> Settings:
    """Settings with every default taken from the schema (``default`` of each property)."""
    values: dict[str, Any] = {}
    for spec in schema.fields:
        if spec.default is not None and spec.name in ATTRIBUTES:
            values[ATTRIBUTES[spec.name]] = _convert(ATTRIBUTES[spec.name], spec.default)
    return Settings(**values)


def _convert(attribute: str, value: Any) -> Any:
    if attribute in ("coverage_target", "special_share", "rate_rise_points"):
        return Decimal(str(value))
    if attribute in YES_NO:
        return value == "是" if isinstance(value, str) else bool(value)
    return value


def parse_settings(table: Table | None, schema: SheetSchema, *, today: dt.date) -> tuple[Settings, list[Issue]]:
    """设置 as a :class:`Settings` value plus the issues of its cells; ``table`` None → all defaults."""
    base = defaults(schema)
    if table is None:
        return base, []
    read = read_key_value(table, schema, today=today)
    return settings_from(read, base), sorted_issues([*read.issues, *_semantic_issues(read)])


def settings_from(read: KeyValueRead, base: Settings) -> Settings:
    values: dict[str, Any] = {}
    for name, value in read.values.items():
        attribute = ATTRIBUTES.get(name)
        if attribute is not None and value is not None and _usable(name, value):
            values[attribute] = _convert(attribute, value)
    fields = {a: getattr(base, a) for a in ATTRIBUTES.values()} | values
    return Settings(**fields)


def _usable(name: str, value: Any) -> bool:
    if name in ("计划公示截止", "任务完成截止"):
        return _real_month_day(value)
    if name in PERCENTS:
        return 0 < value <= 1
    return True


def _real_month_day(text: str) -> bool:
    try:
        month_day(2024, text)  # a leap year: 02-29 is a real day
    except ValueError:
        return False
    return True


def _semantic_issues(read: KeyValueRead) -> list[Issue]:
    """Values that pass the schema but make no sense: 02-30, a coverage target of 0 % or above 100 %."""
    found = []
    for name, value in read.values.items():
        if value is None or _usable(name, value):
            continue
        reason = "须为真实存在的月日，如 02-28" if name not in PERCENTS else "须大于 0% 且不超过 100%"
        shown = f"{value * 100:f}".rstrip("0").rstrip(".") + "%" if name in PERCENTS else value
        found.append(issue("settings.invalid-value", sheet=read.sheet, row=read.rows.get(name),
                           column=read.value_column, field=name, value=shown, reason=reason))
    return found

