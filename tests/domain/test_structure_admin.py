"""M7 « Mes structures » and « Utilisateurs rattachés à la structure »: the list, the structure's
fields, its services, the secondary managers' rights, and deactivating, reactivating, removing
and changing its members — who may do each (SPEC §3), all or nothing, never the principal."""

from __future__ import annotations

import pytest

from chorus_tui.domain import structure_admin as admin
from chorus_tui.domain.errors import Conflict, DomainError, PermissionDenied, ValidationError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.models import (
    AuditEntry,
    Event,
    Membership,
    MembershipService,
    OutboxMail,
    Service,
    Space,
    Structure,
    Subscription,
)
from chorus_tui.models.codes import (
    MembershipStatus,
    Role,
    SecondaryRights,
    ServiceLineStatus,
    SpaceCode,
    StructureStatus,
)
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")


def counts() -> dict[str, int]:
    models = (
        Membership,
        MembershipService,
        Subscription,
        AuditEntry,
        Event,
        OutboxMail,
        Service,
    )
    return {model.__name__: model.select().count() for model in models}


def snapshot() -> tuple:
    return (
        counts(),
        [(m.id, m.status, m.role, m.version) for m in Membership.select().order_by(Membership.id)],
        [(s.id, s.version, s.adresse, s.secondary_rights) for s in Structure.select()],
        [(s.id, s.libelle, s.active) for s in Service.select()],
    )


@pytest.fixture
def cast(services):
    paul = make_user(services, login="paul@example.fr", nom="DUPONT", prenom="Paul")
    claire = make_user(services, login="claire@example.fr", nom="CLAIRE")
    luc = make_user(services, login="luc@example.fr", nom="GARNIER", prenom="Luc")
    antoine = make_user(services, login="antoine@example.fr", nom="ANTOINE")
    other = make_user(services, login="other@example.fr")
    menuiserie = make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont")
    add_member(services, claire, menuiserie, Role.GESTIONNAIRE_SECONDAIRE)
    luc_m = add_member(services, luc, menuiserie, Role.UTILISATEUR_SIMPLE)
    antoine_m = add_member(services, antoine, menuiserie, Role.UTILISATEUR_SIMPLE)
    renovation = make_structure(services, principal=paul, raison_sociale="Rénovation")
    ailleurs = make_structure(services, principal=other, raison_sociale="Ailleurs")
    moburb = Service.create(
        structure=menuiserie, code="MOBURB", libelle="Mobilier", created_at=services.now()
    )
    menint = Service.create(
        structure=menuiserie, code="MENINT", libelle="Intérieur", created_at=services.now()
    )
    for space in SpaceCode:
        Space.get_or_create(code=space)
    return {
        "paul": paul,
        "claire": claire,
        "luc": luc,
        "antoine": antoine,
        "other": other,
        "menuiserie": menuiserie,
        "renovation": renovation,
        "ailleurs": ailleurs,
        "luc_m": luc_m,
        "antoine_m": antoine_m,
        "paul_m": Membership.get((Membership.user == paul) & (Membership.structure == menuiserie)),
        "moburb": moburb,
        "menint": menint,
    }


def secondaries_as_users(cast) -> None:
    menuiserie = cast["menuiserie"]
    menuiserie.secondary_rights = SecondaryRights.IDENTIQUES_UTILISATEUR
    menuiserie.save()


def live_spaces(user, structure) -> set[str]:
    return {
        row.space.code
        for row in Subscription.select().where(
            (Subscription.user == user)
            & (Subscription.structure == structure)
            & (Subscription.ended_at.is_null())
        )
    }


# -- the list and one structure -------------------------------------------------------------------


def test_my_structures_lists_the_managed_ones_with_their_active_services(services, cast):
    cast["menint"].active = False
    cast["menint"].save()
    page = admin.my_structures(cast["paul"])
    assert [(row.raison_sociale, row.service_codes) for row in page.rows] == [
        ("Menuiserie Dupont", ["MOBURB"]),
        ("Rénovation", []),
    ]
    assert page.total == 2
    assert admin.my_structures(cast["paul"], size=1, offset=1).rows[0].raison_sociale == (
        "Rénovation"
    )
    assert [row.raison_sociale for row in admin.my_structures(cast["claire"]).rows] == [
        "Menuiserie Dupont"
    ]


def test_a_simple_user_has_no_structures_list_and_no_detail(services, cast):
    with pytest.raises(PermissionDenied):
        admin.my_structures(cast["luc"])
    for who in ("luc", "other"):
        with pytest.raises(PermissionDenied):
            admin.structure_detail(cast[who], cast["menuiserie"].id)
        with pytest.raises(PermissionDenied):
            admin.structure_users(cast[who], cast["menuiserie"].id)
    assert admin.structure_detail(cast["claire"], cast["menuiserie"].id).raison_sociale == (
        "Menuiserie Dupont"
    )


