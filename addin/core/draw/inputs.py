"""All frozen inputs at once: the four canonical TSV files and ``plan.json``, from bytes, with their digests."""

from __future__ import annotations

from collections.abc import Mapping

from addin.core.draw.canonical import parse_conflicts, parse_pool, parse_roster, parse_team_conflicts
from addin.core.draw.hashing import sha256_hex
from addin.core.draw.model import INPUT_FILES, DrawInputs, InputDigests
from addin.core.draw.plan import parse_plan
from addin.core.errors import AddinError

FILE_NAMES = {name: f"{name}.tsv" for name in INPUT_FILES} | {"plan": "plan.json"}
"""Input key → file name in an evidence folder."""


def digests_of(files: Mapping[str, bytes]) -> InputDigests:
    """Hex SHA-256 of the raw bytes of the four TSV files (what the freeze entry commits to)."""
    return InputDigests(**{name: sha256_hex(files[name]) for name in INPUT_FILES})


def parse_inputs(files: Mapping[str, bytes]) -> DrawInputs:
    """Parse and check ``{"pool", "roster", "conflicts", "team_conflicts", "plan"} → bytes``.

    Raises :class:`AddinError` (``draw.missing-input``, ``draw.not-canonical``, ``draw.bad-plan`` …) naming
    the file and line of the first problem.
    """
    missing = [FILE_NAMES[k] for k in FILE_NAMES if k not in files]
    if missing:
        raise AddinError("draw.missing-input", f"缺少冻结输入文件：{'、'.join(missing)}", {"files": missing})
    plan = parse_plan(files["plan"])
    return DrawInputs(
        plan=plan,
        pool=parse_pool(files["pool"], plan.spec),
        roster=parse_roster(files["roster"]),
        conflicts=parse_conflicts(files["conflicts"]),
        team_conflicts=parse_team_conflicts(files["team_conflicts"]),
        digests=digests_of(files),
    )
