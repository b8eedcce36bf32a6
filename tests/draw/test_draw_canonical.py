"""Non-canonical inputs are refused with a stable code and a message naming the file and the line."""

from __future__ import annotations

import json

import pytest
from draw_cases import VECTORS

from addin.core.draw import (
    parse_conflicts,
    parse_plan,
    parse_pool,
    parse_randomness,
    parse_roster,
    parse_team_conflicts,
)
from addin.core.errors import AddinError

POOL = (VECTORS / "small" / "pool.tsv").read_bytes()
PLAN = (VECTORS / "small" / "plan.json").read_bytes()


def _lines() -> list[bytes]:
    return POOL.split(b"\n")[:-1]


def _join(lines: list[bytes]) -> bytes:
    return b"".join(line + b"\n" for line in lines)


def _refused(parse: object, data: bytes) -> AddinError:
    with pytest.raises(AddinError) as info:
        parse(data)  # type: ignore[operator]
    return info.value


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (POOL[:-1], 160, "LF"),
        (POOL.replace(b"\n", b"\r\n"), 1, "CR"),
        (_join([*_lines()[:4], _lines()[5], _lines()[4], *_lines()[6:]]), 6, "升序"),
        (_join([*_lines()[:4], _lines()[3], *_lines()[4:]]), 5, "重复"),
        (_join([*_lines()[:2], _lines()[2].lower(), *_lines()[3:]]), 3, "entity_id"),
        (_join([*_lines()[:7], _lines()[7] + b"\tx", *_lines()[8:]]), 8, "5 列"),
        (_join([*_lines()[:9], b"", *_lines()[9:]]), 10, "空行"),
        (b"\xef\xbb\xbf" + POOL, 1, "BOM"),
        (POOL.replace("公共场所".encode(), "公共场所".encode()[:4], 1), 4, "UTF-8"),
        (_join([b"X1\tA\tCafe\xcc\x81\t", *_lines()]), 1, "NFC"),
    ],
    ids=["no-final-lf", "crlf", "unsorted", "duplicate", "bad-id", "extra-column", "blank-line", "bom",
         "bad-utf8", "not-nfc"],
)
def test_pool_not_canonical_names_line(data: bytes, line: int, words: str) -> None:
    err = _refused(parse_pool, data)
    assert err.code == "draw.not-canonical"
    assert err.params["file"] == "pool.tsv"
    assert err.params["line"] == line
    assert words in err.message


def test_canonical_files_parse() -> None:
    pool = parse_pool(POOL)
    assert len(pool) == 160
    assert [t.entity_id for t in pool] == sorted(t.entity_id for t in pool)
    roster = parse_roster((VECTORS / "small" / "roster.tsv").read_bytes())
    assert all(list(i.tags) == sorted(i.tags) for i in roster)


@pytest.mark.parametrize(
    ("parse", "data", "words"),
    [
        (parse_roster, b"ZF1\t\xe5\x8d\xab\tb,a\t3\n", "tags"),
        (parse_roster, b"ZF1\tD\ta\t0\n", "cap"),
        (parse_conflicts, b"ZF1\tE1\tFRIEND\n", "reasons"),
        (parse_conflicts, b"ZF1\tE2\tREL\nZF1\tE1\tREL\n", "升序"),
        (parse_team_conflicts, b"ZF2\tZF1\n", "a < b"),
    ],
    ids=["tags-unsorted", "cap-zero", "reason-unknown", "conflicts-unsorted", "pair-order"],
)
def test_other_files_not_canonical(parse: object, data: bytes, words: str) -> None:
    err = _refused(parse, data)
    assert err.code == "draw.not-canonical"
    assert words in err.message


def _plan(**change: object) -> bytes:
    plan = json.loads(PLAN)
    plan.update(change)
    return json.dumps(plan, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (PLAN.replace(b'"team_size": 2', b'"team_size": 2.0'), "draw.bad-json", "小数"),
        (PLAN.replace(b'"0.03"', b'"3%"'), "draw.bad-plan", "比例"),
        (_plan(teamsize=3), "draw.bad-plan", "teamsize"),
        (_plan(team_size=1), "draw.bad-plan", "team_size"),
        (_plan(randomness=[{"type": "dice", "id": "1"}]), "draw.bad-plan", "dice"),
        (PLAN.replace(b'"2024-02 ', b'"2024-01 ').replace("职业卫生\"".encode(), "公共场所卫生\"".encode(), 1),
         "draw.bad-plan", "重复"),
        (PLAN.replace(b'"plan_id"', b'"plan_id": "x", "plan_id"'), "draw.bad-json", "plan_id"),
    ],
)
def test_bad_plan_refused(data: bytes, code: str, words: str) -> None:
    err = _refused(parse_plan, data)
    assert err.code == code
    assert words in err.message


def test_plan_defaults_and_task_order() -> None:
    plan = parse_plan(b'{"spec":"draw-v1","plan_id":"p","randomness":[{"type":"test","id":"1"}],"tasks":['
                      b'{"task_id":"b","dept":"D","alloc":{"mode":"total","n":1}},'
                      b'{"task_id":"a","dept":"D","alloc":{"mode":"total","n":1}}]}')
    assert (plan.team_size, plan.reserve, plan.group_size, plan.region_prefix_len) == (2, 0, 1, 0)
    assert [t.task_id for t in plan.tasks] == ["a", "b"]
    assert plan.tasks[0].key_scope == "a"
    assert plan.tasks[0].alloc.min1 is True


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ('[{"type":"lottery-ssq","id":"2024015","value":"02.03.05.07.08.09/02"}]', "draw.randomness-mismatch"),
        ('[{"type":"lottery-ssq","id":"2024015","value":"03.02.05.07.08.09/02"},'
         '{"type":"manual","id":"会商","value":"x"}]', "draw.bad-randomness"),
        ('[{"type":"lottery-ssq","id":"2024015","value":"02.03.05.07.08.09/17"},'
         '{"type":"manual","id":"会商","value":"x"}]', "draw.bad-randomness"),
    ],
)
def test_bad_randomness_refused(value: str, code: str) -> None:
    err = _refused(lambda d: parse_randomness(d, parse_plan(PLAN)), value.encode())
    assert err.code == code
