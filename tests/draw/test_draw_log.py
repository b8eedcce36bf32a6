"""The hash-chained log: entry order, the void rule, and amendments (substitution §6.5, reserve §4.6)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from draw_cases import VECTORS

from addin.core.draw import (
    FILE_NAMES,
    DrawInputs,
    append,
    append_randomness,
    append_result,
    append_void,
    chain_problem,
    current_state,
    entry_hash,
    freeze_hash,
    log_bytes,
    parse_inputs,
    parse_log,
    parse_randomness,
    replace_from_reserve,
    replay_problem,
    run_draw,
    start,
    substitute,
)
from addin.core.errors import AddinError


def _vector(name: str) -> tuple[DrawInputs, Any, dict[str, Any]]:
    folder = VECTORS / name
    inputs = parse_inputs({k: (folder / n).read_bytes() for k, n in FILE_NAMES.items()})
    values, _ = parse_randomness((folder / "randomness.json").read_bytes(), inputs.plan)
    return inputs, values, run_draw(inputs, values)


def test_full_log_chains_and_round_trips() -> None:
    inputs, values, result = _vector("small")
    log = append_result(append_randomness(start(inputs), values), result)
    assert [e["type"] for e in log] == ["freeze", "randomness", "result"]
    assert entry_hash(log[0]) == freeze_hash(inputs) == result["freeze_hash"]
    assert log[2]["body"] == {"result_digest": result["result_digest"]}
    assert [e["prev"] for e in log[1:]] == [entry_hash(e) for e in log[:-1]]
    assert chain_problem(log) is None
    assert parse_log(log_bytes(log)) == log


def test_changing_an_earlier_entry_breaks_the_chain() -> None:
    inputs, values, result = _vector("small")
    log = append_result(append_randomness(start(inputs), values), result)
    tampered = copy.deepcopy(log)
    tampered[1]["body"]["randomness"][1]["value"] = "0" * 32
    problem = chain_problem(tampered)
    assert problem is not None
    assert "第 3 条" in problem


@pytest.mark.parametrize("voided_after", ["freeze", "randomness", "result"])
def test_nothing_after_void(voided_after: str) -> None:
    inputs, values, result = _vector("small")
    log = start(inputs)
    if voided_after != "freeze":
        log = append_randomness(log, values)
    if voided_after == "result":
        log = append_result(log, result)
    log = append_void(log, "随机源公布延误，重新组织抽取")
    assert chain_problem(log) is None
    with pytest.raises(AddinError) as info:
        append_result(log, result)
    assert info.value.code in ("draw.log-voided",)
    with pytest.raises(AddinError):
        append(log, "amend", {"kind": "replace"})


def test_order_rules() -> None:
    inputs, values, result = _vector("small")
    log = start(inputs)
    with pytest.raises(AddinError, match="随机源"):
        append_result(log, result)
    with pytest.raises(AddinError, match="抽取结果之后"):
        append(log, "amend", {"kind": "substitute"})
    with pytest.raises(AddinError, match="第一条"):
        append(log, "freeze", {})
    with pytest.raises(AddinError, match="原因"):
        append_void(log, "  ")
    _, _, other = _vector("joint")
    with pytest.raises(AddinError) as info:
        append_result(append_randomness(log, values), other)
    assert info.value.code == "draw.log-foreign-result"


def _substitutable(inputs: DrawInputs, result: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A filled slot whose inspector can be replaced under current loads, and its amend body."""
    for unit in result["units"]:
        for slot in unit["team"]:
            if slot["inspector"] is None:
                continue
            body = substitute(inputs, result, [], unit["unit_id"], slot["slot"], "因病无法参加")
            if body["in"] is not None:
                return unit, body
            assert body["candidates"] == 0  # the slot becomes unfilled: nobody else has room
    raise AssertionError("no substitutable slot")


