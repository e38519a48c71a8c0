"""SPEC §7: the demo database of the guides' cast."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from stdnum.fr import siret

from chorus_tui.db.demo import DEMO_LOGINS, DEMO_PASSWORD, SeedError, seed_demo
from chorus_tui.domain import auth, passwords
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.text import fold
from chorus_tui.i18n import catalogues
from chorus_tui.models import (
    AuditEntry,
    Document,
    DocumentType,
    Event,
    Membership,
    NewsItem,
    Service,
    Space,
    Structure,
    Subscription,
    User,
)
from chorus_tui.models.codes import (
    AccountStatus,
    MembershipStatus,
    Role,
    SpaceCode,
    StructureKind,
    SubscriptionStatus,
)

pytestmark = pytest.mark.usefixtures("demo_db")


def user(login: str) -> User:
    return User.get(User.login == login)


def structure(name: str) -> Structure:
    return Structure.get(Structure.raison_sociale == name)


def test_demo_keeps_the_principal_manager_invariant():
    assert all_violations() == []


def test_every_demo_siret_passes_the_checksum():
    identifiers = [s.identifier for s in Structure.select()]
    assert len(identifiers) >= 8
    assert all(siret.is_valid(identifier) for identifier in identifiers)


def test_demo_logins_exist_in_their_stated_states():
    for login in DEMO_LOGINS:
        assert user(login.login).status == login.state, login.login


def test_the_three_fixed_logins_of_the_spec_are_active():
    paul = user("paul.dupont@menuiserie.fr")
    pauline = user("pauline.dufour@mairieterneuil.fr")
    julie = user("jbon@ccasterneuil.fr")
    assert (paul.prenom, paul.nom, paul.email) == ("Paul", "DUPONT", "contact@menuiserie.fr")
    assert (pauline.is_referential, pauline.info_completed) == (True, False)
    assert (pauline.email, pauline.adresse, pauline.ville) == ("", "", "")
    assert {paul.status, pauline.status, julie.status} == {AccountStatus.ACTIF}


def test_paul_is_principal_manager_of_his_two_structures():
    principal_of = {
        m.structure.raison_sociale
        for m in Membership.select().where(
            (Membership.user == user("paul.dupont@menuiserie.fr"))
            & (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
            & (Membership.status == MembershipStatus.VALIDEE)
        )
    }
    assert principal_of == {"Menuiserie Dupont", "Rénovation Habitat"}


def test_pauline_is_principal_manager_of_the_two_public_structures():
    for name in ("Mairie de Terneuil sur Seine", "CCAS Terneuil sur Seine"):
        place = structure(name)
        principal = Membership.get(
            (Membership.structure == place)
            & (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
            & (Membership.status == MembershipStatus.VALIDEE)
        )
        assert principal.user.login == "pauline.dufour@mairieterneuil.fr"
        assert place.kind == StructureKind.PUBLIQUE


def test_structures_have_the_services_of_the_guides():
    def codes(name: str) -> dict[str, str]:
        return {
            s.code: s.libelle for s in Service.select().where(Service.structure == structure(name))
        }

    assert codes("Menuiserie Dupont") == {
        "MOBURB": "Mobilier Urbain",
        "MENINT": "Menuiseries Intérieures",
    }
    assert codes("Mairie de Terneuil sur Seine") == {"URBA": "Urbanisme", "VOIRIE": "Voirie"}
    assert structure("CCAS Terneuil sur Seine").code_postal == "97500"


def test_deactivated_accounts_are_10_and_90_days_old(services):
    ages = sorted(
        (services.now() - u.deactivated_at).days
        for u in User.select().where(User.status == AccountStatus.DESACTIVE)
    )
    assert ages == [10, 90]


def test_one_account_awaits_activation_without_a_password():
    pending = list(User.select().where(User.status == AccountStatus.EN_COURS_ACTIVATION))
    assert len(pending) == 1
    assert pending[0].password_hash is None


def test_julie_has_pending_membership_and_subscription_requests():
    julie = user("jbon@ccasterneuil.fr")
    request = Membership.get(
        (Membership.user == julie) & (Membership.status == MembershipStatus.EN_COURS_DE_VALIDATION)
    )
    assert request.structure.raison_sociale == "CCAS Terneuil sur Seine"
    assert len(list(request.service_lines)) == 2
    pending = Subscription.select().where(
        (Subscription.user == julie)
        & (Subscription.status == SubscriptionStatus.EN_COURS_DE_VALIDATION)
    )
    assert pending.count() >= 1


def test_jules_password_is_expired(services):
    jules = user("jmartin@ccasterneuil.fr")
    assert passwords.is_expired(jules.password_changed_at, services.now())
    assert auth.pending_steps(jules, services.now()) == [auth.Step.CHANGE_PASSWORD]


def test_other_passwords_are_not_expired(services):
    for person in User.select().where(User.login != "jmartin@ccasterneuil.fr"):
        assert not passwords.is_expired(person.password_changed_at, services.now()), person.login


def test_paul_logs_in_with_the_demo_password_and_sees_his_previous_login(services):
    result = auth.login(services, "paul.dupont@menuiserie.fr", DEMO_PASSWORD)
    assert result.status is auth.LoginStatus.OK
    assert result.previous_login is not None
    assert result.previous_login < services.now()


def test_technical_user_belongs_to_menuiserie_dupont():
    technical = User.get(User.is_technical == True)  # noqa: E712
    assert technical.technical_structure.raison_sociale == "Menuiserie Dupont"


def test_every_account_shares_one_password_hash():
    hashes = {u.password_hash for u in User.select() if u.password_hash is not None}
    assert len(hashes) == 1


def test_validated_members_have_their_default_spaces():
    def spaces(login: str, name: str) -> set[str]:
        rows = (
            Subscription.select(Space.code)
            .join(Space)
            .where(
                (Subscription.user == user(login))
                & (Subscription.structure == structure(name))
                & (Subscription.status == SubscriptionStatus.VALIDE)
                & Subscription.service.is_null()
            )
        )
        return {row.space.code for row in rows}

    paul = spaces("paul.dupont@menuiserie.fr", "Menuiserie Dupont")
    jules = spaces("jmartin@ccasterneuil.fr", "CCAS Terneuil sur Seine")
    assert SpaceCode.ACTIVITES_GESTIONNAIRE in paul
    assert SpaceCode.FACTURES_RECUES not in paul
    assert {SpaceCode.FACTURES_RECUES, SpaceCode.SOLLICITATIONS_RECUES} <= jules
    assert SpaceCode.ACTIVITES_GESTIONNAIRE not in jules


def test_search_columns_are_filled():
    for person in User.select():
        assert person.search_login == fold(person.login)
        assert person.search_nom == fold(person.nom)
    for place in Structure.select():
        assert place.search_raison_sociale == fold(place.raison_sociale)
    for service in Service.select():
        assert service.search_libelle == fold(service.libelle)


def test_reference_data_is_complete():
    assert [s.code for s in Space.select().order_by(Space.position)] == list(SpaceCode)
    types = list(DocumentType.select().order_by(DocumentType.position))
    assert types[0].code == "DIVERS"
    assert all(t.label_fr and t.label_en for t in types)
    news = list(NewsItem.select())
    assert 3 <= len(news) <= 4
    assert all(n.title_fr and n.title_en and n.body_fr and n.body_en for n in news)


def test_history_has_refusals_with_their_motif():
    refusals = AuditEntry.select().where(AuditEntry.action == "MEMBERSHIP_REFUSED")
    assert refusals.count() >= 1
    assert all(entry.motif for entry in refusals)
    actions = {entry.action for entry in AuditEntry.select()}
    assert {"MEMBERSHIP_VALIDATED", "SUBSCRIPTION_REFUSED", "MEMBERSHIP_REMOVED"} <= actions


def test_events_have_known_kinds_and_render(services):
    catalogue = catalogues()["FR"]
    owners = set()
    for event in Event.select():
        template = catalogue[f"event.{event.kind}"]
        template.format(**json.loads(event.params))
        assert event.at <= services.now()
        owners.add(event.user.login)
    assert {"paul.dupont@menuiserie.fr", "jbon@ccasterneuil.fr"} <= owners


def test_paul_has_a_document_with_its_checksum():
    document = Document.get(Document.user == user("paul.dupont@menuiserie.fr"))
    assert document.type.code == "DIVERS"
    assert document.sha256 == hashlib.sha256(bytes(document.content)).hexdigest()
    assert document.size == len(bytes(document.content))


def test_dates_follow_the_clock(services):
    paul = user("paul.dupont@menuiserie.fr")
    assert paul.last_login_at < services.now()
    assert services.now() - paul.password_changed_at < dt.timedelta(days=180)


def test_demo_refuses_a_database_with_users(services):
    with pytest.raises(SeedError):
        seed_demo(services)
