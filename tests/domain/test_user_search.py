"""« Rechercher utilisateur » (M7): the members of the structures a manager manages, the criteria,
« Renvoyer le mail d'activation » and the export; who may do it and that a refused call writes
nothing."""

from __future__ import annotations

import pytest

from chorus_tui.domain import user_search
from chorus_tui.domain.activation import InvalidActivationCode, check_code
from chorus_tui.domain.attach import create_account
from chorus_tui.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.text import fold
from chorus_tui.models import (
    ActivationCode,
    AuditEntry,
    MembershipService,
    OutboxMail,
    Service,
)
from chorus_tui.models.codes import (
    AccountStatus,
    MembershipStatus,
    Role,
    SecondaryRights,
    ServiceLineStatus,
)
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def cast(services):
    paul = make_user(services, login="paul@example.fr", nom="DURAND", prenom="Paul")
    claire = make_user(services, nom="MARTIN", prenom="Claire")
    luc = make_user(services, nom="DUPONT", prenom="Luc", ville="Lille", pays="BE")
    lea = make_user(services, nom="Dupontel", prenom="Léa")
    other = make_user(services, nom="AUTRE", prenom="Omer")
    stranger = make_user(services, nom="DUPONT", prenom="Jean")
    menuiserie = make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont")
    chef = make_user(services, nom="CHEF", prenom="Chef")
    scierie = make_structure(services, principal=chef, raison_sociale="Scierie du Nord")
    add_member(services, paul, scierie, Role.GESTIONNAIRE_SECONDAIRE)
    add_member(services, claire, menuiserie, Role.GESTIONNAIRE_SECONDAIRE)
    luc_membership = add_member(services, luc, menuiserie)
    add_member(services, lea, scierie, status=MembershipStatus.EN_COURS_DE_VALIDATION)
    add_member(services, lea, menuiserie, status=MembershipStatus.SUPPRIMEE)
    ailleurs = make_structure(services, principal=other, raison_sociale="Ailleurs")
    add_member(services, stranger, ailleurs)
    moburb = Service.create(
        structure=menuiserie,
        code="MOBURB",
        libelle="Mobilier urbain",
        search_libelle=fold("Mobilier urbain"),
        created_at=services.now(),
    )
    MembershipService.create(
        membership=luc_membership, service=moburb, status=ServiceLineStatus.VALIDE
    )
    return {
        "paul": paul,
        "claire": claire,
        "luc": luc,
        "lea": lea,
        "other": other,
        "stranger": stranger,
        "menuiserie": menuiserie,
        "scierie": scierie,
        "ailleurs": ailleurs,
    }


def names(page):
    return [(row.user.nom, row.structure.raison_sociale) for row in page.rows]


# -- the search ---------------------------------------------------------------------------------


def test_search_finds_only_members_of_the_managed_structures(cast):
    page = user_search.search_members(cast["paul"], {"nom": "*dupont*"})
    # Jean DUPONT of « Ailleurs » and Léa's deleted membership are left out.
    assert names(page) == [("DUPONT", "Menuiserie Dupont"), ("Dupontel", "Scierie du Nord")]
    assert page.total == 2


def test_a_secondary_manager_sees_the_members_of_their_structure(cast):
    page = user_search.search_members(cast["claire"], {"nom": "dupont*"})
    assert names(page) == [("DUPONT", "Menuiserie Dupont")]


def test_each_criterion_filters(cast):
    paul = cast["paul"]
    assert names(user_search.search_members(paul, {"prenom": "LUC"})) == [
        ("DUPONT", "Menuiserie Dupont")
    ]
    assert [r.user.nom for r in user_search.search_members(paul, {"login": "paul@*"}).rows] == [
        "DURAND",
        "DURAND",
    ]
    assert names(user_search.search_members(paul, {"ville": "lille"})) == [
        ("DUPONT", "Menuiserie Dupont")
    ]
    assert names(user_search.search_members(paul, {"pays": "be"})) == [
        ("DUPONT", "Menuiserie Dupont")
    ]
    scierie = user_search.search_members(paul, {"raison_sociale": "scierie*"})
    assert {row.user.nom for row in scierie.rows} == {"CHEF", "DURAND", "Dupontel"}
    assert names(user_search.search_members(paul, {"service": "moburb"})) == [
        ("DUPONT", "Menuiserie Dupont")
    ]
    assert names(user_search.search_members(paul, {"service": "*urbain"})) == [
        ("DUPONT", "Menuiserie Dupont")
    ]
    assert user_search.search_members(paul, {"statut": "EN_COURS_ACTIVATION"}).total == 0


def test_search_pages_in_sql(cast):
    page = user_search.search_members(cast["paul"], {"nom": "*"}, size=2, offset=2)
    assert page.total == 6
    assert len(page.rows) == 2 and page.offset == 2


