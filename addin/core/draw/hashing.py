"""The two primitives of draw-v1 (spec §1): the framed hash ``H`` and canonical JSON (规范化 JSON).

``H(label, f1, …, fk) = SHA-256(u32be(len(x)) ‖ x for x in [label, f1, …, fk])`` — strings as UTF-8, the
label separating the domains (seed, rank, unit, pick). Canonical JSON has sorted ASCII keys, no white space,
UTF-8 strings and integers only (no floats anywhere): two implementations hash exactly the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

from addin.core.errors import AddinError

MAX_SAFE_INT = 2**53
ZERO_HASH = "0" * 64


def frame(field: str | bytes) -> bytes:
    """One field as H frames it: its length as 4 bytes big-endian, then the bytes."""
    data = field.encode("utf-8") if isinstance(field, str) else field
    return len(data).to_bytes(4, "big") + data


def H(label: str, *fields: str | bytes) -> bytes:
    """The framed SHA-256 of spec §1 (a 32-byte digest)."""
    return hashlib.sha256(b"".join(frame(f) for f in (label, *fields))).digest()


def H_prefix(label: str, *fields: str | bytes) -> Any:
    """A SHA-256 object fed with the first fields of an ``H``: ``copy()`` it and feed ``frame(last)``.

    The hot paths (rank keys, picks) share every field but the last, so they hash the prefix once.
    """
    return hashlib.sha256(b"".join(frame(f) for f in (label, *fields)))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_json_value(value: Any, where: str = "$") -> None:
    """Refuse what canonical JSON cannot hold: floats, huge integers, non-ASCII keys, non-NFC strings."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        if abs(value) >= MAX_SAFE_INT:
            raise AddinError("draw.json-int-range", f"{where} 的整数超出范围（|x| < 2^53）：{value}", {"where": where})
        return
    if isinstance(value, str):
        if not unicodedata.is_normalized("NFC", value):
            raise AddinError("draw.json-not-nfc", f"{where} 的文字不是 Unicode NFC 规范形式。", {"where": where})
        return
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_json_value(item, f"{where}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or not key.isascii():
                raise AddinError("draw.json-key", f"{where} 的键必须是 ASCII 文字：{key!r}", {"where": where})
            check_json_value(item, f"{where}.{key}")
        return
    raise AddinError(
        "draw.json-type", f"{where} 含有不允许的值类型 {type(value).__name__}（draw-v1 不允许小数）。", {"where": where}
    )


def canonical_json(value: Any, *, check: bool = True) -> bytes:
    """Canonical JSON bytes of spec §1 (``check=False`` only for values this package built itself)."""
    if check:
        check_json_value(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
