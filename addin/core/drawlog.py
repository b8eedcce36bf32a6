"""抽取记录 rows: the hash-chained log of a batch (``log.jsonl``), one row per entry, mirrored in the workbook.

Columns ``LOG_COLUMNS``: 序号 (seq), 类型 (the entry's kind in Chinese: 冻结 / 随机源取值 / 抽取结果 / 变更 / 作废; the
code freeze / randomness / result / amend / void is in the JSON, and sheets written earlier hold it in 类型:
:func:`kind_code` reads both), 批次 (plan_id), 时间 (when
the entry was made — not part of the hash), 说明 (a Chinese summary), 本条哈希, 上一条哈希, 内容(JSON) — the
entry's canonical JSON, whose SHA-256 is 本条哈希 (too long for a cell: a pointer to log.jsonl instead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from addin.core.arrangement import team_labels
from addin.core.draw import canonical_json, entry_hash
from addin.core.freeze.plan_json import frozen_task_numbers

KIND_LABELS = {"freeze": "冻结", "randomness": "随机源取值", "result": "抽取结果", "amend": "变更", "void": "作废",
               "external": "外部抽取"}
_KIND_CODES = {**{label: code for code, label in KIND_LABELS.items()}, "抽取": "result"}
MAX_CELL = 32_000  # Excel holds at most 32,767 characters in a cell
NOT_PROOF = "（manual/test 随机源不能防止操纵，仅供演示或经会商确定的情形）"


def kind_code(text: object) -> str:
    """The log entry kind of a 类型 cell: a Chinese label (冻结 …) or the code itself (freeze …); "" if neither."""
    value = "" if text is None else str(text).strip()
    if value in _KIND_CODES:
        return _KIND_CODES[value]
    return value.casefold() if value.casefold() in KIND_LABELS else ""


def describe(entry: Mapping[str, Any], result: Mapping[str, Any] | None = None) -> str:
    """A one-line Chinese summary of a log entry."""
    body = entry["body"]
    kind = entry["type"]
    if kind == "freeze":
        plan = body["plan"]
        numbers = frozen_task_numbers(plan)
        sources = "、".join(f"{s['type']}:{s['id']}" for s in plan["randomness"])
        return f"冻结：任务 {'、'.join(numbers)}；指定随机源 {sources}"
    if kind == "randomness":
        values = "；".join(f"{v['type']}:{v['id']} = {v['value']}" for v in body["randomness"])
        weak = any(v["type"] in ("manual", "test") for v in body["randomness"])
        return f"随机源取值：{values}" + (NOT_PROOF if weak else "")
    if kind == "result":
        if result is not None:
            return (f"抽取结果：检查单元 {len(result['units'])} 个；结果摘要 {body['result_digest']}")
        return f"抽取结果：结果摘要 {body['result_digest']}"
    if kind == "amend":
        if body.get("kind") == "substitute":
            team = team_labels(result).get(body["unit_id"], body["unit_id"]) if result else body["unit_id"]
            return (f"人员替换：检查组 {team} 第{body['slot'] + 1}岗 {body['out'] or '空缺'} → "
                    f"{body['in'] or '无人可补'}；原因：{body['reason']}")
        return (f"备选递补：任务 {body['task_id']} 对象 {body['out']} → {body['in']}；原因：{body['reason']}")
    if kind == "void":
        return f"作废：{body['reason']}"
    return kind


def log_row(entry: Mapping[str, Any], plan_id: str, when: dt.datetime,
            result: Mapping[str, Any] | None = None) -> list[Any]:
    text = canonical_json(dict(entry)).decode("utf-8")
    if len(text) > MAX_CELL:
        text = f"（{len(text)} 个字符，超出单元格容量，见抽取材料中的 log.jsonl 第 {entry['seq'] + 1} 行）"
    return [entry["seq"], KIND_LABELS.get(entry["type"], entry["type"]), plan_id, when, describe(entry, result), entry_hash(dict(entry)),
            entry["prev"], text]


def log_rows(entries: Sequence[Mapping[str, Any]], plan_id: str, when: dt.datetime,
             result: Mapping[str, Any] | None = None) -> list[list[Any]]:
    return [log_row(e, plan_id, when, result) for e in entries]


def mirror_rows(log: Sequence[Mapping[str, Any]], new: int, mirrored: set[str], plan_id: str, when: dt.datetime,
                result: Mapping[str, Any] | None = None) -> list[list[Any]]:
    """Rows for the entries of ``log`` not yet in the sheet (hashes ``mirrored``): the ``new`` last ones, and any
    earlier one missing from this workbook (e.g. a draw run on a copy without the freeze row), marked 补记."""
    rows = []
    for index, entry in enumerate(log):
        if entry_hash(dict(entry)) in mirrored:
            continue
        row = log_row(entry, plan_id, when, result)
        if index < len(log) - new:
            row[4] = f"补记：{row[4]}"
        rows.append(row)
    return rows
