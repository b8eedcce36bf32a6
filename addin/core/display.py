"""How a value from a user's file or from evidence is shown in a message, a report or JSON (显示): control
characters made visible, and cut to a sensible length with a note of the full length — a 50 MB cell gives a
message of a few hundred characters, never 50 MB of stderr.
"""

from __future__ import annotations

import math
import re

LIMIT = 200  # characters of a value shown in a message
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def escaped(text: str) -> str:
    """Control and invisible characters as escapes (``\\x01``, ``\\t``, ``\\u200b``); the rest unchanged. A
    workbook cell cannot hold most control characters (Excel writes them as ``_x0001_``): this is what a report
    shows instead, and what a reader can see."""
    return _INVISIBLE.sub(_escape, text)


def clip(text: str, limit: int = LIMIT) -> str:
    """``text`` cut to ``limit`` characters with a note of its full length (``…（共 52428800 个字符）``)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…（共 {len(text)} 个字符）"


def shown(value: object, limit: int = LIMIT) -> str:
    """A value as messages show it: text escaped and clipped; an infinite or NaN number named as such."""
    if isinstance(value, float) and not math.isfinite(value):
        return "非数字（NaN）" if math.isnan(value) else ("超出范围的极大数（∞）" if value > 0 else "超出范围的极小数（-∞）")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * limit:
        # Python refuses to spell an integer of more than 4,300 digits; a user's cell never needs it
        return f"位数极多的整数（约 {int(math.log10(abs(value))) + 1} 位）"
    text = value if isinstance(value, str) else str(value)
    return escaped(clip(text, limit))
