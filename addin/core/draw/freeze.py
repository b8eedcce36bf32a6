"""The freeze entry (冻结记录), its hash, and the seed (随机种子) of spec §3.

The freeze entry is the first entry of the draw's log: the plan as parsed and the SHA-256 of each canonical
input file. The seed hashes the freeze hash together with every randomness value, which nobody could know
when the inputs were frozen — so any later edit of an input changes every key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from addin.core.draw.hashing import ZERO_HASH, H, canonical_json, sha256_hex
from addin.core.draw.model import DrawInputs, RandomnessValue


def freeze_entry(inputs: DrawInputs) -> dict[str, Any]:
    """``{"seq": 0, "prev": 64 zeros, "type": "freeze", "body": {"spec", "plan", "inputs"}}``."""
    return {
        "seq": 0,
        "prev": ZERO_HASH,
        "type": "freeze",
        "body": {"spec": inputs.plan.spec, "plan": inputs.plan.raw, "inputs": inputs.digests.as_dict()},
    }


def freeze_hash(inputs: DrawInputs) -> str:
    """Hex SHA-256 of the canonical JSON of the freeze entry."""
    return sha256_hex(canonical_json(freeze_entry(inputs)))


def seed(freeze_hash_hex: str, values: Sequence[RandomnessValue]) -> bytes:
    """``H("draw-v1/seed", bytes.fromhex(freeze_hash), "type:id:value" …)`` — 32 bytes."""
    return H("draw-v1/seed", bytes.fromhex(freeze_hash_hex), *(v.seed_field() for v in values))
