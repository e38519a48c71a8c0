"""M7d « espaces de la structure »: opening a space asks one automatic subscription per validated
member (shown in M4); closing it ends the subscriptions; who may do it (SPEC §3)."""

from __future__ import annotations

import pytest

from chorus_tui.domain import structure_spaces as spaces
from chorus_tui.domain.errors import Conflict, PermissionDenied, ValidationError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.subscription_requests import pending_subscription_requests
from chorus_tui.models import AuditEntry, Space, StructureSpace, Subscription
from chorus_tui.models.codes import (
    AccountStatus,
    Habilitation,
    MembershipStatus,
    Role,
    SecondaryRights,
    SpaceCode,
    StructureStatus,
    SubscriptionStatus,
)
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")

TRAVAUX = SpaceCode.FACTURES_TRAVAUX


def counts() -> dict[str, int]:
    return {
        model.__name__: model.select().count()
        for model in (StructureSpace, Subscription, AuditEntry)
    }


def open_space(services, structure, code):
    StructureSpace.create(
        structure=structure, space=Space.get(Space.code == code), created_at=services.now()
    )


@pytest.fixture
def cast(services):
    paul = make_user(services, nom="DUPONT", prenom="Paul")
    claire = make_user(services, nom="MARTIN", prenom="Claire")
    simple = make_user(services, nom="SIMPLE", prenom="Sam")
    gone = make_user(services, status=AccountStatus.DESACTIVE)
    pending = make_user(services)
    other = make_user(services)
    mine = make_structure(services, principal=paul)
    theirs = make_structure(services, principal=other)
    add_member(services, claire, mine, Role.GESTIONNAIRE_SECONDAIRE)
    add_member(services, simple, mine)
    add_member(services, gone, mine)
    add_member(services, pending, mine, status=MembershipStatus.EN_COURS_DE_VALIDATION)
    open_space(services, mine, SpaceCode.MON_COMPTE)
    open_space(services, mine, SpaceCode.FACTURES_EMISES)
    return locals()


class TestList:
    def test_every_space_with_whether_it_is_open(self, cast):
        rows = spaces.structure_spaces(cast["paul"], cast["mine"].id)
        assert [row.code for row in rows] == [space.code for space in Space.select()]
        opened = {row.code for row in rows if row.opened}
        assert opened == {SpaceCode.MON_COMPTE, SpaceCode.FACTURES_EMISES}

    def test_refused_to_who_does_not_manage_the_structure(self, cast):
        for actor in (cast["simple"], cast["other"]):
            with pytest.raises(PermissionDenied):
                spaces.structure_spaces(actor, cast["mine"].id)


