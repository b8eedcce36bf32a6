"""The evidence folder of a draw (留痕材料): reading it for the core, writing it atomically, verifying it.

An evidence folder holds the canonical inputs (``pool.tsv``, ``roster.tsv``, ``conflicts.tsv``,
``team_conflicts.tsv``, ``plan.json``), ``randomness.json``, ``log.jsonl`` and ``result.json``. All the rules
live in :mod:`addin.core.draw`; this module only moves bytes between the disk and the core.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.adapters.files import atomic_write
from addin.core.draw import (
    FILE_NAMES,
    DrawInputs,
    RandomnessValue,
    chain_problem,
    entry_hash,
    freeze_entry,
    head_hash,
    is_voided,
    load_json,
    log_bytes,
    parse_inputs,
    parse_log,
    parse_randomness,
    replay_problem,
    result_bytes,
    run_draw,
)
from addin.core.errors import AddinError

RANDOMNESS, LOG, RESULT = "randomness.json", "log.jsonl", "result.json"


def _folder(folder: Path) -> Path:
    if not folder.is_dir():
        raise AddinError("draw.no-folder", f"找不到抽取材料文件夹：{folder}", {"path": str(folder)})
    return folder


def _read(folder: Path, name: str) -> bytes:
    path = folder / name
    if not path.is_file():
        raise AddinError("draw.missing-input", f"抽取材料文件夹中缺少文件 {name}（{folder}）", {"file": name})
    return path.read_bytes()


def read_inputs(folder: Path) -> DrawInputs:
    """Parse the canonical inputs of a folder (refusing any non-canonical file, naming file and line)."""
    _folder(folder)
    return parse_inputs({key: _read(folder, name) for key, name in FILE_NAMES.items()})


def read_randomness(folder: Path, inputs: DrawInputs) -> tuple[RandomnessValue, ...]:
    values, _ = parse_randomness(_read(folder, RANDOMNESS), inputs.plan)
    return values


def draw_folder(folder: Path) -> dict[str, Any]:
    """Run draw-v1 on the canonical files and ``randomness.json`` of ``folder``: the result object."""
    inputs = read_inputs(folder)
    return run_draw(inputs, read_randomness(folder, inputs))


def _write(folder: Path, name: str, data: bytes) -> Path:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return atomic_write(folder / name, write)


def write_inputs(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write the frozen inputs (keys as in ``FILE_NAMES``). A frozen file is never replaced by other bytes."""
    written = []
    for key, data in files.items():
        path = folder / FILE_NAMES[key]
        if path.exists() and path.read_bytes() != data:
            raise AddinError(
                "draw.evidence-exists",
                f"{path} 已存在且内容不同：冻结材料不能覆盖。新的冻结请使用新的文件夹。",
                {"path": str(path)},
            )
        written.append(_write(folder, FILE_NAMES[key], data))
    return written


def write_randomness(folder: Path, data: bytes) -> Path:
    return _write(folder, RANDOMNESS, data)


def write_log(folder: Path, log: Sequence[dict[str, Any]]) -> Path:
    """Rewrite ``log.jsonl``; the existing entries must be a prefix of ``log`` (a log only grows)."""
    path = folder / LOG
    new = log_bytes(log)
    if path.exists() and not new.startswith(path.read_bytes()):
        raise AddinError("draw.log-rewrite", f"{path} 中已有的记录与要写入的不一致：日志只能追加，不能改写。",
                         {"path": str(path)})
    return _write(folder, LOG, new)


def read_log(folder: Path) -> list[dict[str, Any]]:
    return parse_log(_read(folder, LOG))


def write_result(folder: Path, result: dict[str, Any]) -> Path:
    return _write(folder, RESULT, result_bytes(result))


@dataclass(frozen=True, slots=True)
class Verification:
    """What ``ssj verify`` found: the first difference (None when everything agrees) and the facts checked."""

    difference: str | None
    head: str | None
    entries: int
    voided: bool
    result_digest: str | None


