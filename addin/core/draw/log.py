"""The draw's hash-chained log (抽取记录, 全程留痕) — spec §7.

Each entry is ``{"seq", "prev", "type", "body"}``; ``prev`` is the previous entry's hash (64 zeros for the
first) and an entry's hash is the SHA-256 of its canonical JSON, so changing any entry breaks every later
``prev``. Publishing the latest hash somewhere the operator does not control fixes all history before it.

Entry types and their order, enforced by :func:`append`:

- ``freeze`` — only first (``seq`` 0): the plan and the input digests (:func:`~addin.core.draw.freeze.freeze_entry`);
- ``randomness`` — once, after the freeze: ``{"randomness": [{type, id, value}…], "proofs": …}``;
- ``result`` — once, after the randomness: ``{"result_digest": hex}``;
- ``amend`` — after the result: a substitution or a reserve replacement with its reason (:mod:`.amend`);
- ``void`` — once, at any point after the freeze: ``{"reason": str}``. A voided draw is closed: nothing can
  be appended after it; a new draw needs a new freeze and new future randomness.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from addin.core.draw.entries import ENTRY_TYPES, body_problem, entry_problem
from addin.core.draw.freeze import freeze_entry
from addin.core.draw.hashing import ZERO_HASH, canonical_json, sha256_hex
from addin.core.draw.model import DrawInputs, RandomnessValue
from addin.core.draw.result import randomness_json
from addin.core.errors import AddinError

Entry = dict[str, Any]


def entry_hash(entry: Entry) -> str:
    """Hex SHA-256 of the entry's canonical JSON."""
    return sha256_hex(canonical_json(entry))


def head_hash(log: Sequence[Entry]) -> str:
    """The hash of the latest entry (the value to publish), or 64 zeros for an empty log."""
    return entry_hash(log[-1]) if log else ZERO_HASH


def _refuse(code: str, message: str) -> AddinError:
    return AddinError(code, message)


def append(log: Sequence[Entry], kind: str, body: dict[str, Any]) -> list[Entry]:
    """A new log with one more entry of ``kind``; refuses entries the order rules forbid."""
    if kind not in ENTRY_TYPES:
        raise _refuse("draw.log-type", f"未知的记录类型：{kind}")
    kinds = [e["type"] for e in log]
    if "void" in kinds:
        raise _refuse("draw.log-voided", "该次抽取已作废（void），不能再追加任何记录；重新抽取需要重新冻结并指定新的未来随机源。")
    if kind == "freeze" and kinds:
        raise _refuse("draw.log-order", "冻结记录只能是日志的第一条。")
    if kind != "freeze" and not kinds:
        raise _refuse("draw.log-order", "日志的第一条必须是冻结记录（freeze）。")
    if kind == "randomness" and "randomness" in kinds:
        raise _refuse("draw.log-order", "随机源取值已经记录过，不能再次记录。")
    if kind == "result" and ("randomness" not in kinds or "result" in kinds):
        raise _refuse("draw.log-order", "抽取结果只能在记录随机源取值之后记录一次。")
    if kind == "amend" and "result" not in kinds:
        raise _refuse("draw.log-order", "变更记录（amend）只能在抽取结果之后追加。")
    problem = body_problem(kind, body)
    if problem:
        raise _refuse("draw.log-shape", f"{kind} 记录的格式不符：{problem}")
    entry = {"seq": len(log), "prev": head_hash(log), "type": kind, "body": body}
    canonical_json(entry)  # checks that the body is canonical-JSON data
    return [*log, entry]


def start(inputs: DrawInputs) -> list[Entry]:
    """A new log holding only the freeze entry of ``inputs``."""
    return [freeze_entry(inputs)]


def append_randomness(log: Sequence[Entry], values: Sequence[RandomnessValue], proofs: Any = None) -> list[Entry]:
    body: dict[str, Any] = {"randomness": randomness_json(values)}
    if proofs is not None:
        body["proofs"] = proofs
    return append(log, "randomness", body)


def append_result(log: Sequence[Entry], result: dict[str, Any]) -> list[Entry]:
    """Record a result; it must belong to this log's freeze (its ``freeze_hash``)."""
    if log and result.get("freeze_hash") != entry_hash(log[0]):
        raise _refuse("draw.log-foreign-result", "该抽取结果的 freeze_hash 与本日志的冻结记录不符，不能记入。")
    return append(log, "result", {"result_digest": result["result_digest"]})


def append_void(log: Sequence[Entry], reason: str) -> list[Entry]:
    if not reason.strip():
        raise _refuse("draw.void-reason", "作废必须写明原因。")
    return append(log, "void", {"reason": reason})


def is_voided(log: Sequence[Entry]) -> bool:
    return any(e["type"] == "void" for e in log)


def log_bytes(log: Sequence[Entry]) -> bytes:
    """``log.jsonl``: one canonical JSON entry per line, each ending in LF."""
    return b"".join(canonical_json(e) + b"\n" for e in log)


def parse_log(data: bytes) -> list[Entry]:
    """``log.jsonl`` bytes → entries; every line must be exactly the canonical JSON of an entry."""
    if data and not data.endswith(b"\n"):
        raise AddinError("draw.bad-log", "log.jsonl 最后一行没有以换行符 LF 结尾。")
    entries = []
    for number, line in enumerate(data.split(b"\n")[:-1], 1):
        try:
            entry = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as err:  # JSONDecodeError is a ValueError
            why = "嵌套过深" if isinstance(err, RecursionError) else str(err)[:200]
            raise AddinError("draw.bad-log", f"log.jsonl 第 {number} 行不是有效的 JSON：{why}",
                             {"line": number}) from err
        if not isinstance(entry, dict) or set(entry) != {"seq", "prev", "type", "body"}:
            raise AddinError("draw.bad-log", f"log.jsonl 第 {number} 行应恰有 seq、prev、type、body 四个字段。",
                             {"line": number})
        try:
            canonical = canonical_json(entry)
        except RecursionError as err:
            raise AddinError("draw.bad-log", f"log.jsonl 第 {number} 行嵌套过深。", {"line": number}) from err
        if canonical != line:
            raise AddinError("draw.bad-log", f"log.jsonl 第 {number} 行不是规范 JSON（可能被手工编辑过）。",
                             {"line": number})
        entries.append(entry)
    return entries


def chain_problem(log: Sequence[Entry]) -> str | None:
    """The first break of the chain or of the order rules, in Chinese; None when the log is sound."""
    rebuilt: list[Entry] = []
    for i, entry in enumerate(log):
        shape = entry_problem(entry)
        if shape:
            return f"日志第 {i + 1} 条的格式不符合 draw-v1 的规定：{shape}（日志被改动过）。"
        if entry["seq"] != i:
            return f"日志第 {i + 1} 条的序号 seq 应为 {i}，实为 {entry['seq']!r}。"
        if entry["prev"] != head_hash(rebuilt):
            return f"日志第 {i + 1} 条（seq {i}）的 prev 与上一条的哈希不符：日志被改动过。"
        if i == 0 and (entry["type"] != "freeze" or entry["prev"] != ZERO_HASH):
            return "日志第 1 条必须是冻结记录（freeze），prev 为 64 个 0。"
        if i > 0:
            try:
                rebuilt = append(rebuilt, entry["type"], entry["body"])
            except AddinError as err:
                return f"日志第 {i + 1} 条（seq {i}，{entry['type']}）不合记录顺序规则：{err.message}"
            continue
        rebuilt = [entry]
    return None
