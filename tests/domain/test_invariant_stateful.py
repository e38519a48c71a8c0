"""Random sequences of the operations that exist keep every invariant (extended as operations
are added): logins, password changes, deactivation and reactivation, membership requests and
removals (with a successor), new structures, subscription requests and deletions."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from peewee import fn

from chorus_tui.clock import FixedClock
from chorus_tui.db import open_database, prepare_schema
from chorus_tui.domain import (
    accounts,
    activation,
    attach,
    auth,
    deactivation,
    membership_requests,
    memberships,
    structure_admin,
    structure_principal,
    structures,
    subscription_requests,
    subscriptions,
)
from chorus_tui.domain.context import Services, cheap_hasher
from chorus_tui.domain.errors import DomainError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.rights import is_active_person
from chorus_tui.domain.subscriptions import SubscriptionLine
from chorus_tui.domain.text import clean
from chorus_tui.models import LoginAttempt, Membership, Structure, Subscription, User, database
from chorus_tui.models.codes import AccountStatus, Habilitation, MembershipStatus, Role
from tests.domain.factories import PASSWORD, add_member, make_structure, make_user, siret

START = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)
NEW_PASSWORD = "Nouveau.Mot2Passe"
ACTIVATION_PASSWORDS = ("Reactive.Compte.2026", "Encore.Un.Essai.77")

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)
DATES = ("24/11/2026", "01/12/2026", "31/02/2026", "")
SPACES = ("FACTURES_EMISES", "FACTURES_TRAVAUX", "ACTIVITES_GESTIONNAIRE", "MON_COMPTE")


class AccountLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.mkdtemp()
        self.db = open_database(f"{self.folder}/state.sqlite3")
        prepare_schema(self.db)
        self.clock = FixedClock(START)
        self.services = Services(clock=self.clock, hasher=cheap_hasher())
        paul = make_user(self.services, login="paul@example.fr")
        julie = make_user(self.services, login="julie@example.fr")
        make_user(
            self.services, login="pauline@example.fr", is_referential=True, info_completed=False
        )
        make_user(
            self.services,
            login="old@example.fr",
            status=AccountStatus.DESACTIVE,
            deactivated_at=START - dt.timedelta(days=50),
        )
        structure = make_structure(self.services, principal=paul)
        add_member(self.services, julie, structure, Role.UTILISATEUR_SIMPLE)
        self.logins = [
            "paul@example.fr",
            "julie@example.fr",
            "pauline@example.fr",
            "old@example.fr",
            "ghost@example.fr",
        ]
        self.known_passwords = {login: {PASSWORD} for login in self.logins}
        self.attempts = 0
        self.codes: dict[str, str] = {}

    def teardown(self) -> None:
        self.db.close()
        database.initialize(None)
        shutil.rmtree(self.folder, ignore_errors=True)

    def user(self, login: str) -> User | None:
        return User.get_or_none(User.login == login)

    @rule(index=st.integers(0, 4), right=st.booleans(), typed=text)
    def log_in(self, index, right, typed):
        login = self.logins[index]
        password = sorted(self.known_passwords[login])[-1] if right else typed
        self.attempts += 1
        try:
            result = auth.login(self.services, login, password)
        except (auth.InvalidCredentials, auth.AccountLocked):
            return
        assert password in self.known_passwords[login]
        if result.status is auth.LoginStatus.OK:
            assert result.user.status == AccountStatus.ACTIF

    @rule(minutes=st.integers(0, 60 * 24 * 200))
    def time_passes(self, minutes):
        self.clock.advance(minutes=minutes)

    @rule(index=st.integers(0, 2), new=st.sampled_from([NEW_PASSWORD, "short", PASSWORD]))
    def change_password(self, index, new):
        login = self.logins[index]
        user = self.user(login)
        current = sorted(self.known_passwords[login])[-1]
        try:
            accounts.change_password(self.services, user, current, new, new)
        except DomainError:
            return
        self.known_passwords[login] = {new}

    @rule(nom=text, ville=text)
    def complete_information(self, nom, ville):
        before = self.user("pauline@example.fr")
        values = {
            "email": "p@example.fr",
            "nom": nom,
            "prenom": "Pauline",
            "adresse": "1 rue",
            "ville": ville,
            "pays": "FR",
        }
        try:
            accounts.complete_referential_info(self.services, before, values)
        except DomainError:
            after = self.user("pauline@example.fr")
            assert (after.nom, after.ville, after.info_completed) == (
                before.nom,
                before.ville,
                before.info_completed,
            )
            return
        after = self.user("pauline@example.fr")
        assert after.info_completed
        assert (after.nom, after.ville) == (clean(nom), clean(ville))

    @rule(index=st.integers(0, 3), pick=st.integers(0, 10))
    def deactivate(self, index, pick):
        login = self.logins[index]
        user = self.user(login)
        candidates = [
            other
            for other in User.select().order_by(User.id)
            if other.id != user.id and is_active_person(other)
        ]
        structures = deactivation.principal_structures(user)
        successors = {
            structure.id: candidates[(pick + n) % len(candidates)].id
            for n, structure in enumerate(structures)
            if candidates
        }
        before = (user.status, user.version)
        try:
            deactivation.deactivate_account(self.services, user, successors)
        except DomainError:
            after = self.user(login)
            assert (after.status, after.version) == before
            return
        assert before[0] == AccountStatus.ACTIF and not user.is_referential
        assert self.user(login).status == AccountStatus.DESACTIVE
        assert deactivation.principal_structures(user) == []

    @rule(index=st.integers(0, 3))
    def request_reactivation(self, index):
        login = self.logins[index]
        user = self.user(login)
        try:
            self.codes[login] = activation.request_reactivation(self.services, user)
        except DomainError:
            assert (
                user.status != AccountStatus.DESACTIVE
                or user.is_referential
                or (self.clock.now() > user.deactivated_at + auth.REACTIVATION_WINDOW)
            )

    @rule(index=st.integers(0, 3))
    def activate(self, index):
        login = self.logins[index]
        code = self.codes.get(login)
        if code is None:
            return
        new = next(p for p in ACTIVATION_PASSWORDS if p not in self.known_passwords[login])
        try:
            activation.activate_account(self.services, code, new, new, "Question ?", "Réponse")
        except activation.InvalidActivationCode:
            return
        assert self.user(login).status == AccountStatus.ACTIF
        self.known_passwords[login] = {new}

    def structure_ids(self) -> list[int]:
        return [row.id for row in Structure.select(Structure.id).order_by(Structure.id)]

    @rule(index=st.integers(0, 3), pick=st.integers(0, 10), start=st.sampled_from(DATES))
    def request_membership(self, index, pick, start):
        user = self.user(self.logins[index])
        ids = self.structure_ids()
        structure_id = ids[pick % len(ids)]
        before = Membership.select().count()
        try:
            membership = memberships.request_membership(
                self.services, user, structure_id, start_date=start
            )
        except DomainError:
            assert Membership.select().count() == before
            return
        assert membership.status == MembershipStatus.EN_COURS_DE_VALIDATION

    @rule(
        index=st.integers(0, 3),
        picks=st.lists(st.integers(0, 10), max_size=3),
        heir=st.integers(0, 4),
    )
    def remove_memberships(self, index, picks, heir):
        user = self.user(self.logins[index])
        mine = [m.id for m in memberships.my_memberships_query(user)]
        if not mine:
            return
        chosen = sorted({mine[pick % len(mine)] for pick in picks})
        successors = {structure_id: self.logins[heir] for structure_id in self.structure_ids()}
        before = Membership.select().count()
        try:
            memberships.remove_memberships(self.services, user, chosen, successors)
        except DomainError:
            assert Membership.select().count() == before
            return
        for membership in Membership.select().where(Membership.id.in_(chosen)):
            assert membership.status in (MembershipStatus.SUPPRIMEE, MembershipStatus.VALIDEE)
            if membership.status == MembershipStatus.VALIDEE:
                # the principal stays attached as a simple user once the successor is named
                assert membership.role != Role.GESTIONNAIRE_PRINCIPAL

    @rule(index=st.integers(0, 3), number=st.integers(0, 3), name=text)
    def create_structure(self, index, number, name):
        user = self.user(self.logins[index])
        fields = {
            "identifier_type": "SIRET",
            "identifier": siret(777000 + number),
            "raison_sociale": name,
            "adresse": "1 rue",
            "code_postal": "75001",
            "ville": "Paris",
            "pays": "FR",
        }
        try:
            structure = structures.create_structure(self.services, user, fields)
        except DomainError:
            return
        assert memberships.live_membership(user, structure).role == Role.GESTIONNAIRE_PRINCIPAL

    @rule(
        index=st.integers(0, 3),
        pick=st.integers(0, 10),
        space=st.sampled_from(SPACES),
        modification=st.booleans(),
    )
    def request_subscription(self, index, pick, space, modification):
        user = self.user(self.logins[index])
        ids = self.structure_ids()
        habilitation = (
            Habilitation.MODIFICATION if modification else Habilitation.CONSULTATION_UNIQUEMENT
        )
        try:
            subscriptions.request_subscriptions(
                self.services,
                user,
                structure_id=ids[pick % len(ids)],
                space_code=space,
                lines=[SubscriptionLine(None, habilitation)],
                effective_date="01/12/2026",
            )
        except DomainError:
            return

    @rule(index=st.integers(0, 3), count=st.integers(1, 3))
    def delete_subscriptions(self, index, count):
        user = self.user(self.logins[index])
        rows = subscriptions.my_subscriptions(user, size=count).rows
        try:
            subscriptions.delete_subscriptions(self.services, user, [row.id for row in rows])
        except DomainError:
            return

    @rule(
        index=st.integers(0, 3),
        pick=st.integers(0, 10),
        role=st.sampled_from(["GESTIONNAIRE_SECONDAIRE", "UTILISATEUR_SIMPLE", "ADMIN"]),
        refuse=st.booleans(),
        motif=text,
    )
    def decide_membership(self, index, pick, role, refuse, motif):
        manager = self.user(self.logins[index])
        pending = [
            m.id
            for m in Membership.select(Membership.id)
            .where(Membership.status == MembershipStatus.EN_COURS_DE_VALIDATION)
            .order_by(Membership.id)
        ]
        if not pending:
            return
        target = pending[pick % len(pending)]
        try:
            if refuse:
                membership_requests.refuse_membership(self.services, manager, target, motif)
            else:
                membership_requests.validate_membership(self.services, manager, target, role=role)
        except DomainError:
            status = Membership.get_by_id(target).status
            assert status == MembershipStatus.EN_COURS_DE_VALIDATION
            return
        assert Membership.get_by_id(target).status in (
            MembershipStatus.VALIDEE,
            MembershipStatus.REFUSEE,
        )

    @rule(index=st.integers(0, 3), pick=st.integers(0, 10), refuse=st.booleans())
    def decide_subscriptions(self, index, pick, refuse):
        manager = self.user(self.logins[index])
        pending = [
            s.id
            for s in Subscription.select(Subscription.id)
            .where(
                (Subscription.status == "EN_COURS_DE_VALIDATION") & Subscription.ended_at.is_null()
            )
            .order_by(Subscription.id)
        ]
        if not pending:
            return
        target = pending[pick % len(pending)]
        try:
            if refuse:
                subscription_requests.refuse_subscription_request(
                    self.services, manager, target, "Non"
                )
            else:
                subscription_requests.validate_subscription_request(self.services, manager, target)
        except DomainError:
            assert Subscription.get_by_id(target).status == "EN_COURS_DE_VALIDATION"

    def members_of(self, structure_id: int) -> list[int]:
        return [
            m.id
            for m in Membership.select(Membership.id)
            .where(Membership.structure == structure_id)
            .order_by(Membership.id)
        ]

    @rule(
        index=st.integers(0, 3),
        pick=st.integers(0, 10),
        who=st.integers(0, 4),
        role=st.sampled_from(["GESTIONNAIRE_SECONDAIRE", "UTILISATEUR_SIMPLE"]),
    )
    def attach_user(self, index, pick, who, role):
        manager = self.user(self.logins[index])
        person = self.user(self.logins[who])
        ids = self.structure_ids()
        if person is None:
            return
        try:
            membership = attach.attach_user(
                self.services,
                manager,
                ids[pick % len(ids)],
                person.id,
                role=role,
                start_date="24/11/2026",
            )
        except DomainError:
            return
        assert membership.status == MembershipStatus.VALIDEE

    @rule(
        index=st.integers(0, 3),
        pick=st.integers(0, 10),
        picks=st.lists(st.integers(0, 10), min_size=1, max_size=3),
        operation=st.sampled_from(["deactivate", "reactivate", "remove"]),
    )
    def manage_members(self, index, pick, picks, operation):
        manager = self.user(self.logins[index])
        ids = self.structure_ids()
        structure_id = ids[pick % len(ids)]
        members = self.members_of(structure_id)
        if not members:
            return
        chosen = sorted({members[p % len(members)] for p in picks})
        before = {m.id: m.status for m in Membership.select().where(Membership.id.in_(chosen))}
        function = getattr(structure_admin, f"{operation}_members")
        try:
            function(self.services, manager, structure_id, chosen)
        except DomainError:
            after = {m.id: m.status for m in Membership.select().where(Membership.id.in_(chosen))}
            assert after == before, "a refused call changes nothing"

    @rule(index=st.integers(0, 3), pick=st.integers(0, 10), heir=st.integers(0, 4))
    def transfer_role(self, index, pick, heir):
        manager = self.user(self.logins[index])
        ids = self.structure_ids()
        try:
            structure_principal.transfer_role(
                self.services, manager, ids[pick % len(ids)], self.logins[heir]
            )
        except DomainError:
            return

    @rule(index=st.integers(0, 3), pick=st.integers(0, 10), number=st.integers(0, 5))
    def change_identifier(self, index, pick, number):
        manager = self.user(self.logins[index])
        ids = self.structure_ids()
        try:
            structure_principal.change_identifier(
                self.services, manager, ids[pick % len(ids)], siret(888000 + number)
            )
        except DomainError:
            return

    @invariant()
    def only_validated_memberships_hold_live_subscriptions(self):
        orphans = (
            Subscription.select()
            .where(Subscription.ended_at.is_null())
            .where(
                ~fn.EXISTS(
                    Membership.select().where(
                        (Membership.user == Subscription.user)
                        & (Membership.structure == Subscription.structure)
                        & (Membership.status == MembershipStatus.VALIDEE)
                    )
                )
            )
        )
        assert orphans.count() == 0

    @invariant()
    def principal_invariant_holds(self):
        assert all_violations() == []

    @invariant()
    def every_attempt_is_recorded(self):
        assert LoginAttempt.select().count() == self.attempts

    @invariant()
    def locks_last_at_most_fifteen_minutes(self):
        for user in User.select():
            assert user.failed_attempts < auth.MAX_FAILURES
            if user.locked_until is not None:
                assert user.locked_until <= self.clock.now() + auth.LOCK_DURATION


AccountLife.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestAccountLife = AccountLife.TestCase
