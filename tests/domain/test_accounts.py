"""F0/F2 operations on one's own account: password change, referential completion, support."""

from __future__ import annotations

import datetime as dt

import pytest

from chorus_tui.domain import accounts, auth, passwords
from chorus_tui.domain.errors import PermissionDenied, ValidationError
from chorus_tui.models import Event, SupportRequest, User
from chorus_tui.models.codes import AccountStatus
from tests.domain.factories import PASSWORD, make_user

pytestmark = pytest.mark.usefixtures("db")

NEW = "Nouveau.Mot2Passe"


def test_change_password_needs_the_current_one(services):
    user = make_user(services)
    with pytest.raises(ValidationError) as refused:
        accounts.change_password(services, user, "Wrong.Password.1", NEW, NEW)
    assert refused.value.fields == {"current_password": ("password_wrong", {})}


def test_change_password_lists_every_problem_at_once(services):
    user = make_user(services)
    with pytest.raises(ValidationError) as refused:
        accounts.change_password(services, user, "", "short", "other")
    assert set(refused.value.fields) == {"current_password", "new_password", "confirmation"}


def test_change_password_refuses_the_current_password(services):
    user = make_user(services)
    with pytest.raises(ValidationError) as refused:
        accounts.change_password(services, user, PASSWORD, PASSWORD, PASSWORD)
    assert refused.value.fields["new_password"][0] == "password_is_current"


def test_change_password_stores_a_new_hash_and_restarts_the_validity(services, clock):
    user = make_user(services, password_changed_at=clock.now() - dt.timedelta(days=200))
    accounts.change_password(services, user, PASSWORD, NEW, NEW)
    stored = User.get_by_id(user.id)
    assert passwords.verify_password(services.hasher, stored.password_hash, NEW)
    assert stored.password_changed_at == clock.now()
    assert auth.pending_steps(stored, clock.now()) == []
    assert user.password_changed_at == clock.now(), "the session object is refreshed"
    assert Event.select().where(Event.user == user, Event.kind == "password_changed").exists()


def test_a_deactivated_account_cannot_change_its_password(services):
    user = make_user(services, status=AccountStatus.DESACTIVE)
    with pytest.raises(PermissionDenied):
        accounts.change_password(services, user, PASSWORD, NEW, NEW)


def referential_values(**overrides):
    values = {
        "email": "pauline.dufour@mairieterneuil.fr",
        "nom": "DUFOUR",
        "prenom": "Pauline",
        "adresse": "1 place de la Mairie",
        "code_postal": "97500",
        "ville": "Terneuil sur Seine",
        "pays": "fr",
    }
    values.update(overrides)
    return values


def test_referential_completion_saves_the_information(services):
    user = make_user(services, is_referential=True, info_completed=False, email="", ville="")
    accounts.complete_referential_info(
        services, user, referential_values(ville="  Terneuil sur Seine ")
    )
    stored = User.get_by_id(user.id)
    assert stored.info_completed
    assert (stored.ville, stored.pays, stored.search_ville) == (
        "Terneuil sur Seine",
        "FR",
        "terneuil sur seine",
    )


def test_referential_completion_lists_every_missing_field(services):
    user = make_user(services, is_referential=True, info_completed=False)
    with pytest.raises(ValidationError) as refused:
        accounts.complete_referential_info(
            services, user, referential_values(email="not-an-email", nom="", ville="", pays="XX")
        )
    assert refused.value.fields == {
        "email": ("email_invalid", {}),
        "nom": ("required", {}),
        "ville": ("required", {}),
        "pays": ("country_invalid", {}),
    }
    assert not User.get_by_id(user.id).info_completed


def test_referential_completion_refuses_control_characters_and_overlong_values(services):
    user = make_user(services, is_referential=True, info_completed=False)
    with pytest.raises(ValidationError) as refused:
        accounts.complete_referential_info(
            services, user, referential_values(nom="DU\x1b[2JFOUR", prenom="P" * 101)
        )
    assert refused.value.fields["nom"][0] == "control_characters"
    assert refused.value.fields["prenom"] == ("too_long", {"max": 100})


def test_only_referential_accounts_complete_referential_information(services):
    user = make_user(services)
    with pytest.raises(PermissionDenied):
        accounts.complete_referential_info(services, user, referential_values())


def test_support_request_gets_a_number(services, clock):
    user = make_user(
        services, status=AccountStatus.DESACTIVE, deactivated_at=clock.now() - dt.timedelta(days=90)
    )
    number = accounts.create_support_request(services, user)
    assert number.startswith("SOL-2026-")
    assert SupportRequest.get(SupportRequest.number == number).user_id == user.id


def test_active_accounts_do_not_file_support_requests_from_login(services):
    with pytest.raises(PermissionDenied):
        accounts.create_support_request(services, make_user(services))
