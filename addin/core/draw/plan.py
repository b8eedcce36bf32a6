"""``plan.json`` (抽查计划) and ``randomness.json`` (随机源取值) of spec §2, parsed and checked strictly.

The plan *as parsed* goes into the freeze entry, so it must be plain canonical-JSON data: no floats, no
duplicate keys, NFC strings, and no keys the spec does not define (a typo must not pass silently).
Rates are decimal strings read as exact fractions (``"0.03"`` = 3/100).
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any

from addin.core.draw.hashing import check_json_value
from addin.core.draw.model import SPECS, Alloc, Plan, RandomnessSource, RandomnessValue, Task
from addin.core.errors import AddinError

RATE = re.compile(r"0|1|0\.[0-9]{1,6}|1\.0{1,6}")
STRATUM = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
RANDOMNESS_VALUE = {
    "drand-quicknet": (re.compile(r"[0-9a-f]{64}"), "64 位小写十六进制"),
    "nist-beacon-v2": (re.compile(r"[0-9a-f]{128}"), "128 位小写十六进制"),
    "lottery-ssq": (re.compile(r"([0-9]{2})\.([0-9]{2})\.([0-9]{2})\.([0-9]{2})\.([0-9]{2})\.([0-9]{2})/([0-9]{2})"),
                    "r1.r2.r3.r4.r5.r6/b（红球升序，各两位，如 02.03.05.07.08.09/02）"),
    "manual": (re.compile(r"(?s:.+)"), "任意非空文字"),
    "test": (re.compile(r"(?s:.+)"), "任意非空文字"),
}


def _bad(where: str, what: str) -> AddinError:
    return AddinError("draw.bad-plan", f"plan.json 的 {where}：{what}", {"where": where})


def _add(seen: set[str], key: str) -> bool:
    seen.add(key)
    return False


def load_json(data: bytes, file: str) -> Any:
    """JSON from bytes, refusing floats, NaN and duplicate keys (any of them would make hashing ambiguous)."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(items)
        if len(found) != len(items):
            seen: set[str] = set()
            dup = next(k for k, _ in items if k in seen or _add(seen, k))
            raise AddinError("draw.bad-json", f"{file} 中键“{dup}”重复出现。", {"file": file, "key": dup})
        return found

    def no_float(text: str) -> Any:
        raise AddinError("draw.bad-json", f"{file} 含有小数 {text}：draw-v1 不允许小数，比例请写成字符串（如 \"0.03\"）。",
                         {"file": file})

    try:
        value = json.loads(data.decode("utf-8"), object_pairs_hook=pairs, parse_float=no_float,
                           parse_constant=no_float)
        check_json_value(value, file)
    except (UnicodeDecodeError, ValueError, RecursionError) as err:  # JSONDecodeError is a ValueError
        why = "嵌套过深" if isinstance(err, RecursionError) else str(err)[:200]
        raise AddinError("draw.bad-json", f"{file} 不是有效的 UTF-8 JSON：{why}", {"file": file}) from err
    return value


