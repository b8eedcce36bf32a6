"""设置: 项目 / 值 rows parsed into Settings; a missing row takes the schema's default."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sample_books import TODAY

from addin.adapters.memory import MemoryBook
from addin.core.settings import Settings, parse_settings
from addin.schemas import load_schemas

SCHEMA = load_schemas()["settings"]


def parse(rows: list[list[object]]) -> tuple[Settings, list[tuple[str | None, int | None, str | None, str]]]:
    table = MemoryBook({"设置": [["项目", "值"], *rows]}).read_table("设置")
    settings, issues = parse_settings(table, SCHEMA, today=TODAY)
    return settings, [i.flat() for i in issues]


def test_missing_rows_take_the_defaults_of_the_schema() -> None:
    settings, issues = parse([["单位名称", "示例县卫生健康局"], ["年度", "2024"]])
    assert issues == []
    assert settings == Settings(unit_name="示例县卫生健康局", year=2024, coverage_target=Decimal("0.03"),
                                plan_publish_by="02-29", tasks_done_by="12-20", publish_working_days=20,
                                team_size=2, max_draws_per_year=1, reserves=2, max_load=40,
                                recuse_last_inspector=False)
    assert settings.tasks_deadline(2024) == dt.date(2024, 12, 20)
    assert parse_settings(None, SCHEMA, today=TODAY)[0].coverage_target == Decimal("0.03")


def test_values_as_users_type_them() -> None:
    settings, issues = parse([
        [" 单位名称 ", "示例县"], ["年度", 2025.0], ["年度抽查覆盖率目标", 5], ["任务完成截止", dt.date(2025, 12, 15)],
        ["计划公示截止", "3月1日"], ["每组检查人员数", "３"], ["上次检查人员回避", "y"], ["不认识的项目", "x"],
    ])
    assert issues == []
    assert (settings.year, settings.coverage_target, settings.tasks_done_by, settings.plan_publish_by,
            settings.team_size, settings.recuse_last_inspector) == (2025, Decimal("0.05"), "12-15", "03-01", 3, True)


def test_bad_values_are_reported_and_fall_back_to_the_default() -> None:
    settings, issues = parse([
        ["年度", "二〇二四"], ["任务完成截止", "02-30"], ["年度抽查覆盖率目标", "0%"], ["每组检查人员数", 1],
        ["每组检查人员数", 4],
    ])
    assert issues == [
        ("设置", None, None, "schema.required"),  # 单位名称: no row at all
        ("设置", 2, "B", "schema.type"),
        ("设置", 3, "B", "settings.invalid-value"),
        ("设置", 4, "B", "settings.invalid-value"),
        ("设置", 5, "B", "schema.range"),
        ("设置", 6, "A", "settings.duplicate-item"),
    ]
    assert (settings.year, settings.tasks_done_by, settings.coverage_target, settings.team_size) == (
        None, "12-20", Decimal("0.03"), 2)