class TestAdd:
    def test_one_automatic_request_per_validated_member(self, cast, services):
        created = spaces.add_structure_space(services, cast["paul"], cast["mine"].id, TRAVAUX)
        users = {row.user_id for row in created}
        assert users == {cast["paul"].id, cast["claire"].id, cast["simple"].id}
        for row in created:
            assert row.automatic
            assert row.status == SubscriptionStatus.EN_COURS_DE_VALIDATION
            assert row.service_id is None
            assert row.habilitation == Habilitation.MODIFICATION
        assert StructureSpace.get_or_none(
            (StructureSpace.structure == cast["mine"])
            & (StructureSpace.space == Space.get(Space.code == TRAVAUX))
        )
        entry = AuditEntry.get(AuditEntry.action == "STRUCTURE_SPACE_ADDED")
        assert entry.structure_id == cast["mine"].id
        assert all_violations() == []

    def test_the_requests_appear_in_m4(self, cast, services):
        spaces.add_structure_space(services, cast["paul"], cast["mine"].id, TRAVAUX)
        page = pending_subscription_requests(cast["paul"], size=20)
        assert {row.requester.id for row in page.rows} == {
            cast["paul"].id,
            cast["claire"].id,
            cast["simple"].id,
        }

    def test_a_member_holding_the_space_is_not_asked_again(self, cast, services):
        Subscription.create(
            user=cast["simple"],
            structure=cast["mine"],
            space=Space.get(Space.code == TRAVAUX),
            habilitation=Habilitation.MODIFICATION,
            status=SubscriptionStatus.VALIDE,
            effective_date=services.now().date(),
            requested_at=services.now(),
        )
        created = spaces.add_structure_space(services, cast["paul"], cast["mine"].id, TRAVAUX)
        assert cast["simple"].id not in {row.user_id for row in created}

    def test_the_manager_space_asks_the_managers_only(self, cast, services):
        created = spaces.add_structure_space(
            services, cast["paul"], cast["mine"].id, SpaceCode.ACTIVITES_GESTIONNAIRE
        )
        assert {row.user_id for row in created} == {cast["paul"].id, cast["claire"].id}

    def test_an_open_space_cannot_be_added_again(self, cast, services):
        before = counts()
        with pytest.raises(Conflict) as caught:
            spaces.add_structure_space(
                services, cast["paul"], cast["mine"].id, SpaceCode.FACTURES_EMISES
            )
        assert caught.value.code == "space_already_open"
        assert counts() == before

    def test_an_unknown_space_is_a_field_error(self, cast, services):
        with pytest.raises(ValidationError) as caught:
            spaces.add_structure_space(services, cast["paul"], cast["mine"].id, "NOPE")
        assert caught.value.fields == {"space": ("space_unknown", {})}

    def test_secondary_manager_needs_the_principal_rights(self, cast, services):
        mine = cast["mine"]
        mine.secondary_rights = SecondaryRights.IDENTIQUES_UTILISATEUR
        mine.save()
        before = counts()
        with pytest.raises(PermissionDenied):
            spaces.add_structure_space(services, cast["claire"], mine.id, TRAVAUX)
        assert counts() == before
        mine.secondary_rights = SecondaryRights.IDENTIQUES_PRINCIPAL
        mine.save()
        assert spaces.add_structure_space(services, cast["claire"], mine.id, TRAVAUX)

    def test_refused_to_a_simple_user_and_another_manager(self, cast, services):
        before = counts()
        for actor in (cast["simple"], cast["other"]):
            with pytest.raises(PermissionDenied):
                spaces.add_structure_space(services, actor, cast["mine"].id, TRAVAUX)
        assert counts() == before

    def test_an_inactive_structure_is_read_only(self, cast, services):
        mine = cast["mine"]
        mine.status = StructureStatus.INACTIF
        mine.save()
        with pytest.raises(Conflict) as caught:
            spaces.add_structure_space(services, cast["paul"], mine.id, TRAVAUX)
        assert caught.value.code == "structure_read_only"


class TestRemove:
    def test_removing_ends_the_subscriptions_of_the_space(self, cast, services):
        mine = cast["mine"]
        spaces.add_structure_space(services, cast["paul"], mine.id, TRAVAUX)
        ended = spaces.remove_structure_space(services, cast["paul"], mine.id, TRAVAUX)
        assert ended == 3
        live = Subscription.select().where(
            (Subscription.structure == mine)
            & (Subscription.space == Space.get(Space.code == TRAVAUX))
            & (Subscription.ended_at.is_null())
        )
        assert live.count() == 0
        assert pending_subscription_requests(cast["paul"], size=20).total == 0
        assert not any(
            row.opened and row.code == TRAVAUX
            for row in spaces.structure_spaces(cast["paul"], mine.id)
        )
        assert AuditEntry.get(AuditEntry.action == "STRUCTURE_SPACE_REMOVED")
        assert all_violations() == []

    def test_required_spaces_stay(self, cast, services):
        before = counts()
        with pytest.raises(Conflict) as caught:
            spaces.remove_structure_space(
                services, cast["paul"], cast["mine"].id, SpaceCode.MON_COMPTE
            )
        assert caught.value.code == "space_required"
        assert counts() == before

    def test_a_space_not_open_cannot_be_removed(self, cast, services):
        with pytest.raises(Conflict) as caught:
            spaces.remove_structure_space(services, cast["paul"], cast["mine"].id, TRAVAUX)
        assert caught.value.code == "space_not_open"

    def test_refused_to_the_wrong_actors(self, cast, services):
        mine = cast["mine"]
        mine.secondary_rights = SecondaryRights.IDENTIQUES_UTILISATEUR
        mine.save()
        before = counts()
        for actor in (cast["simple"], cast["other"], cast["claire"]):
            with pytest.raises(PermissionDenied):
                spaces.remove_structure_space(services, actor, mine.id, SpaceCode.FACTURES_EMISES)
        assert counts() == before
