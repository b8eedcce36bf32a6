"""Building canonical files from raw registry rows: normalised, sorted, duplicates refused by name."""

from __future__ import annotations

import pytest

from addin.core.draw import (
    build_conflicts_tsv,
    build_plan_json,
    build_pool_tsv,
    build_randomness_json,
    build_roster_tsv,
    build_team_conflicts_tsv,
    parse_conflicts,
    parse_plan,
    parse_pool,
    parse_roster,
    parse_team_conflicts,
)
from addin.core.errors import AddinError


def test_pool_rows_are_normalised_and_sorted() -> None:
    data = build_pool_tsv([
        ("  91b2 ", "A", "公共场所/住宿/", "城关镇\u3000"),
        ("12a1", "U", "Cafe\u0301", None),
    ])
    assert data == "12A1\tU\tCafé\t\n91B2\tA\t公共场所/住宿/\t城关镇\n".encode()
    assert [t.entity_id for t in parse_pool(data)] == ["12A1", "91B2"]


def test_duplicates_after_normalising_are_refused_by_name() -> None:
    with pytest.raises(AddinError) as info:
        build_pool_tsv([("91b2", "A", "x", "y"), ("91B2 ", "B", "x", "y"), ("12", "A", "", ""), ("12", "A", "", "")])
    assert info.value.code == "draw.duplicate-key"
    assert info.value.params["keys"] == ["12", "91B2"]
    assert "91B2" in info.value.message


def test_bad_values_name_the_row_and_column() -> None:
    with pytest.raises(AddinError) as info:
        build_pool_tsv([("12", "A", "", ""), ("91-22", "A", "", "")])
    assert info.value.code == "draw.bad-value"
    assert info.value.params["index"] == 2
    assert "统一社会信用代码" in info.value.message
    with pytest.raises(AddinError) as info:
        build_pool_tsv([("12", "A", "a\tb", "")])
    assert info.value.params["column"] == "检查对象类别"


def test_roster_tags_and_caps() -> None:
    data = build_roster_tsv([("zf2", "卫生健康局", ["职业卫生", "公共场所", "职业卫生"], 5.0),
                             ("ZF1", "体育局", "", "12")])
    assert data == "ZF1\t体育局\t\t12\nZF2\t卫生健康局\t公共场所,职业卫生\t5\n".encode()
    assert parse_roster(data)[1].tags == ("公共场所", "职业卫生")
    with pytest.raises(AddinError):
        build_roster_tsv([("ZF1", "D", "", 0)])


def test_conflicts_and_team_pairs() -> None:
    conflicts = build_conflicts_tsv([("ZF2", "91a", "rel,PREV"), ("ZF1", "91A", ["OTHER"])])
    assert conflicts == b"ZF1\t91A\tOTHER\nZF2\t91A\tPREV,REL\n"
    assert len(parse_conflicts(conflicts)) == 2
    with pytest.raises(AddinError) as info:
        build_conflicts_tsv([("ZF1", "91A", "亲戚")])
    assert "回避原因" in info.value.message
    pairs = build_team_conflicts_tsv([("ZF9", "ZF1"), ("zf3", "ZF4")])
    assert pairs == b"ZF1\tZF9\nZF3\tZF4\n"
    assert len(parse_team_conflicts(pairs)) == 2
    with pytest.raises(AddinError) as info:
        build_team_conflicts_tsv([("ZF1", "ZF9"), ("ZF9", "ZF1")])
    assert info.value.code == "draw.duplicate-key"
    with pytest.raises(AddinError):
        build_team_conflicts_tsv([("ZF1", "zf1")])


def test_plan_and_randomness_json() -> None:
    plan = {"spec": "draw-v1", "plan_id": "P", "randomness": [{"type": "test", "id": "1"}],
            "tasks": [{"task_id": "T", "dept": "D", "alloc": {"mode": "rate", "rates": {"A": "0.5"}}}]}
    data = build_plan_json(plan)
    assert data.endswith(b"}\n")
    assert parse_plan(data).raw == plan
    with pytest.raises(AddinError):
        build_plan_json({**plan, "team_size": 1})
    assert build_randomness_json([("test", "1", " abc ")]) == b'[{"id":"1","type":"test","value":"abc"}]\n'
