"""F2 « Valider » of Mon Compte: every block at once, in one transaction."""

from __future__ import annotations

import pytest

from chorus_tui.domain import passwords, profile
from chorus_tui.domain.errors import Conflict, PermissionDenied, ValidationError
from chorus_tui.domain.text import fold
from chorus_tui.models import Event, User
from chorus_tui.models.codes import AccountStatus
from tests.domain.factories import PASSWORD, make_user

pytestmark = pytest.mark.usefixtures("db")

NEW = "Nouveau.Mot2Passe"


def form(user: User, **overrides) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(user, name) for name in profile.PROFILE_FIELDS}
    values.update(
        language=user.language,
        notifications=user.notifications,
        secret_question=user.secret_question,
        secret_answer="",
        current_password="",
        new_password="",
        confirmation="",
    )
    values.update(overrides)
    return values


def snapshot(user: User) -> dict:
    return dict(User.get_by_id(user.id).__data__)


def test_profile_fields_are_the_f2_text_fields():
    assert profile.PROFILE_FIELDS == (
        "email",
        "nom",
        "prenom",
        "adresse",
        "complement1",
        "complement2",
        "code_postal",
        "ville",
        "pays",
        "telephone",
        "fax",
    )


def test_valider_saves_every_block(services, clock):
    user = make_user(services)
    version = user.version
    values = form(
        user,
        email=" paul.dupont@menuiserie.fr ",
        nom="Dupont-Éloïse",
        prenom="Paul",
        adresse="12 rue des Érables",
        complement1="Bâtiment B",
        complement2="",
        code_postal="75012",
        ville="Paris",
        pays="fr",
        telephone="+33 (0)1 23.45-67",
        fax="01 23 45 67 89",
        language="EN",
        notifications=True,
        secret_question="Quel est le nom de mon premier animal ?",
        secret_answer="  Médor   le  Chien ",
    )
    profile.save_profile(services, user, values, expected_version=version)
    stored = User.get_by_id(user.id)
    assert stored.email == "paul.dupont@menuiserie.fr"
    assert stored.nom == "Dupont-Éloïse"
    assert stored.pays == "FR"
    assert stored.telephone == "+33 (0)1 23.45-67"
    assert stored.language == "EN"
    assert stored.notifications is True
    assert stored.secret_question == "Quel est le nom de mon premier animal ?"
    assert stored.search_nom == fold("Dupont-Éloïse")
    assert stored.search_adresse == fold("12 rue des Érables")
    assert stored.modified_at == clock.now()
    assert stored.version == version + 1
    assert profile.verify_secret_answer(services, stored, "médor le chien")
    assert not profile.verify_secret_answer(services, stored, "Rex")
    assert "Médor" not in (stored.secret_answer_hash or "")
    assert user.language == "EN" and user.version == version + 1, "session object refreshed"
    assert not Event.select().where(Event.kind == "password_changed").exists()


def test_every_field_error_is_listed_at_once_and_nothing_is_saved(services):
    user = make_user(services, secret_question="Ma question", secret_answer_hash=None)
    before = snapshot(user)
    values = form(
        user,
        email="pas-une-adresse",
        nom="",
        prenom="x" * 101,
        adresse="",
        complement1="a\x1bb",
        code_postal="12345678901",
        ville="",
        pays="ZZ",
        telephone="01 23 ab",
        fax="+" * 31,
        language="DE",
        secret_question="Autre\u202equestion",
        secret_answer="r\x00ponse",
        current_password="",
        new_password="court",
        confirmation="autre",
    )
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(services, user, values)
    assert refused.value.fields == {
        "email": ("email_invalid", {}),
        "nom": ("required", {}),
        "prenom": ("too_long", {"max": 100}),
        "adresse": ("required", {}),
        "complement1": ("control_characters", {}),
        "code_postal": ("too_long", {"max": 10}),
        "ville": ("required", {}),
        "pays": ("country_invalid", {}),
        "telephone": ("phone_invalid", {}),
        "fax": ("too_long", {"max": 30}),
        "language": ("language_invalid", {}),
        "secret_question": ("control_characters", {}),
        "secret_answer": ("control_characters", {}),
        "current_password": ("required", {}),
        "new_password": ("password_too_short", {}),
        "confirmation": ("password_mismatch", {}),
    }
    assert snapshot(user) == before


def test_secret_question_is_at_most_255_characters(services):
    user = make_user(services)
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(
            services, user, form(user, secret_question="q" * 256, secret_answer="r")
        )
    assert refused.value.fields["secret_question"] == ("too_long", {"max": 255})
    profile.save_profile(services, user, form(user, secret_question="q" * 255, secret_answer="r"))
    assert User.get_by_id(user.id).secret_question == "q" * 255


def test_language_is_required(services):
    user = make_user(services)
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(services, user, form(user, language=""))
    assert refused.value.fields == {"language": ("required", {})}