# -- the structure's fields -----------------------------------------------------------------------

ADDRESS = {
    "adresse": "14 rue des Artisans",
    "complement": "Bâtiment B",
    "code_postal": "69002",
    "ville": "Lyon",
    "pays": "fr",
    "telephone": "04 78 00 00 00",
}


def test_the_address_is_saved_and_written_to_the_history(services, cast):
    structure = cast["menuiserie"]
    saved = admin.update_structure(
        services, cast["paul"], structure.id, ADDRESS, expected_version=structure.version
    )
    assert (saved.adresse, saved.pays, saved.version) == ("14 rue des Artisans", "FR", 2)
    entry = AuditEntry.get(AuditEntry.action == "STRUCTURE_UPDATED")
    assert entry.structure_id == structure.id
    assert Structure.get_by_id(structure.id).search_ville == "lyon"
    assert all_violations() == []


def test_bad_address_fields_are_all_listed_and_nothing_is_saved(services, cast):
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        admin.update_structure(
            services,
            cast["paul"],
            cast["menuiserie"].id,
            {**ADDRESS, "adresse": "", "pays": "ZZ", "telephone": "abc", "code_postal": "1" * 11},
        )
    assert caught.value.fields == {
        "adresse": ("required", {}),
        "code_postal": ("too_long", {"max": 10}),
        "pays": ("country_invalid", {}),
        "telephone": ("phone_invalid", {}),
    }
    assert snapshot() == before


def test_a_structure_changed_meanwhile_is_a_conflict(services, cast):
    structure = cast["menuiserie"]
    admin.update_structure(services, cast["claire"], structure.id, ADDRESS)
    before = snapshot()
    with pytest.raises(Conflict) as caught:
        admin.update_structure(
            services, cast["paul"], structure.id, {**ADDRESS, "ville": "Paris"}, 1
        )
    assert caught.value.code == "structure_changed"
    assert snapshot() == before


