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

from addin.adapters.files import TEMPORARY_PREFIX, atomic_write
from addin.core.display import shown
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


def draw_folder(folder: Path, spec: str | None = None) -> dict[str, Any]:
    """Run the draw on the canonical files and ``randomness.json`` of ``folder``: the result object. ``spec``
    (draw-v1 / draw-v2): refuse a folder frozen under another version of the rules."""
    inputs = read_inputs(folder)
    if spec is not None and inputs.plan.spec != spec:
        raise AddinError("draw.other-spec", f"{folder} 的 plan.json 按 {inputs.plan.spec} 冻结，不能按 {spec} 计算："
                         f"请用 ssj {inputs.plan.spec} {folder}（ssj verify 自动按冻结时的版本核验）。",
                         {"spec": inputs.plan.spec, "wanted": spec})
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
    notes: tuple[str, ...] = ()  # files ignored (what Windows or macOS put in any folder)


def first_difference(given: Any, expected: Any, path: str = "") -> str | None:
    """The path of the first place where two JSON values differ, with both values (for the report)."""
    if type(given) is not type(expected):
        return f"{path or '整体'}：文件中为 {shown(repr(given))}，重算为 {shown(repr(expected))}"
    if isinstance(given, dict):
        for key in sorted(set(given) | set(expected)):
            if key not in given or key not in expected:
                return f"{path}.{shown(key)}：{'文件中缺少' if key not in given else '文件中多出'}该字段"
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
    return None if given == expected else f"{path}：文件中为 {shown(repr(given))}，重算为 {shown(repr(expected))}"


# Only these make a folder unusable (exit 2); any other refusal of its content is a failed verification.
UNUSABLE_FOLDER = frozenset({"draw.no-folder", "draw.not-evidence"})
# What file managers put in any folder they show: not evidence, ignored with a note.
SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})


def verify_folder(folder: Path, published_head: str | None = None) -> Verification:
    """Recompute everything in an evidence folder; :class:`AddinError` when the folder is unusable (missing, or
    not an evidence folder at all).

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


def _listing(folder: Path) -> tuple[list[Path], tuple[str, ...]]:
    """The folder's entries that must be accounted for, and notes on the system files ignored."""
    _folder(folder)
    entries, notes = [], []
    for path in sorted(folder.iterdir()):
        if path.name.casefold() in SYSTEM_FILES and path.is_file() and not path.is_symlink():
            notes.append(f"已忽略系统生成的文件 {path.name}（不属于抽取材料）。")
        else:
            entries.append(path)
    names = {p.name for p in entries}
    if LOG not in names and not names & set(FILE_NAMES.values()):
        raise AddinError("draw.not-evidence", f"{folder} 不是抽取材料文件夹：其中没有 log.jsonl，也没有冻结输入文件"
                         f"（{'、'.join(FILE_NAMES.values())}）。", {"path": str(folder)})
    return entries, tuple(notes)


def accounting_problem(entries: Sequence[Path], log: Sequence[dict[str, Any]]) -> str | None:
    """The first file of the folder that the log does not account for, or the first file an entry of the log
    needs that is missing (spec §7: the freeze entry commits to the five inputs, the randomness entry to
    randomness.json, the result entry to result.json), in Chinese; None when they agree."""
    kinds = {e["type"] for e in log}
    wanted = {*FILE_NAMES.values(), LOG}
    if "randomness" in kinds:
        wanted.add(RANDOMNESS)
    if "result" in kinds:
        wanted.add(RESULT)
    present = set()
    for path in entries:
        name = path.name
        if name.startswith(TEMPORARY_PREFIX):
            return (f"抽取材料文件夹中有写入中断留下的临时文件 {name}：某一步骤（冻结、抽取或变更）没有完成。"
                    "请重新运行同一命令完成该步骤，再校验。")
        if path.is_symlink() or not path.is_file():
            return f"抽取材料文件夹中的 {name} 不是普通文件（{'符号链接' if path.is_symlink() else '文件夹或特殊文件'}），日志不记载它。"
        if name == RANDOMNESS and name not in wanted:
            return ("randomness.json 在日志中没有对应的随机源取值记录（randomness）：抽取没有完成，或日志末尾的记录"
                    "被删除。若是抽取中断，请重新运行同一条抽取命令完成；否则请与公开的日志哈希（--head）核对。")
        if name == RESULT and name not in wanted:
            return ("result.json 在日志中没有对应的抽取结果记录（result）：抽取没有完成，或日志末尾的记录被删除。"
                    "若是抽取中断，请重新运行同一条抽取命令完成；否则请与公开的日志哈希（--head）核对。")
        if name not in wanted:
            return f"抽取材料文件夹中有日志未记载的文件 {name}：抽取材料只能包含冻结输入、随机源取值、抽取结果和日志。"
        present.add(name)
    for name in [*FILE_NAMES.values(), LOG, RANDOMNESS, RESULT]:
        if name in wanted and name not in present:
            entry = {RANDOMNESS: "随机源取值记录（randomness）", RESULT: "抽取结果记录（result）"}.get(name, "冻结记录（freeze）")
            return f"缺少文件 {name}：日志中的{entry}需要它。"
    return None


def _verify(folder: Path, published_head: str | None) -> Verification:
    entries, notes = _listing(folder)
    if LOG not in {p.name for p in entries}:
        return Verification("缺少文件 log.jsonl：冻结没有完成（冻结输入已写入，日志未写入），或日志被删除。"
                            "冻结中断时请重新运行同一条冻结命令。", None, 0, False, None, notes)
    log = read_log(folder)

    def report(difference: str | None, digest: str | None = None) -> Verification:
        return Verification(difference, head_hash(log), len(log), is_voided(log), digest, notes)

    problem = chain_problem(log)
    if problem:
        return report(problem)
    if published_head is not None and published_head.strip().lower() not in {entry_hash(e) for e in log}:
        return report(f"公开的日志哈希 {published_head.strip()[:80]} 不是本日志任何一条记录的哈希：日志在公开之后被改动过。")
    if not log:
        return report("log.jsonl 是空的：没有冻结记录。")
    problem = accounting_problem(entries, log)
    if problem:
        return report(problem)
    inputs = read_inputs(folder)
    expected_freeze = freeze_entry(inputs)
    if log[0] != expected_freeze:
        where = first_difference(log[0], expected_freeze, "freeze")
        return report(f"冻结记录与冻结材料不符（{where}）：冻结后输入文件或计划被改动过。")
    kinds = [e["type"] for e in log]
    if "randomness" not in kinds:
        return report(None)
    values, raw = parse_randomness(_read(folder, RANDOMNESS), inputs.plan)
    logged = log[kinds.index("randomness")]["body"]["randomness"]
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
    logged_digest = log[kinds.index("result")]["body"]["result_digest"]
    if logged_digest != expected["result_digest"]:
        return report(f"日志中的结果摘要 {logged_digest} 与重算的结果摘要 {expected['result_digest']} 不符。",
                      expected["result_digest"])
    amendments = [e["body"] for e in log if e["type"] == "amend"]
    problem = replay_problem(inputs, expected, amendments)
    return report(problem, expected["result_digest"])