def first_difference(given: Any, expected: Any, path: str = "") -> str | None:
    """The path of the first place where two JSON values differ, with both values (for the report)."""
    if type(given) is not type(expected):
        return f"{path or '整体'}：文件中为 {given!r}，重算为 {expected!r}"
    if isinstance(given, dict):
        for key in sorted(set(given) | set(expected)):
            if key not in given or key not in expected:
                return f"{path}.{key}：{'文件中缺少' if key not in given else '文件中多出'}该字段"
            found = first_difference(given[key], expected[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(given, list):
        for i, (a, b) in enumerate(zip(given, expected, strict=False)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        if len(given) != len(expected):
            return f"{path}：文件中有 {len(given)} 项，重算为 {len(expected)} 项"
        return None
    return None if given == expected else f"{path}：文件中为 {given!r}，重算为 {expected!r}"


# Only these make a folder unusable (exit 2); any other refusal of its content is a failed verification.
UNUSABLE_FOLDER = frozenset({"draw.no-folder", "draw.missing-input"})


def verify_folder(folder: Path, published_head: str | None = None) -> Verification:
    """Recompute everything in an evidence folder; :class:`AddinError` when the folder is unusable.

    ``published_head`` is a log hash published earlier (on a website, with a notary): it must be the hash of
    one of the entries, which fixes that entry and every entry before it.
    """
    try:
        return _verify(folder, published_head)
    except AddinError as err:
        if err.code in UNUSABLE_FOLDER:
            raise
        # The files are there but no longer well-formed: the evidence was altered after it was written.
        return Verification(f"抽取材料被改动过：{err.message}", None, 0, False, None)


def _verify(folder: Path, published_head: str | None) -> Verification:
    inputs = read_inputs(folder)
    log = read_log(folder)

    def report(difference: str | None, digest: str | None = None) -> Verification:
        return Verification(difference, head_hash(log), len(log), is_voided(log), digest)

    problem = chain_problem(log)
    if problem:
        return report(problem)
    if published_head is not None and published_head.strip().lower() not in {entry_hash(e) for e in log}:
        return report(f"公开的日志哈希 {published_head.strip()} 不是本日志任何一条记录的哈希：日志在公开之后被改动过。")
    if not log:
        return report("log.jsonl 是空的：没有冻结记录。")
    expected_freeze = freeze_entry(inputs)
    if log[0] != expected_freeze:
        where = first_difference(log[0], expected_freeze, "freeze")
        return report(f"冻结记录与冻结材料不符（{where}）：冻结后输入文件或计划被改动过。")
    kinds = [e["type"] for e in log]
    if "randomness" not in kinds:
        return report(None)
    values, raw = parse_randomness(_read(folder, RANDOMNESS), inputs.plan)
    logged = log[kinds.index("randomness")]["body"].get("randomness")
    if logged != raw:
        return report(f"randomness.json 与日志中的随机源取值记录不符：{first_difference(raw, logged, 'randomness')}")
    if "result" not in kinds:
        return report(None)
    expected = run_draw(inputs, values)
    given_bytes = _read(folder, RESULT)
    if given_bytes != result_bytes(expected):
        try:
            given = load_json(given_bytes, RESULT)
        except AddinError as err:
            return report(f"result.json 无法读取：{err.message}")
        where = first_difference(given, expected) or "格式（字节）不同"
        return report(f"result.json 与重算结果不符：{where}", expected["result_digest"])
    logged_digest = log[kinds.index("result")]["body"].get("result_digest")
    if logged_digest != expected["result_digest"]:
        return report(f"日志中的结果摘要 {logged_digest} 与重算的 result_digest {expected['result_digest']} 不符。",
                      expected["result_digest"])
    amendments = [e["body"] for e in log if e["type"] == "amend"]
    problem = replay_problem(inputs, expected, amendments)
    return report(problem, expected["result_digest"])
