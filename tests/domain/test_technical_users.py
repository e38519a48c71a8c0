"""M9 technical users: creation by the principal manager with a generated policy-compliant
password, reset, export to a 0600 file that is never overwritten, and no login to the TUI."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from chorus_tui.domain import auth, passwords
from chorus_tui.domain import technical_users as tu
from chorus_tui.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.models import AuditEntry, Structure, User
from chorus_tui.models.codes import AccountStatus, Role, SecondaryRights, StructureStatus
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")


def counts() -> dict[str, int]:
    return {model.__name__: model.select().count() for model in (User, AuditEntry)}


@pytest.fixture
def cast(services):
    paul = make_user(services, login="paul@example.fr")
    claire = make_user(services, login="claire@example.fr")
    luc = make_user(services, login="luc@example.fr")
    other = make_user(services, login="other@example.fr")
    delegate = make_user(services, login="delegate@example.fr")
    menuiserie = make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont")
    add_member(services, claire, menuiserie, Role.GESTIONNAIRE_SECONDAIRE)
    add_member(services, luc, menuiserie)
    elsewhere = make_structure(
        services, principal=other, secondary_rights=SecondaryRights.IDENTIQUES_PRINCIPAL
    )
    add_member(services, delegate, elsewhere, Role.GESTIONNAIRE_SECONDAIRE)
    return {
        "paul": paul,
        "claire": claire,
        "luc": luc,
        "other": other,
        "delegate": delegate,
        "menuiserie": menuiserie,
        "elsewhere": elsewhere,
    }


def test_generated_passwords_pass_the_policy_and_differ():
    drawn = {tu.generate_password("api@example.fr") for _ in range(50)}
    assert len(drawn) == 50
    for password in drawn:
        assert passwords.policy_errors(password, login="api@example.fr") == []
        assert len(password) == tu.PASSWORD_LENGTH
        assert passwords.character_groups(password) == 4


def test_the_principal_creates_a_technical_user_with_a_password_shown_once(services, cast):
    menuiserie = cast["menuiserie"]
    technical, password = tu.create_technical_user(
        services, cast["paul"], menuiserie.id, "  API.Menuiserie@Example.fr "
    )
    technical = User.get_by_id(technical.id)
    assert technical.login == "api.menuiserie@example.fr"
    assert technical.is_technical is True
    assert technical.technical_structure_id == menuiserie.id
    assert technical.status == AccountStatus.ACTIF
    assert passwords.policy_errors(password, login=technical.login) == []
    assert passwords.verify_password(services.hasher, technical.password_hash, password)
    assert password not in technical.password_hash
    entry = AuditEntry.get(AuditEntry.action == "TECHNICAL_USER_CREATED")
    assert (entry.actor_id, entry.structure_id, entry.target_user_id) == (
        cast["paul"].id,
        menuiserie.id,
        technical.id,
    )
    assert [user.login for user in tu.technical_users(cast["paul"], menuiserie.id)] == [
        "api.menuiserie@example.fr"
    ]
    assert all_violations() == []


@pytest.mark.parametrize(
    ("login", "code"),
    [
        ("", "required"),
        ("not an e-mail", "email_invalid"),
        ("a@b\x07.fr", "control_characters"),
        ("x" * 250 + "@example.fr", "too_long"),
        ("LUC@example.fr", "technical_login_used"),
    ],
)
def test_a_bad_login_is_a_field_error_and_creates_nothing(services, cast, login, code):
    before = counts()
    with pytest.raises(ValidationError) as caught:
        tu.create_technical_user(services, cast["paul"], cast["menuiserie"].id, login)
    assert caught.value.fields["login"][0] == code
    assert counts() == before


@pytest.mark.parametrize("who", ["claire", "luc", "other", "delegate"])
def test_only_the_principal_manages_technical_users(services, cast, who):
    structure = cast["elsewhere"] if who == "delegate" else cast["menuiserie"]
    technical, _ = tu.create_technical_user(
        services, cast["other"] if who == "delegate" else cast["paul"], structure.id, "t@x.fr"
    )
    before = counts()
    hash_before = User.get_by_id(technical.id).password_hash
    with pytest.raises(PermissionDenied):
        tu.create_technical_user(services, cast[who], structure.id, "api2@example.fr")
    with pytest.raises(PermissionDenied):
        tu.reset_technical_password(services, cast[who], technical.id)
    with pytest.raises(PermissionDenied):
        tu.technical_users(cast[who], structure.id)
    assert counts() == before
    assert User.get_by_id(technical.id).password_hash == hash_before


def test_no_technical_user_on_an_inactive_structure(services, cast):
    Structure.update(status=StructureStatus.INACTIF).where(
        Structure.id == cast["menuiserie"].id
    ).execute()
    with pytest.raises(Conflict):
        tu.create_technical_user(services, cast["paul"], cast["menuiserie"].id, "t@x.fr")


def test_reset_gives_a_new_password_and_the_old_one_stops_working(services, cast):
    technical, first = tu.create_technical_user(
        services, cast["paul"], cast["menuiserie"].id, "api@example.fr"
    )
    second = tu.reset_technical_password(services, cast["paul"], technical.id)
    assert second != first
    stored = User.get_by_id(technical.id)
    assert passwords.verify_password(services.hasher, stored.password_hash, second)
    assert not passwords.verify_password(services.hasher, stored.password_hash, first)
    assert passwords.policy_errors(second, login=stored.login) == []
    entry = AuditEntry.get(AuditEntry.action == "TECHNICAL_PASSWORD_RESET")
    assert (entry.structure_id, entry.target_user_id) == (cast["menuiserie"].id, technical.id)


def test_reset_of_a_person_or_an_unknown_user_is_not_found(services, cast):
    with pytest.raises(NotFound):
        tu.reset_technical_password(services, cast["paul"], cast["luc"].id)
    with pytest.raises(NotFound):
        tu.reset_technical_password(services, cast["paul"], 999_999)


def test_a_technical_user_never_logs_in(services, cast):
    _, password = tu.create_technical_user(
        services, cast["paul"], cast["menuiserie"].id, "api@example.fr"
    )
    with pytest.raises(auth.TechnicalUserRefused):
        auth.login(services, "api@example.fr", password)


def test_export_writes_login_and_password_to_a_new_0600_file(tmp_path):
    target = tmp_path / "api.txt"
    written = tu.export_credentials(str(target), "api@example.fr", "S3cret-Passw0rd!")
    assert written == target
    assert target.read_text(encoding="utf-8") == (
        "login: api@example.fr\npassword: S3cret-Passw0rd!\n"
    )
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert stat.S_ISREG(os.stat(target).st_mode)


def test_export_keeps_0600_whatever_the_umask(tmp_path):
    previous = os.umask(0)
    try:
        tu.export_credentials(tmp_path / "a.txt", "a@b.fr", "x")
    finally:
        os.umask(previous)
    assert os.stat(tmp_path / "a.txt").st_mode & 0o777 == 0o600


def test_export_never_overwrites(tmp_path):
    target = tmp_path / "api.txt"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        tu.export_credentials(target, "api@example.fr", "pw")
    assert caught.value.fields == {"path": ("file_exists", {})}
    assert target.read_text(encoding="utf-8") == "keep me"


def test_export_to_a_missing_or_read_only_folder_is_refused(tmp_path, monkeypatch):
    with pytest.raises(ValidationError) as caught:
        tu.export_credentials(tmp_path / "missing" / "a.txt", "a@b.fr", "pw")
    assert caught.value.fields == {"path": ("directory_unwritable", {})}

    def denied(*args, **kwargs):
        # What a folder without write permission answers (root is never told so, hence the stub).
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tu.os, "open", denied)
    with pytest.raises(ValidationError) as caught:
        tu.export_credentials(tmp_path / "a.txt", "a@b.fr", "pw")
    assert caught.value.fields == {"path": ("directory_unwritable", {})}
    assert not (tmp_path / "a.txt").exists()


def test_export_to_an_empty_path_is_required(tmp_path):
    with pytest.raises(ValidationError) as caught:
        tu.export_credentials("  ", "a@b.fr", "pw")
    assert caught.value.fields == {"path": ("required", {})}
