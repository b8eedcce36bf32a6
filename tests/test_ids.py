"""The check-digit algorithms against the standards' own examples (domain.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from addin.core import ids


@pytest.mark.parametrize("code", ["91110000600037341L", "91350100M000100Y43"])
def test_valid_uscc_examples(code: str) -> None:
    assert ids.uscc_checksum_ok(code)


def test_uscc_one_changed_character_is_caught() -> None:
    assert not ids.uscc_checksum_ok("91110000600037341M")
    assert not ids.uscc_checksum_ok("91110000600037342L")


def test_uscc_check_char_recomputes_the_examples() -> None:
    assert ids.uscc_check_char("91110000600037341") == "L"
    assert ids.uscc_check_char("91350100M000100Y4") == "3"


def test_uscc_letters_outside_the_charset_are_rejected() -> None:
    assert not ids.uscc_checksum_ok("9111000060003734IO")


def test_inner_org_code() -> None:
    assert ids.uscc_inner_ok("91110000600037341L")  # 60003734-1
    assert not ids.uscc_inner_ok("91110000600037351A")


def test_normalise_code_full_width_lower_case_and_spaces() -> None:
    assert ids.normalise_code("９１１１０ ０００６０００３７３４１ｌ") == "91110000600037341L"
    assert ids.normalise_code(" zf 001 ") == "ZF001"


def test_idcard_example_and_birthdate() -> None:
    assert ids.idcard_checksum_ok("11010519491231002X")
    assert not ids.idcard_checksum_ok("110105194912310021")
    assert ids.idcard_birthdate("11010519491231002X") == dt.date(1949, 12, 31)
    assert ids.idcard_birthdate_ok("11010519491231002X", dt.date(2024, 1, 1))
    assert ids.idcard_birthdate("11010519491331002X") is None
    future = "110105" + "20300101" + "001"
    future += ids.idcard_check_char(future)
    assert ids.idcard_checksum_ok(future)
    assert not ids.idcard_birthdate_ok(future, dt.date(2024, 1, 1))


def test_mask_idcard_keeps_only_the_ends() -> None:
    assert ids.mask_idcard("11010519491231002X") == "1101**********002X"
