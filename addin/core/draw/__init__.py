"""draw-v1: a reproducible, publicly verifiable draw (双随机抽取), exactly as ``docs/draw-v1.md`` specifies.

Pure: works on bytes and values handed in (the evidence folder is read and written by
``addin.services.draw.evidence``). Unusable input raises :class:`addin.core.errors.AddinError` with a stable
code and a Chinese message (``draw.not-canonical`` names the file and the line).

The public API — what a freeze / draw / substitute / void flow builds on:

**Freeze** (冻结): build the canonical files from raw rows (any order; NFC, trimmed, IDs upper-cased; sorted;
duplicates refused with ``draw.duplicate-key``), then parse them back and start the log::

    files = {"pool": build_pool_tsv(rows), "roster": build_roster_tsv(...), "conflicts": build_conflicts_tsv(...),
             "team_conflicts": build_team_conflicts_tsv(...), "plan": build_plan_json(plan_dict)}
    inputs = parse_inputs(files)             # DrawInputs: typed frozen inputs + digests
    log = start(inputs)                      # [freeze entry]; freeze_hash(inputs) is its hash

**Draw** (抽取), once the named future randomness is known::

    values, _ = parse_randomness(build_randomness_json([(type, id, value), ...]), inputs.plan)
    log = append_randomness(log, values)
    result = run_draw(inputs, values)        # canonical result dict of spec §7, with result_digest
    log = append_result(log, result)
    result_bytes(result)                     # the bytes of result.json (canonical JSON + LF)

**After publication**: ``substitute(inputs, result, amendments, unit_id, slot, reason)`` and
``replace_from_reserve(result, amendments, task_id, entity_id, reason)`` return amend bodies, appended with
``append(log, "amend", body)``; ``current_state(result, amendments)`` gives teams, loads and target lists as
they stand. ``append_void(log, reason)`` closes the draw: nothing can be appended after it.

**Checking**: ``parse_log`` / ``log_bytes`` read and write ``log.jsonl``; ``chain_problem(log)`` and
``replay_problem(inputs, result, amendments)`` return the first problem in Chinese, or None.
"""

from addin.core.draw.amend import DrawState, current_state, replace_from_reserve, replay_problem, substitute
from addin.core.draw.build import (
    build_conflicts_tsv,
    build_plan_json,
    build_pool_tsv,
    build_randomness_json,
    build_roster_tsv,
    build_team_conflicts_tsv,
    clean_id,
    clean_text,
)
from addin.core.draw.canonical import parse_conflicts, parse_pool, parse_roster, parse_team_conflicts
from addin.core.draw.freeze import freeze_entry, freeze_hash, seed
from addin.core.draw.hashing import H, canonical_json
from addin.core.draw.inputs import FILE_NAMES, digests_of, parse_inputs
from addin.core.draw.log import (
    ENTRY_TYPES,
    append,
    append_randomness,
    append_result,
    append_void,
    chain_problem,
    entry_hash,
    head_hash,
    is_voided,
    log_bytes,
    parse_log,
    start,
)
from addin.core.draw.model import (
    Alloc,
    Conflict,
    DrawInputs,
    InputDigests,
    Inspector,
    Plan,
    RandomnessSource,
    RandomnessValue,
    Target,
    Task,
    TeamConflict,
)
from addin.core.draw.plan import load_json, parse_plan, parse_randomness
from addin.core.draw.result import result_bytes, result_digest, run_draw

__all__ = [
    "ENTRY_TYPES",
    "FILE_NAMES",
    "Alloc",
    "Conflict",
    "DrawInputs",
    "DrawState",
    "H",
    "InputDigests",
    "Inspector",
    "Plan",
    "RandomnessSource",
    "RandomnessValue",
    "Target",
    "Task",
    "TeamConflict",
    "append",
    "append_randomness",
    "append_result",
    "append_void",
    "build_conflicts_tsv",
    "build_plan_json",
    "build_pool_tsv",
    "build_randomness_json",
    "build_roster_tsv",
    "build_team_conflicts_tsv",
    "canonical_json",
    "chain_problem",
    "clean_id",
    "clean_text",
    "current_state",
    "digests_of",
    "entry_hash",
    "freeze_entry",
    "freeze_hash",
    "head_hash",
    "is_voided",
    "load_json",
    "log_bytes",
    "parse_conflicts",
    "parse_inputs",
    "parse_log",
    "parse_plan",
    "parse_pool",
    "parse_randomness",
    "parse_roster",
    "parse_team_conflicts",
    "replace_from_reserve",
    "replay_problem",
    "result_bytes",
    "result_digest",
    "run_draw",
    "seed",
    "start",
    "substitute",
]