def _obj(value: Any, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(where, "应为对象 {…}")
    missing = sorted(required - set(value))
    if missing:
        raise _bad(where, f"缺少字段 {', '.join(missing)}")
    unknown = sorted(set(value) - required - optional)
    if unknown:
        raise _bad(where, f"有规范未定义的字段 {', '.join(unknown)}")
    return value


def _int(value: Any, where: str, low: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise _bad(where, f"应为 ≥ {low} 的整数，实为 {value!r}")
    return value


def _str(value: Any, where: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and value == "") or "\t" in value or "\n" in value:
        raise _bad(where, f"应为{'' if empty else '非空'}文字（不含 TAB/换行），实为 {value!r}")
    return value


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _bad(where, "应为文字数组 […]")
    return tuple(_str(v, f"{where}[{i}]") for i, v in enumerate(value))


def _stratum_ints(value: Any, where: str) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, dict):
        raise _bad(where, "应为对象 {分类: 整数}")
    for k in value:
        if not STRATUM.fullmatch(k):
            raise _bad(where, f"风险分类名不合格式：{k!r}")
    return tuple(sorted((k, _int(v, f"{where}.{k}", 0)) for k, v in value.items()))


def _alloc(value: Any, where: str) -> Alloc:
    if not isinstance(value, dict) or value.get("mode") not in ("rate", "total"):
        raise _bad(where, "mode 应为 \"rate\" 或 \"total\"")
    if value["mode"] == "total":
        _obj(value, where, {"mode", "n"}, {"min1"})
        min1 = value.get("min1", True)
        if not isinstance(min1, bool):
            raise _bad(f"{where}.min1", "应为 true 或 false")
        return Alloc("total", n=_int(value["n"], f"{where}.n", 0), min1=min1)
    _obj(value, where, {"mode", "rates"}, {"min", "max"})
    rates = value["rates"]
    if not isinstance(rates, dict):
        raise _bad(f"{where}.rates", "应为对象 {分类: \"比例\"}")
    for k, r in rates.items():
        if not STRATUM.fullmatch(k):
            raise _bad(f"{where}.rates", f"风险分类名不合格式：{k!r}")
        if not isinstance(r, str) or not RATE.fullmatch(r):
            raise _bad(f"{where}.rates.{k}", f"比例应为 0 到 1 之间、至多 6 位小数的字符串（如 \"0.03\"），实为 {r!r}")
    return Alloc("rate", rates=tuple(sorted(rates.items())),
                 minimum=_stratum_ints(value.get("min", {}), f"{where}.min"),
                 maximum=_stratum_ints(value.get("max", {}), f"{where}.max"))


def rate_fraction(rate: str) -> Fraction:
    """A rate string as the exact fraction it denotes (``"0.05"`` → 1/20)."""
    return Fraction(rate)


def _task(value: Any, where: str) -> Task:
    _obj(value, where, {"task_id", "dept", "alloc"}, {"tag", "key_scope", "filter"})
    task_id = _str(value["task_id"], f"{where}.task_id")
    tag = value.get("tag")
    if tag is not None:
        tag = _str(tag, f"{where}.tag", empty=True) or None
        if tag is not None and "," in tag:
            raise _bad(f"{where}.tag", f"专业领域不能含逗号：{tag!r}")
    flt = _obj(value.get("filter", {}), f"{where}.filter", set(), {"industry_prefix", "region_prefix"})
    return Task(
        task_id=task_id,
        dept=_str(value["dept"], f"{where}.dept"),
        tag=tag,
        key_scope=_str(value.get("key_scope", task_id), f"{where}.key_scope"),
        industry_prefix=_str_list(flt.get("industry_prefix", []), f"{where}.filter.industry_prefix"),
        region_prefix=_str_list(flt.get("region_prefix", []), f"{where}.filter.region_prefix"),
        alloc=_alloc(value["alloc"], f"{where}.alloc"),
    )


def parse_plan(data: bytes) -> Plan:
    """``plan.json`` bytes → :class:`Plan` (defaults applied, tasks sorted by ``task_id`` bytes)."""
    raw = load_json(data, "plan.json")
    _obj(raw, "顶层", {"spec", "plan_id", "randomness", "tasks"}, {"team_size", "reserve", "group"})
    if raw["spec"] not in SPECS:
        raise _bad("spec", f"应为 {' 或 '.join(repr(s) for s in SPECS)}，实为 {raw['spec']!r}")
    group = _obj(raw.get("group", {}), "group", set(), {"size", "region_prefix_len"})
    if not isinstance(raw["randomness"], list) or not raw["randomness"]:
        raise _bad("randomness", "应列出至少一个随机源 [{\"type\", \"id\"}]")
    sources = []
    for i, src in enumerate(raw["randomness"]):
        _obj(src, f"randomness[{i}]", {"type", "id"}, set())
        kind = _str(src["type"], f"randomness[{i}].type")
        if kind not in RANDOMNESS_VALUE:
            raise _bad(f"randomness[{i}].type", f"未知的随机源类型 {kind!r}（可用：{'、'.join(RANDOMNESS_VALUE)}）")
        sources.append(RandomnessSource(kind, _str(src["id"], f"randomness[{i}].id")))
    if not isinstance(raw["tasks"], list) or not raw["tasks"]:
        raise _bad("tasks", "应列出至少一个抽查任务")
    tasks = [_task(t, f"tasks[{i}]") for i, t in enumerate(raw["tasks"])]
    ids = [t.task_id for t in tasks]
    dup = next((t for t in ids if ids.count(t) > 1), None)
    if dup is not None:
        raise _bad("tasks", f"任务编号 task_id 重复：{dup}")
    return Plan(
        spec=raw["spec"],
        plan_id=_str(raw["plan_id"], "plan_id"),
        team_size=_int(raw.get("team_size", 2), "team_size", 2),
        reserve=_int(raw.get("reserve", 0), "reserve", 0),
        group_size=_int(group.get("size", 1), "group.size", 1),
        region_prefix_len=_int(group.get("region_prefix_len", 0), "group.region_prefix_len", 0),
        randomness=tuple(sources),
        tasks=tuple(sorted(tasks, key=lambda t: t.task_id)),
        raw=raw,
    )


def _check_value(kind: str, value: str, where: str) -> None:
    pattern, form = RANDOMNESS_VALUE[kind]
    match = pattern.fullmatch(value)
    if match and kind == "lottery-ssq":
        reds = [int(x) for x in match.groups()[:6]]
        blue = int(match.group(7))
        if not (all(1 <= r <= 33 for r in reds) and reds == sorted(set(reds)) and 1 <= blue <= 16):
            match = None
    if not match:
        raise AddinError("draw.bad-randomness", f"随机源取值的{where}（{kind}）：取值应写成 {form}，实为 {value!r}。"
                         "请按公开的开奖或信标结果改正后再抽取。", {"where": where})


def parse_randomness(data: bytes, plan: Plan) -> tuple[tuple[RandomnessValue, ...], list[Any]]:
    """``randomness.json`` → the values (checked against the plan's sources, in order) and the JSON as given."""
    raw = load_json(data, "randomness.json")
    if not isinstance(raw, list):
        raise AddinError("draw.bad-randomness", "randomness.json 应为数组 [{\"type\", \"id\", \"value\"}, …]。")
    named = [(s.type, s.id) for s in plan.randomness]
    given = [(r.get("type"), r.get("id")) if isinstance(r, dict) else None for r in raw]
    if given != named:
        wanted = "、".join(f"{t}:{i}" for t, i in named)
        shown = "、".join(f"{g[0]}:{g[1]}" if g else "?" for g in given) or "（无）"
        raise AddinError(
            "draw.randomness-mismatch",
            f"随机源与冻结时指定的不一致：冻结时指定 {wanted}（按此顺序），给出的是 {shown}。请按冻结时指定的随机源逐个"
            f"填写取值（ssj draw --randomness {named[0][0] if named else '类型'}:{named[0][1] if named else '编号'}:取值，"
            "或“设置”工作表的“随机源取值”后点“随机抽取”）。",
            {"plan": named, "given": given},
        )
    values = []
    for i, r in enumerate(raw):
        if set(r) != {"type", "id", "value"} or not isinstance(r["value"], str):
            raise AddinError("draw.bad-randomness", f"randomness.json 第 {i + 1} 项应恰有 type、id、value 三个文字字段。")
        _check_value(r["type"], r["value"], f"第 {i + 1} 项")
        values.append(RandomnessValue(r["type"], r["id"], r["value"]))
    return tuple(values), raw
