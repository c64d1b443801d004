"""One-time code format and check symbol; PIN hashing and the lockout rule (pure, no Qt, no DB)."""

from __future__ import annotations

import pytest

from kiosk.services.codes import (
    ALPHABET,
    CODE_BITS,
    CodeFormatError,
    CodeTypoError,
    check_symbol,
    display_code,
    generate_code,
    parse_code,
)
from kiosk.services.pin import LOCK_AFTER, Lockout, PinError, hash_pin, lock_seconds, validate_new_pin, verify_pin

S = 1_000_000_000


def test_codes_carry_at_least_40_random_bits_and_round_trip() -> None:
    assert CODE_BITS >= 40
    codes = {generate_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 11 and set(code) <= set(ALPHABET)
        shown = display_code(code)
        assert shown.count("-") == 2
        assert parse_code(shown) == code
        assert parse_code(f"  {shown.lower()} ") == code


def test_crockford_aliases_read_i_l_as_one_and_o_as_zero() -> None:
    data = "1010ABCDEF"
    code = data + check_symbol(data)
    assert parse_code("I0L0-abcd-ef" + code[-1]) == code
    assert parse_code("1o10abcdef" + code[-1].lower()) == code


def test_every_single_symbol_typo_is_caught() -> None:
    for _ in range(20):
        code = generate_code()
        for position in range(len(code)):
            for symbol in ALPHABET:
                if symbol == code[position]:
                    continue
                typo = code[:position] + symbol + code[position + 1:]
                with pytest.raises(CodeTypoError):
                    parse_code(typo)


def test_most_neighbour_swaps_are_caught() -> None:
    swaps = caught = 0
    for _ in range(200):
        code = generate_code()
        for i in range(len(code) - 1):
            if code[i] == code[i + 1]:
                continue
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
            swaps += 1
            try:
                parse_code(swapped)
            except CodeTypoError:
                caught += 1
    assert caught / swaps > 0.9


@pytest.mark.parametrize("text", ["", "ABC", "ABCDEFGHJKMN", "ABCDE-FGHJU", "ABCD*FGHJKM"])
def test_malformed_codes_are_refused_with_a_format_error(text: str) -> None:
    with pytest.raises(CodeFormatError):
        parse_code(text)


def test_pin_hash_is_salted_scrypt_and_verifies() -> None:
    first, second = hash_pin("4321"), hash_pin("4321")
    assert first.startswith("scrypt$") and first != second and "4321" not in first
    assert verify_pin("4321", first) and verify_pin("4321", second)
    assert not verify_pin("4320", first)


@pytest.mark.parametrize(("pin", "again"), [("12", "12"), ("12a4", "12a4"), ("1234", "1235"), ("1" * 13, "1" * 13)])
def test_bad_new_pins_are_refused(pin: str, again: str) -> None:
    with pytest.raises(PinError):
        validate_new_pin(pin, again)


def test_the_fifth_wrong_pin_locks_for_a_growing_delay() -> None:
    state = Lockout()
    now = 1000 * S
    for _ in range(LOCK_AFTER - 1):
        state = state.after_failure(now)
        assert state.remaining_s(now) == 0
    state = state.after_failure(now)
    first_lock = state.remaining_s(now)
    assert first_lock == lock_seconds(1) > 0
    later = now + first_lock * S
    assert state.remaining_s(later) == 0
    for _ in range(LOCK_AFTER):
        state = state.after_failure(later)
    assert state.remaining_s(later) == lock_seconds(2) > first_lock
    assert state.after_success() == Lockout()
