"""Identifier check digits, implemented exactly as the standards say (domain.md "Identifier checks").

- 统一社会信用代码 (GB 32100-2015): 18 characters over ``0-9A-HJ-NPQRTUWXY`` (no I O Z S V), weights
  1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, check = (31 − Σ mod 31) mod 31. Codes may begin with a
  letter (A…, N…, Y…). The inner 组织机构代码 (positions 9–17, GB 11714) failing is only a warning.
- 身份证号 (GB 11643): weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, Σ mod 11 → ``10X98765432``; positions
  7–14 a real, past birth date.

:func:`normalise_code` is the one normalisation of code text: full-width → half-width, upper case, no spaces.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {ch: i for i, ch in enumerate(USCC_CHARSET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normalise_code(value: object) -> str:
    """Code text as compared and stored: NFKC (full-width → half-width), upper case, no white space.

    A whole number that Excel stored as a number comes back as its digits (``1.2e3`` never appears: the
    adapter has already turned integral floats into ``int``).
    """
    text = str(value)
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).upper()


def uscc_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 whose first 17 characters are given."""
    total = sum(_USCC_VALUE[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_checksum_ok(code: str) -> bool:
    """True when an 18-character code over the charset carries the right check character."""
    if len(code) != 18 or any(ch not in _USCC_VALUE for ch in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def org_code_check_char(first8: str) -> str:
    """The 9th character of a 组织机构代码 (GB 11714): letters A–Z count 10–35; 10 → X, 11 → 0."""
    total = 0
    for ch, w in zip(first8, _ORG_WEIGHTS, strict=True):
        value = int(ch) if ch.isdigit() else ord(ch) - 55
        total += value * w
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def uscc_inner_ok(code: str) -> bool:
    """The 组织机构代码 inside a 统一社会信用代码 (positions 9–17) is consistent."""
    inner = code[8:17]
    if len(inner) != 9 or not all(ch.isdigit() or "A" <= ch <= "Z" for ch in inner[:8]):
        return False
    return org_code_check_char(inner[:8]) == inner[8]


def is_legacy_registration_number(code: str) -> bool:
    """A legacy 15-digit 注册号 (accepted with a warning)."""
    return len(code) == 15 and code.isdigit()


def idcard_check_char(first17: str) -> str:
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def idcard_checksum_ok(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789X":
        return False
    return idcard_check_char(number[:17]) == number[17]


def idcard_birthdate(number: str) -> dt.date | None:
    """The birth date in positions 7–14, or None when it is not a calendar date."""
    digits = number[6:14]
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def idcard_birthdate_ok(number: str, today: dt.date) -> bool:
    """Positions 7–14 are a real date, not in the future and not before 1900."""
    born = idcard_birthdate(number)
    return born is not None and dt.date(1900, 1, 1) <= born <= today


def looks_like_idcard(code: str, today: dt.date) -> bool:
    """An 18-character code that is a valid 身份证号 — check character right and a plausible birth date: typed
    into 统一社会信用代码 (a 个体工商户 entered under its operator's ID), it is personal data, never a code."""
    return len(code) == 18 and code[:17].isdigit() and idcard_checksum_ok(code) and idcard_birthdate_ok(code, today)


def mask_idcard(number: str) -> str:
    """``11010519491231002X`` → ``1101**********002X``: what any output may show of an ID number."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
