"""F2: the password policy, the complexity meter and hashing."""

from __future__ import annotations

import datetime as dt

import pytest

from chorus_tui.domain import passwords
from chorus_tui.domain.context import cheap_hasher, default_hasher
from chorus_tui.domain.passwords import Strength, policy_errors


def test_demo_password_satisfies_the_policy():
    assert policy_errors("Chorus.Pro.2017", login="paul.dupont@menuiserie.fr") == []


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Short.1a", "password_too_short"),
        ("A" * 60 + "a" * 60 + "1.!" * 3, "password_too_long"),
        ("alllowercaseletters", "password_groups"),
        ("ALLUPPER123456", "password_groups"),
        ("Tab\there.Pass1", "control_characters"),
    ],
)
def test_policy_refuses(password, code):
    assert code in policy_errors(password)


def test_three_of_four_groups_are_enough():
    assert policy_errors("lowercase12345!") == []
    assert policy_errors("Lowercaseletters1") == []
    assert policy_errors("UPPERCASE12345!") == []


def test_accented_letters_count_as_special_characters():
    assert passwords.character_groups("éé") == 1
    assert policy_errors("lowercaseéé123") == []


def test_password_may_not_be_the_login_id():
    assert "password_is_login" in policy_errors(
        "Paul.Dupont@Menuiserie.fr", login="paul.dupont@menuiserie.fr"
    )


def test_new_password_may_not_be_the_current_one():
    assert "password_is_current" in policy_errors("Chorus.Pro.2017", current="Chorus.Pro.2017")


def test_common_passwords_are_refused_whatever_their_case():
    assert policy_errors("1Qaz2Wsx3Edc") == ["password_common"]
    assert policy_errors("Qwerty123456") == ["password_common"]


def test_long_passwords_are_never_truncated():
    hasher = cheap_hasher()
    base = "Aa1!" * 30
    stored = passwords.hash_password(hasher, base + "x")
    assert not passwords.verify_password(hasher, stored, base + "y")


def test_passwords_are_compared_in_nfkc():
    hasher = cheap_hasher()
    stored = passwords.hash_password(hasher, "Ｃhorus.Pro.2017")  # full-width C
    assert passwords.verify_password(hasher, stored, "Chorus.Pro.2017")


def test_strength_meter_grades_insufficient_medium_strong():
    assert passwords.strength("abc") is Strength.INSUFFISANTE
    assert passwords.strength("Azerty123456") in (Strength.INSUFFISANTE, Strength.MOYENNE)
    assert passwords.strength("Chorus.Pro.2017") in (Strength.MOYENNE, Strength.FORTE)
    assert passwords.strength("vK7#pL2!qZ9@wR4$") is Strength.FORTE


def test_hashes_are_argon2id_and_cheap_ones_need_rehash_under_the_default():
    stored = passwords.hash_password(cheap_hasher(), "Chorus.Pro.2017")
    assert stored.startswith("$argon2id$")
    assert passwords.needs_rehash(default_hasher(), stored)


def test_password_expires_after_180_days():
    changed = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert not passwords.is_expired(changed, changed + dt.timedelta(days=179))
    assert passwords.is_expired(changed, changed + dt.timedelta(days=180))
    assert passwords.days_until_expiry(changed, changed + dt.timedelta(days=170)) == 10


def test_secret_answers_are_normalised():
    assert passwords.normalise_answer("  Le   Petit  CHAT ") == "le petit chat"