def test_substitution_picks_by_the_rule_and_is_logged() -> None:
    inputs, values, result = _vector("joint")
    unit, body = _substitutable(inputs, result)
    unit_id, slot = unit["unit_id"], body["slot"]
    out = unit["team"][slot]["inspector"]
    assert body["kind"] == "substitute"
    assert body["out"] == out
    assert body["in"] != out
    others = {s["inspector"] for s in unit["team"]} - {out}
    assert body["in"] not in others
    conflicted = {(c.inspector_id, c.entity_id) for c in inputs.conflicts}
    assert not any((body["in"], e) in conflicted for e in unit["entities"])
    log = append(append_result(append_randomness(start(inputs), values), result), "amend", body)
    assert log[-1]["type"] == "amend"
    state = current_state(result, [body])
    assert state.teams[unit_id][slot] == body["in"]
    assert state.loads[out] == result["loads"][out] - len(unit["entities"])
    assert replay_problem(inputs, result, [body]) is None
    # a second substitution of the same slot never brings back the inspector taken out
    second = substitute(inputs, result, [body], unit_id, slot, "新申报回避")
    assert second["out"] == body["in"]
    assert second["in"] != out
    assert replay_problem(inputs, result, [body, second]) is None


def test_a_forged_substitution_is_caught() -> None:
    inputs, _, result = _vector("joint")
    _, body = _substitutable(inputs, result)
    forged = {**body, "in": next(i.inspector_id for i in inputs.roster if i.inspector_id != body["in"])}
    problem = replay_problem(inputs, result, [forged])
    assert problem is not None
    assert "不符" in problem


def test_replacement_takes_the_next_reserve_in_order() -> None:
    inputs, _, result = _vector("small")
    task = result["tasks"][0]
    stratum = next(s for s in task["strata"] if s["selected"] and len(s["reserve"]) == 2)
    wrong = stratum["selected"][0]["id"]
    first = replace_from_reserve(result, [], task["task_id"], wrong, "已注销，误入冻结名录")
    assert first["in"] == stratum["reserve"][0]
    # the replacement itself turns out to be wrongly in the pool: the next reserve follows
    second = replace_from_reserve(result, [first], task["task_id"], first["in"], "重复登记")
    assert second["in"] == stratum["reserve"][1]
    state = current_state(result, [first, second])
    assert state.selected[(task["task_id"], stratum["stratum"])][0] == stratum["reserve"][1]
    assert replay_problem(inputs, result, [first, second]) is None
    with pytest.raises(AddinError) as info:
        replace_from_reserve(result, [first, second], task["task_id"], second["in"], "又错了")
    assert info.value.code == "draw.no-reserve"
    with pytest.raises(AddinError) as info:
        replace_from_reserve(result, [], task["task_id"], wrong + "X", "x")
    assert info.value.code == "draw.amend-target"


def test_unfilled_slot_is_filled_once_someone_has_room() -> None:
    inputs, _, result = _vector("tight")
    unfilled = [(u["unit_id"], s["slot"]) for u in result["units"] for s in u["team"] if s["inspector"] is None]
    with pytest.raises(AddinError) as info:
        substitute(inputs, result, [], *unfilled[0], "补足空缺岗位")
    assert info.value.code == "draw.no-candidate"
    # a newly declared conflict takes an inspector out of one visit; the room he leaves can fill another's gap
    for unit in result["units"]:
        for slot in unit["team"]:
            if slot["inspector"] is None:
                continue
            freed = substitute(inputs, result, [], unit["unit_id"], slot["slot"], "新申报回避")
            for unit_id, gap in unfilled:
                if unit_id == unit["unit_id"]:
                    continue
                try:
                    filled = substitute(inputs, result, [freed], unit_id, gap, "补足空缺岗位")
                except AddinError:
                    continue
                assert filled["out"] is None
                assert filled["in"] is not None
                assert replay_problem(inputs, result, [freed, filled]) is None
                return
    raise AssertionError("no gap could be filled")
