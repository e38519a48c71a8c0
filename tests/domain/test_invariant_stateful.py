"""Random sequences of the operations that exist keep every invariant (extended as operations
are added: memberships, transfers… come with their issues; deactivation and reactivation are
here)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from chorus_tui.clock import FixedClock
from chorus_tui.db import open_database, prepare_schema
from chorus_tui.domain import accounts, activation, auth, deactivation
from chorus_tui.domain.context import Services, cheap_hasher
from chorus_tui.domain.errors import DomainError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.rights import is_active_person
from chorus_tui.domain.text import clean
from chorus_tui.models import LoginAttempt, User, database
from chorus_tui.models.codes import AccountStatus, Role
from tests.domain.factories import PASSWORD, add_member, make_structure, make_user

START = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)
NEW_PASSWORD = "Nouveau.Mot2Passe"
ACTIVATION_PASSWORDS = ("Reactive.Compte.2026", "Encore.Un.Essai.77")

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)


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