@pytest.mark.parametrize("who", ["luc", "other", "claire"])
def test_who_may_not_change_the_structure_changes_nothing(services, cast, who):
    secondaries_as_users(cast)
    before = snapshot()
    structure_id = cast["menuiserie"].id
    actor, luc_m, moburb = cast[who], cast["luc_m"].id, cast["moburb"].id
    for call in (
        lambda: admin.update_structure(services, actor, structure_id, ADDRESS),
        lambda: admin.create_service(services, actor, structure_id, "NEW", "Nouveau"),
        lambda: admin.rename_service(services, actor, structure_id, moburb, "Autre"),
        lambda: admin.deactivate_service(services, actor, structure_id, moburb),
        lambda: admin.deactivate_members(services, actor, structure_id, [luc_m]),
        lambda: admin.reactivate_members(services, actor, structure_id, [luc_m]),
        lambda: admin.remove_members(services, actor, structure_id, [luc_m]),
        lambda: admin.change_member(
            services, actor, structure_id, luc_m, Role.GESTIONNAIRE_SECONDAIRE
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert snapshot() == before


def test_an_inactive_structure_is_consultable_and_read_only(services, cast):
    structure = cast["menuiserie"]
    structure.status = StructureStatus.INACTIF
    structure.save()
    assert admin.structure_users(cast["paul"], structure.id).total == 4
    before = snapshot()
    for call in (
        lambda: admin.update_structure(services, cast["paul"], structure.id, ADDRESS),
        lambda: admin.create_service(services, cast["paul"], structure.id, "NEW", "Nouveau"),
        lambda: admin.deactivate_members(services, cast["paul"], structure.id, [cast["luc_m"].id]),
    ):
        with pytest.raises(Conflict) as caught:
            call()
        assert caught.value.code == "structure_read_only"
    assert snapshot() == before


def test_secondary_rights_are_the_principals_choice_only(services, cast):
    structure_id = cast["menuiserie"].id
    before = snapshot()
    for who in ("claire", "luc", "other"):
        with pytest.raises(PermissionDenied):
            admin.set_secondary_rights(
                services, cast[who], structure_id, SecondaryRights.IDENTIQUES_UTILISATEUR
            )
    with pytest.raises(ValidationError):
        admin.set_secondary_rights(services, cast["paul"], structure_id, "TOUT")
    assert snapshot() == before
    admin.set_secondary_rights(
        services, cast["paul"], structure_id, SecondaryRights.IDENTIQUES_UTILISATEUR
    )
    assert Structure.get_by_id(structure_id).secondary_rights == "IDENTIQUES_UTILISATEUR"
    assert AuditEntry.get(AuditEntry.action == "SECONDARY_RIGHTS_CHANGED")
    with pytest.raises(PermissionDenied):
        admin.create_service(services, cast["claire"], structure_id, "NEW", "Nouveau")


# -- services -------------------------------------------------------------------------------------


def test_services_are_created_renamed_deactivated_and_reactivated(services, cast):
    structure_id = cast["menuiserie"].id
    created = admin.create_service(services, cast["claire"], structure_id, " compta ", "Compta")
    assert (created.code, created.libelle, created.active) == ("COMPTA", "Compta", True)
    admin.rename_service(services, cast["paul"], structure_id, created.id, "Comptabilité")
    assert Service.get_by_id(created.id).search_libelle == "comptabilite"
    admin.deactivate_service(services, cast["paul"], structure_id, created.id)
    assert not Service.get_by_id(created.id).active
    with pytest.raises(Conflict):
        admin.deactivate_service(services, cast["paul"], structure_id, created.id)
    admin.reactivate_service(services, cast["paul"], structure_id, created.id)
    assert Service.get_by_id(created.id).active
    actions = [entry.action for entry in AuditEntry.select().order_by(AuditEntry.id)]
    assert actions == [
        "SERVICE_CREATED",
        "SERVICE_RENAMED",
        "SERVICE_DEACTIVATED",
        "SERVICE_REACTIVATED",
    ]


def test_a_service_code_is_unique_in_its_structure_and_well_formed(services, cast):
    structure_id = cast["menuiserie"].id
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        admin.create_service(services, cast["paul"], structure_id, "moburb", "")
    assert caught.value.fields == {
        "code": ("service_code_used", {}),
        "libelle": ("required", {}),
    }
    with pytest.raises(ValidationError) as caught:
        admin.create_service(services, cast["paul"], structure_id, "a b", "X")
    assert caught.value.fields["code"][0] == "service_code_invalid"
    assert snapshot() == before
    # Another structure may use the same code.
    admin.create_service(services, cast["paul"], cast["renovation"].id, "MOBURB", "Mobilier")


def test_a_service_of_another_structure_is_not_found(services, cast):
    from chorus_tui.domain.errors import NotFound

    with pytest.raises(NotFound):
        admin.rename_service(services, cast["paul"], cast["renovation"].id, cast["moburb"].id, "X")


# -- the users ------------------------------------------------------------------------------------


def test_the_users_block_lists_every_membership_but_the_removed(services, cast):
    removed = add_member(
        services, make_user(services), cast["menuiserie"], status=MembershipStatus.SUPPRIMEE
    )
    pending = add_member(
        services,
        make_user(services, nom="AAA"),
        cast["menuiserie"],
        status=MembershipStatus.EN_COURS_DE_VALIDATION,
    )
    page = admin.structure_users(cast["paul"], cast["menuiserie"].id, size=10)
    ids = [row.id for row in page.rows]
    assert removed.id not in ids
    assert ids[0] == pending.id
    assert [row.user.nom for row in page.rows] == ["AAA", "ANTOINE", "CLAIRE", "DUPONT", "GARNIER"]


def test_deactivate_then_reactivate_members(services, cast):
    structure = cast["menuiserie"]
    luc, luc_m = cast["luc"], cast["luc_m"]
    admin.reactivate_members  # noqa: B018
    from chorus_tui.domain.subscriptions import grant_default_subscriptions

    grant_default_subscriptions(services, luc_m, cast["paul"])
    assert live_spaces(luc, structure)
    assert admin.deactivate_members(services, cast["claire"], structure.id, [luc_m.id]) == 1
    assert Membership.get_by_id(luc_m.id).status == MembershipStatus.DESACTIVEE
    assert live_spaces(luc, structure) == set()
    assert OutboxMail.get(OutboxMail.user == luc).kind == "member_deactivated"
    assert Event.get(Event.user == luc).kind == "member_deactivated"
    assert AuditEntry.get(AuditEntry.action == "MEMBERSHIP_DEACTIVATED").target_user_id == luc.id
    assert all_violations() == []

    assert admin.reactivate_members(services, cast["paul"], structure.id, [luc_m.id]) == 1
    assert Membership.get_by_id(luc_m.id).status == MembershipStatus.VALIDEE
    assert SpaceCode.MON_COMPTE in live_spaces(luc, structure)
    assert SpaceCode.ACTIVITES_GESTIONNAIRE not in live_spaces(luc, structure)
    assert AuditEntry.get(AuditEntry.action == "MEMBERSHIP_REACTIVATED")
    assert all_violations() == []


def test_removing_members_ends_everything_and_tells_them(services, cast):
    structure = cast["menuiserie"]
    MembershipService.create(
        membership=cast["luc_m"], service=cast["menint"], status=ServiceLineStatus.VALIDE
    )
    ids = [cast["luc_m"].id, cast["antoine_m"].id]
    assert admin.remove_members(services, cast["paul"], structure.id, ids) == 2
    assert {m.status for m in Membership.select().where(Membership.id.in_(ids))} == {
        MembershipStatus.SUPPRIMEE
    }
    assert MembershipService.get().status == ServiceLineStatus.DESACTIVE
    assert OutboxMail.select().where(OutboxMail.kind == "member_removed").count() == 2
    assert AuditEntry.select().where(AuditEntry.action == "MEMBERSHIP_REMOVED").count() == 2
    assert admin.structure_users(cast["paul"], structure.id).total == 2
    assert all_violations() == []


@pytest.mark.parametrize("operation", ["deactivate_members", "remove_members"])
def test_the_principal_is_refused_with_the_transfer_named_and_nothing_happens(
    services, cast, operation
):
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        getattr(admin, operation)(
            services, cast["claire"], cast["menuiserie"].id, [cast["luc_m"].id, cast["paul_m"].id]
        )
    assert caught.value.code == "principal_needs_transfer"
    assert caught.value.params == {"user": "DUPONT Paul"}
    assert snapshot() == before
    assert all_violations() == []


def test_all_or_nothing_when_one_member_is_not_in_the_right_state(services, cast):
    structure_id = cast["menuiserie"].id
    admin.deactivate_members(services, cast["paul"], structure_id, [cast["luc_m"].id])
    before = snapshot()
    with pytest.raises(Conflict) as caught:
        admin.deactivate_members(
            services, cast["paul"], structure_id, [cast["antoine_m"].id, cast["luc_m"].id]
        )
    assert caught.value.code == "member_state"
    with pytest.raises(Conflict):
        admin.reactivate_members(
            services, cast["paul"], structure_id, [cast["antoine_m"].id, cast["luc_m"].id]
        )
    # A membership of another structure is not found among this one's.
    with pytest.raises(Conflict) as caught:
        admin.remove_members(services, cast["paul"], cast["renovation"].id, [cast["luc_m"].id])
    assert caught.value.code == "membership_gone"
    assert snapshot() == before


def test_reactivation_is_refused_when_the_user_has_a_new_membership(services, cast):
    structure = cast["menuiserie"]
    admin.deactivate_members(services, cast["paul"], structure.id, [cast["luc_m"].id])
    add_member(services, cast["luc"], structure, status=MembershipStatus.EN_COURS_DE_VALIDATION)
    with pytest.raises(Conflict):
        admin.reactivate_members(services, cast["paul"], structure.id, [cast["luc_m"].id])


# -- changing a member ----------------------------------------------------------------------------


def test_a_secondary_role_brings_the_manager_space_and_a_simple_one_takes_it(services, cast):
    structure, luc, luc_m = cast["menuiserie"], cast["luc"], cast["luc_m"]
    changed = admin.change_member(
        services,
        cast["paul"],
        structure.id,
        luc_m.id,
        Role.GESTIONNAIRE_SECONDAIRE,
        [cast["menint"].id],
    )
    assert (changed.role, changed.whole_structure) == (Role.GESTIONNAIRE_SECONDAIRE, False)
    assert SpaceCode.ACTIVITES_GESTIONNAIRE in live_spaces(luc, structure)
    assert admin.member_codes([luc_m.id]) == {luc_m.id: [cast["menint"].id]}
    assert Event.get(Event.user == luc).kind == "role_changed"
    assert AuditEntry.get(AuditEntry.action == "MEMBERSHIP_CHANGED").target_user_id == luc.id
    assert admin.my_structures(luc).total == 1

    admin.change_member(services, cast["paul"], structure.id, luc_m.id, Role.UTILISATEUR_SIMPLE)
    assert SpaceCode.ACTIVITES_GESTIONNAIRE not in live_spaces(luc, structure)
    assert SpaceCode.MON_COMPTE in live_spaces(luc, structure)
    assert Membership.get_by_id(luc_m.id).whole_structure
    assert MembershipService.get().status == ServiceLineStatus.DESACTIVE
    assert all_violations() == []


def test_a_member_cannot_be_made_principal_nor_the_principal_changed(services, cast):
    structure_id = cast["menuiserie"].id
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        admin.change_member(
            services,
            cast["paul"],
            structure_id,
            cast["luc_m"].id,
            Role.GESTIONNAIRE_PRINCIPAL,
            [cast["renovation"].id * 1000],
        )
    assert set(caught.value.fields) == {"role", "services"}
    with pytest.raises(DomainError) as caught:
        admin.change_member(
            services, cast["claire"], structure_id, cast["paul_m"].id, Role.UTILISATEUR_SIMPLE
        )
    assert caught.value.code == "principal_needs_transfer"
    assert snapshot() == before