def test_a_new_question_needs_a_new_answer(services):
    user = make_user(services)
    profile.save_profile(services, user, form(user, secret_question="Q1", secret_answer="R1"))
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(services, user, form(user, secret_question="Q2", secret_answer=""))
    assert refused.value.fields == {"secret_answer": ("required", {})}
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(services, user, form(user, secret_question="Q2", secret_answer="   "))
    assert refused.value.fields == {"secret_answer": ("required", {})}
    assert User.get_by_id(user.id).secret_question == "Q1"


def test_an_empty_answer_with_the_same_question_keeps_the_stored_answer(services):
    user = make_user(services)
    profile.save_profile(services, user, form(user, secret_question="Q1", secret_answer="R1"))
    stored_hash = User.get_by_id(user.id).secret_answer_hash
    profile.save_profile(services, user, form(user, ville="Lyon"))
    stored = User.get_by_id(user.id)
    assert stored.ville == "Lyon"
    assert stored.secret_answer_hash == stored_hash
    profile.save_profile(services, user, form(user, secret_answer="R2"))
    assert profile.verify_secret_answer(services, User.get_by_id(user.id), "r2")


def test_a_stored_question_cannot_be_erased(services):
    user = make_user(services)
    profile.save_profile(services, user, form(user, secret_question="Q1", secret_answer="R1"))
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(services, user, form(user, secret_question=""))
    assert refused.value.fields == {"secret_question": ("required", {})}


def test_an_account_without_a_question_may_leave_it_empty(services):
    user = make_user(services)
    profile.save_profile(services, user, form(user, nom="Martin"))
    assert User.get_by_id(user.id).nom == "Martin"
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(services, user, form(user, secret_answer="réponse seule"))
    assert refused.value.fields == {"secret_question": ("required", {})}


def test_the_password_block_changes_the_password(services, clock):
    user = make_user(services)
    profile.save_profile(
        services,
        user,
        form(user, current_password=PASSWORD, new_password=NEW, confirmation=NEW),
    )
    stored = User.get_by_id(user.id)
    assert passwords.verify_password(services.hasher, stored.password_hash, NEW)
    assert stored.password_changed_at == clock.now()
    assert Event.select().where(Event.user == user, Event.kind == "password_changed").exists()


def test_an_empty_password_block_is_ignored_even_with_a_current_password(services):
    user = make_user(services)
    old_hash = user.password_hash
    profile.save_profile(services, user, form(user, current_password="whatever"))
    assert User.get_by_id(user.id).password_hash == old_hash


def test_a_wrong_current_password_saves_nothing(services):
    user = make_user(services)
    before = snapshot(user)
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(
            services,
            user,
            form(
                user,
                nom="Autre",
                current_password="Wrong.Password.1",
                new_password=NEW,
                confirmation=NEW,
            ),
        )
    assert refused.value.fields == {"current_password": ("password_wrong", {})}
    assert snapshot(user) == before


@pytest.mark.parametrize(
    ("new", "code"),
    [
        (PASSWORD, "password_is_current"),
        ("sansmajuscule", "password_groups"),
        ("User.Login.2026@example.fr", "password_is_login"),
    ],
)
def test_the_password_policy_applies(services, new, code):
    user = make_user(services, login="user.login.2026@example.fr")
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(
            services,
            user,
            form(user, current_password=PASSWORD, new_password=new, confirmation=new),
        )
    assert refused.value.fields["new_password"][0] == code


def test_a_confirmation_alone_opens_the_password_block(services):
    user = make_user(services)
    with pytest.raises(ValidationError) as refused:
        profile.save_profile(services, user, form(user, confirmation=NEW))
    assert set(refused.value.fields) == {"current_password", "new_password", "confirmation"}


def test_a_stale_version_is_a_conflict_and_changes_nothing(services):
    user = make_user(services)
    stale = user.version
    profile.save_profile(services, user, form(user, nom="Premier"))
    before = snapshot(user)
    with pytest.raises(Conflict):
        profile.save_profile(services, user, form(user, nom="Second"), expected_version=stale)
    assert snapshot(user) == before


def test_a_failure_halfway_rolls_everything_back(services, monkeypatch):
    user = make_user(services)
    before = snapshot(user)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(profile, "event", broken)
    with pytest.raises(RuntimeError):
        profile.save_profile(
            services,
            user,
            form(user, nom="Autre", current_password=PASSWORD, new_password=NEW, confirmation=NEW),
        )
    assert snapshot(user) == before
    assert user.nom == before["nom"], "the session object is untouched"


def test_a_deactivated_account_cannot_save(services):
    user = make_user(services, status=AccountStatus.DESACTIVE)
    with pytest.raises(PermissionDenied):
        profile.save_profile(services, user, form(user, nom="Autre"))


def test_verify_secret_answer_without_a_stored_answer_is_false(services):
    user = make_user(services)
    assert not profile.verify_secret_answer(services, user, "anything")
    assert not profile.verify_secret_answer(services, user, "")