def test_search_without_criterion_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        user_search.search_members(cast["paul"], {"nom": "  ", "statut": ""})
    assert error.value.fields == {"criteria": ("criteria_required", {})} or "criteria" in str(
        error.value.fields
    )


def test_bad_criteria_are_refused(cast):
    with pytest.raises(ValidationError) as error:
        user_search.search_members(cast["paul"], {"statut": "NIMPORTE", "pays": "FRA"})
    assert set(error.value.fields) == {"statut", "pays"}


def test_search_is_refused_to_a_simple_user(cast):
    with pytest.raises(PermissionDenied):
        user_search.search_members(cast["luc"], {"nom": "*"})


def test_user_structures_lists_the_managed_memberships_only(services, cast):
    add_member(services, cast["luc"], cast["ailleurs"])
    rows = user_search.user_structures(cast["paul"], cast["luc"].id)
    assert [row.structure.raison_sociale for row in rows] == ["Menuiserie Dupont"]


# -- resend the activation mail -----------------------------------------------------------------


def new_account(services, cast, structure="menuiserie"):
    user, code = create_account(
        services,
        cast["paul"],
        cast[structure].id,
        {"login": "zoe@example.fr", "email": "zoe@example.fr", "nom": "LEROY", "prenom": "Zoé"},
        role=Role.UTILISATEUR_SIMPLE,
        start_date=services.now().strftime("%d/%m/%Y"),
    )
    return user, code


def writes():
    return (
        OutboxMail.select().count(),
        ActivationCode.select().count(),
        AuditEntry.select().count(),
    )


def test_resend_activation_voids_the_old_code_and_mails_a_new_one(services, cast):
    zoe, old = new_account(services, cast)
    mails = OutboxMail.select().count()
    assert user_search.resend_activation(services, cast["paul"], [zoe.id]) == 1
    with pytest.raises(InvalidActivationCode):
        check_code(services, old)
    assert OutboxMail.select().count() == mails + 1
    last = OutboxMail.select().order_by(OutboxMail.id.desc()).first()
    assert (last.kind, last.user_id) == ("account_creation_code", zoe.id)
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert (entry.action, entry.target_user_id, entry.structure_id) == (
        "ACTIVATION_MAIL_SENT",
        zoe.id,
        cast["menuiserie"].id,
    )
    assert (
        user_search.search_members(
            cast["paul"], {"statut": AccountStatus.EN_COURS_ACTIVATION}
        ).total
        == 1
    )
    assert all_violations() == []


def test_resend_activation_is_all_or_nothing(services, cast):
    zoe, _ = new_account(services, cast)
    before = writes()
    with pytest.raises(Conflict) as error:
        user_search.resend_activation(services, cast["paul"], [zoe.id, cast["luc"].id])
    assert error.value.code == "not_pending_activation"
    assert writes() == before


def test_resend_activation_refusals_write_nothing(services, cast):
    zoe, _ = new_account(services, cast)
    before = writes()
    with pytest.raises(PermissionDenied):
        user_search.resend_activation(services, cast["luc"], [zoe.id])
    with pytest.raises(NotFound):
        user_search.resend_activation(services, cast["other"], [zoe.id])
    with pytest.raises(ValidationError):
        user_search.resend_activation(services, cast["paul"], [])
    # A secondary manager with the rights of a simple user may not manage users.
    cast["menuiserie"].secondary_rights = SecondaryRights.IDENTIQUES_UTILISATEUR
    cast["menuiserie"].save()
    with pytest.raises(PermissionDenied):
        user_search.resend_activation(services, cast["claire"], [zoe.id])
    assert writes() == before


def test_a_delegated_secondary_manager_may_resend(services, cast):
    cast["menuiserie"].secondary_rights = SecondaryRights.IDENTIQUES_PRINCIPAL
    cast["menuiserie"].save()
    zoe, _ = new_account(services, cast)
    assert user_search.resend_activation(services, cast["claire"], [zoe.id]) == 1


# -- export -------------------------------------------------------------------------------------


def test_export_writes_every_result(tmp_path, cast):
    target = tmp_path / "membres.csv"
    count = user_search.export_members(cast["paul"], {"nom": "*dupont*"}, target)
    assert count == 2
    text = target.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ";".join(user_search.export_labels("FR"))
    assert text.splitlines()[0].startswith("Utilisateur;Adresse de connexion;")
    assert "Luc DUPONT" in text and "Jean" not in text


def test_export_with_bad_criteria_writes_no_file(tmp_path, cast):
    target = tmp_path / "membres.csv"
    with pytest.raises(ValidationError):
        user_search.export_members(cast["paul"], {}, target)
    assert not target.exists()
