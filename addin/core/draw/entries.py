"""The shapes a log entry may have (记录格式) — spec §7 and the implementation notes of ``docs/draw-v1.md``.

An entry is ``{"seq": int, "prev": 64 hex, "type": one of ENTRY_TYPES, "body": {…}}``; the body of each type:

- ``freeze`` — ``{"spec", "plan", "inputs"}`` (compared in full with the frozen files by ``ssj verify``);
- ``randomness`` — ``{"randomness": [{"type", "id", "value"}…]}``, optionally ``"proofs"``;
- ``result`` — ``{"result_digest": 64 hex}``;
- ``amend`` — a substitution ``{"kind": "substitute", "unit_id", "slot", "out", "in", "candidates", "tied",
  "reason"}`` or a replacement ``{"kind": "replace", "task_id", "stratum", "out", "in", "reason"}``;
- ``void`` — ``{"reason": non-empty text}``.

:func:`entry_problem` names the first departure in Chinese; nothing here raises on any JSON value, so a forged
entry (a body that is a list, a field missing, a number where text belongs) is reported, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

ENTRY_TYPES = ("freeze", "randomness", "result", "amend", "void")
_HEX64 = re.compile(r"[0-9a-f]{64}")

Check = tuple[Callable[[Any], bool], str]  # (test, what it should be, in Chinese)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


TEXT: Check = (lambda v: isinstance(v, str) and v != "", "非空文字")
HEX64: Check = (lambda v: isinstance(v, str) and _HEX64.fullmatch(v) is not None, "64 位小写十六进制")
COUNT: Check = (lambda v: _is_int(v) and v >= 0, "非负整数")
TEXT_OR_NULL: Check = (lambda v: v is None or (isinstance(v, str) and v != ""), "非空文字或 null")
ANY: Check = (lambda v: True, "任意值")
OBJECT: Check = (lambda v: isinstance(v, dict), "对象 {…}")
LIST: Check = (lambda v: isinstance(v, list), "列表 […]")
REASON = TEXT

BODIES: Mapping[str, tuple[Mapping[str, Check], Mapping[str, Check]]] = {
    # type → (required fields, optional fields)
    "freeze": ({"spec": TEXT, "plan": OBJECT, "inputs": OBJECT}, {}),
    "randomness": ({"randomness": LIST}, {"proofs": ANY}),
    "result": ({"result_digest": HEX64}, {}),
    "void": ({"reason": REASON}, {}),
}
AMENDMENTS: Mapping[str, Mapping[str, Check]] = {
    "substitute": {"kind": TEXT, "unit_id": TEXT, "slot": COUNT, "out": TEXT_OR_NULL, "in": TEXT_OR_NULL,
                   "candidates": COUNT, "tied": COUNT, "reason": REASON},
    "replace": {"kind": TEXT, "task_id": TEXT, "stratum": TEXT, "out": TEXT, "in": TEXT, "reason": REASON},
}
RANDOMNESS_ITEM: Mapping[str, Check] = {"type": TEXT, "id": TEXT, "value": TEXT}


def _kind_name(value: Any) -> str:
    return {dict: "对象", list: "列表", str: "文字", int: "整数", bool: "true/false", type(None): "null"}.get(
        type(value), type(value).__name__)


def _fields(value: Any, required: Mapping[str, Check], optional: Mapping[str, Check], where: str) -> str | None:
    if not isinstance(value, dict):
        return f"{where}应为对象 {{…}}，实为{_kind_name(value)}"
    missing = [k for k in required if k not in value]
    if missing:
        return f"{where}缺少字段 {', '.join(missing)}"
    extra = sorted(str(k) for k in value if k not in required and k not in optional)
    if extra:
        return f"{where}有不允许的字段 {', '.join(extra)}"
    for name, (test, wanted) in (*required.items(), *optional.items()):
        if name in value and not test(value[name]):
            return f"{where}的 {name} 应为{wanted}，实为{_kind_name(value[name])}"
    return None


def body_problem(kind: str, body: Any) -> str | None:
    """How ``body`` departs from the shape of an entry of type ``kind``, or None."""
    if kind == "amend":
        if not isinstance(body, dict):
            return f"body 应为对象 {{…}}，实为{_kind_name(body)}"
        kind_of = body.get("kind")
        fields = AMENDMENTS.get(kind_of) if isinstance(kind_of, str) else None
        if fields is None:
            return f"变更记录的 kind 应为 {' 或 '.join(AMENDMENTS)}，实为 {str(body.get('kind'))[:40]!r}"
        return _fields(body, fields, {}, "body ")
    required, optional = BODIES[kind]
    found = _fields(body, required, optional, "body ")
    if found is None and kind == "randomness":
        for i, item in enumerate(body["randomness"]):
            found = _fields(item, RANDOMNESS_ITEM, {}, f"body 的 randomness[{i}] ")
            if found:
                break
    return found


def entry_problem(entry: Any) -> str | None:
    """How a parsed log line departs from ``{"seq", "prev", "type", "body"}`` and its type's body, or None."""
    found = _fields(entry, {"seq": COUNT, "prev": HEX64, "type": TEXT, "body": ANY}, {}, "")
    if found:
        return found
    if entry["type"] not in ENTRY_TYPES:
        return f"记录类型 type 应为 {'/'.join(ENTRY_TYPES)} 之一，实为 {entry['type'][:40]!r}"
    return body_problem(entry["type"], entry["body"])
