"""Random sequences of every operation keep every invariant (issue 10): logins, password
changes, account deactivation (with successors) and reactivation, membership requests, their
validation and refusal (one by one and in bulk, as the UI's bulk window runs them), removals,
transfers of the principal role (M10 and the transfer itself), the members' deactivation,
reactivation, removal and change of role, identifier changes (M11), attachments, new structures,
spaces of a structure, secondary managers' rights, subscription requests, decisions and
deletions.

After each step: the principal-manager invariant of SPEC §3 with SQLite's integrity and foreign
key checks; no ``SUPPRIMEE``/``DESACTIVEE`` membership grants anything (rights, « Activités du
gestionnaire », subscriptions, spaces); a call refused with a domain error changed nothing (a
dump of every table before and after: no audit entry, mail nor event either); and every audit
entry, mail and event a step wrote belongs to its committed change (the rows it names exist and
are in the state it tells, every mail has the change that caused it, no mail to a deactivated
account but its reactivation code).

Each example starts from a copy of a template database built once (``shutil.copyfile``)."""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
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
    bulk,
    deactivation,
    membership_requests,
    memberships,
    principal,
    structure_admin,
    structure_principal,
    structure_spaces,
    structures,
    subscription_requests,
    subscriptions,
)
from chorus_tui.domain.context import Services, cheap_hasher
from chorus_tui.domain.errors import Conflict, DomainError, NotFound
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.rights import MANAGERS, Action, can, is_active_person, managed_structures
from chorus_tui.domain.spaces import structure_spaces as opened_spaces
from chorus_tui.domain.subscriptions import LIVE, SubscriptionLine
from chorus_tui.domain.text import clean
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import (
    ActivationCode,
    AuditEntry,
    Event,
    LoginAttempt,
    Membership,
    OutboxMail,
    Space,
    Structure,
    StructureSpace,
    Subscription,
    User,
    database,
)
from chorus_tui.models.codes import (
    AccountStatus,
    Habilitation,
    MembershipStatus,
    Role,
    SecondaryRights,
    SpaceCode,
    StructureKind,
    StructureStatus,
    SubscriptionStatus,
)
from tests.domain.factories import PASSWORD, add_member, make_structure, make_user, siret

START = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)
NEW_PASSWORD = "Nouveau.Mot2Passe"
ACTIVATION_PASSWORDS = ("Reactive.Compte.2026", "Encore.Un.Essai.77")

# The cast: who acts (index 0–7 of LOGINS); « ghost » has no account (a login or an heir only).
LOGINS = (
    "paul@example.fr",  # principal of Menuiserie (two services) and Rénovation, asks Mairie
    "julie@example.fr",  # simple user of Menuiserie (asks two spaces there), asks Rénovation
    "marc@example.fr",  # secondary of Menuiserie and Rénovation (asks a space), asks Mairie
    "pauline@example.fr",  # referential, principal of the public Mairie, asks Menuiserie
    "old@example.fr",  # deactivated 50 days ago
    "tech@example.fr",  # technical user of Menuiserie
    "nina@example.fr",  # no membership
    "omar@example.fr",  # no membership
    "ghost@example.fr",
)
ACTORS = 8

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)
# Who acts: any of the cast, the managers more often; on a structure, -1 is its principal.
acting = st.sampled_from((0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 2, 3))
managing = st.sampled_from((-1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 3, 4, 5, 6, 7))
anyone = st.integers(0, len(LOGINS) - 1)
pick = st.integers(0, 10)
DATES = ("24/11/2026", "01/12/2026", "31/02/2026", "")
SPACES = ("FACTURES_EMISES", "FACTURES_TRAVAUX", "ACTIVITES_GESTIONNAIRE", "MON_COMPTE")
ROLES = ("GESTIONNAIRE_SECONDAIRE", "UTILISATEUR_SIMPLE", "GESTIONNAIRE_PRINCIPAL", "ADMIN")
# The mails carrying an activation code (each goes with its fresh code; the reactivation code
# is the only mail a deactivated account gets, F7, F8).
CODE_MAILS = ("reactivation_code", "account_creation_code")
# The audit entry (action, on the mail's addressee or on anyone) that each mail follows.
MAIL_CAUSES = {
    "membership_validated": (("MEMBERSHIP_VALIDATED",), True),
    "membership_refused": (("MEMBERSHIP_REFUSED",), True),
    "membership_attached": (("USER_ATTACHED",), True),
    "member_deactivated": (("MEMBERSHIP_DEACTIVATED",), True),
    "member_reactivated": (("MEMBERSHIP_REACTIVATED",), True),
    "member_removed": (("MEMBERSHIP_REMOVED",), True),
    "principal_transferred": (("PRINCIPAL_TRANSFERRED",), True),
    "subscription_validated": (("SUBSCRIPTION_VALIDATED",), True),
    "subscription_refused": (("SUBSCRIPTION_REFUSED",), True),
    "membership_request_received": (("MEMBERSHIP_REQUESTED",), False),
    "subscription_request_received": (("SUBSCRIPTION_REQUESTED", "SUBSCRIPTION_VALIDATED"), False),
}
# An audit entry whose target's membership of the structure must be in this state afterwards.
MEMBERSHIP_AFTER = {
    "MEMBERSHIP_REQUESTED": MembershipStatus.EN_COURS_DE_VALIDATION,
    "MEMBERSHIP_VALIDATED": MembershipStatus.VALIDEE,
    "USER_ATTACHED": MembershipStatus.VALIDEE,
    "MEMBERSHIP_REACTIVATED": MembershipStatus.VALIDEE,
    "MEMBERSHIP_CHANGED": MembershipStatus.VALIDEE,
    "MEMBERSHIP_REFUSED": MembershipStatus.REFUSEE,
    "MEMBERSHIP_DEACTIVATED": MembershipStatus.DESACTIVEE,
    "MEMBERSHIP_REMOVED": MembershipStatus.SUPPRIMEE,
}
# The memberships each of the members' operations applies to.
MEMBER_STATES = {
    "deactivate": (MembershipStatus.VALIDEE,),
    "reactivate": (MembershipStatus.DESACTIVEE,),
    "remove": (MembershipStatus.VALIDEE, MembershipStatus.DESACTIVEE),
    "change": (MembershipStatus.VALIDEE,),
}
SUBSCRIPTION_AFTER = {
    "SUBSCRIPTION_REQUESTED": SubscriptionStatus.EN_COURS_DE_VALIDATION,
    "SUBSCRIPTION_VALIDATED": SubscriptionStatus.VALIDE,
    "SUBSCRIPTION_REFUSED": SubscriptionStatus.REFUSE,
}


@functools.cache
def template() -> Path:
    """The database every example starts from: the schema, the reference data and the cast,
    built once per session."""
    folder = Path(tempfile.mkdtemp(prefix="chorus-stateful-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "template.sqlite3"
    handle = open_database(str(path))
    try:
        prepare_schema(handle)
        services = Services(clock=FixedClock(START), hasher=cheap_hasher())
        paul, julie, marc = (make_user(services, login=login) for login in LOGINS[:3])
        pauline = make_user(services, login=LOGINS[3], is_referential=True, info_completed=False)
        make_user(
            services,
            login=LOGINS[4],
            status=AccountStatus.DESACTIVE,
            deactivated_at=START - dt.timedelta(days=50),
        )
        tech = make_user(services, login=LOGINS[5], is_technical=True)
        for login in LOGINS[6:8]:
            make_user(services, login=login)
        menuiserie = make_structure(services, principal=paul, raison_sociale="Menuiserie")
        renovation = make_structure(
            services,
            principal=paul,
            raison_sociale="Rénovation",
            secondary_rights=SecondaryRights.IDENTIQUES_UTILISATEUR,
        )
        mairie = make_structure(
            services, principal=pauline, raison_sociale="Mairie", kind=StructureKind.PUBLIQUE
        )
        add_member(services, julie, menuiserie, Role.UTILISATEUR_SIMPLE)
        add_member(services, marc, menuiserie, Role.GESTIONNAIRE_SECONDAIRE)
        add_member(services, marc, renovation, Role.GESTIONNAIRE_SECONDAIRE)
        add_member(services, tech, menuiserie, Role.UTILISATEUR_SIMPLE)
        for code, libelle in (("MOBURB", "Mobilier urbain"), ("MENINT", "Menuiseries")):
            structure_admin.create_service(services, paul, menuiserie.id, code, libelle)
        moburb = structures.active_services(menuiserie)[0].id
        for who, where, chosen in (
            (julie, renovation, []),
            (pauline, menuiserie, [moburb]),
            (marc, mairie, []),
            (paul, mairie, []),
        ):
            memberships.request_membership(
                services, who, where.id, start_date="24/11/2026", service_ids=chosen
            )
        spaces = {space.code: space for space in Space.select()}
        for structure in (menuiserie, renovation, mairie):
            for code in opened_spaces(structure.kind):
                StructureSpace.create(structure=structure, space=spaces[code], created_at=START)
        for who, where, space in (
            (julie, menuiserie, SpaceCode.FACTURES_EMISES),
            (julie, menuiserie, SpaceCode.SOLLICITATIONS_EMISES),
            (marc, renovation, SpaceCode.FACTURES_EMISES),
        ):
            subscriptions.request_subscriptions(
                services,
                who,
                structure_id=where.id,
                space_code=space,
                lines=[SubscriptionLine(None, Habilitation.MODIFICATION)],
                effective_date="24/11/2026",
            )
    finally:
        handle.close()
        database.initialize(None)
    return path


def dump() -> dict[str, list[tuple]]:
    """Every row of every table: what a refused call must leave as it was."""
    connection = database.connection()
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    return {
        table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
        for table in tables
    }


class AccountLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.mkdtemp()
        path = f"{self.folder}/state.sqlite3"
        shutil.copyfile(template(), path)
        self.db = open_database(path)
        self.clock = FixedClock(START)
        self.services = Services(clock=self.clock, hasher=cheap_hasher())
        self.known_passwords = {login: {PASSWORD} for login in LOGINS}
        self.attempts = 0
        self.codes: dict[str, str] = {}
        self.seen = self.last_ids()

    def teardown(self) -> None:
        self.db.close()
        database.initialize(None)
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers -----------------------------------------------------------------------------

    def user(self, login: str) -> User | None:
        return User.get_or_none(User.login == login)

    def actor(self, index: int) -> User:
        return self.user(LOGINS[index])

    def manager(self, index: int, structure_id: int) -> User:
        """The cast's ``index``, or (-1) the structure's principal manager."""
        if index >= 0:
            return self.actor(index)
        holder = Membership.get_or_none(
            (Membership.structure == structure_id)
            & (Membership.status == MembershipStatus.VALIDEE)
            & (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
        )
        return holder.user if holder is not None else self.actor(0)

    def structure_ids(self) -> list[int]:
        return [row.id for row in Structure.select(Structure.id).order_by(Structure.id)]

    def structure_id(self, index: int) -> int:
        ids = self.structure_ids()
        return ids[index % len(ids)]

    def members_of(self, structure_id: int, statuses: tuple[str, ...] | None = None) -> list[int]:
        """The structure's memberships (the principal's excepted when ``statuses`` are given)."""
        query = Membership.select(Membership.id).where(Membership.structure == structure_id)
        if statuses is not None:
            query = query.where(
                Membership.status.in_(list(statuses))
                & (Membership.role != Role.GESTIONNAIRE_PRINCIPAL)
            )
        return [m.id for m in query.order_by(Membership.id)]

    def last_ids(self) -> tuple[int, int, int]:
        return tuple(
            model.select(fn.COALESCE(fn.MAX(model.id), 0)).scalar()
            for model in (AuditEntry, OutboxMail, Event)
        )

    def attempt(self, call):
        """Run a domain operation: refused (a ``DomainError``), it changed nothing; done, what
        it wrote in the journal belongs to its change. Returns the error, or None."""
        before = dump()
        try:
            call()
        except DomainError as error:
            assert dump() == before, f"a refused call ({error!r}) changed the database"
            return error
        self.check_journal()
        return None

    # -- what a step wrote in the journal ---------------------------------------------------

    def check_journal(self) -> None:
        audit_id, mail_id, event_id = self.seen
        self.seen = self.last_ids()
        now = self.clock.now()
        entries = list(AuditEntry.select().where(AuditEntry.id > audit_id))
        for entry in entries:
            assert entry.at == now and entry.actor_id is not None, entry.action
            self.check_audit(entry)
        for mail in OutboxMail.select().where(OutboxMail.id > mail_id):
            assert mail.created_at == now and mail.user_id is not None, mail.kind
            addressee = User.get_by_id(mail.user_id)
            if mail.kind in CODE_MAILS:
                assert (
                    ActivationCode.select()
                    .where(
                        (ActivationCode.user == addressee)
                        & (ActivationCode.created_at == now)
                        & ActivationCode.used_at.is_null()
                        & ActivationCode.voided_at.is_null()
                    )
                    .exists()
                ), f"{mail.kind} mail without its code"
                continue
            assert addressee.status != AccountStatus.DESACTIVE, (
                f"mail {mail.kind} to the deactivated account {addressee.login}"
            )
            assert mail.kind in MAIL_CAUSES, f"unexpected mail {mail.kind}"
            actions, on_addressee = MAIL_CAUSES[mail.kind]
            assert any(
                entry.action in actions
                and (not on_addressee or entry.target_user_id == mail.user_id)
                for entry in entries
            ), f"mail {mail.kind} to {addressee.login} without the change that caused it"
        for item in Event.select().where(Event.id > event_id):
            assert item.at == now, item.kind

    def check_audit(self, entry: AuditEntry) -> None:
        details = json.loads(entry.details or "{}")
        action, target, structure = entry.action, entry.target_user_id, entry.structure_id
        if action in MEMBERSHIP_AFTER:
            rows = list(
                Membership.select().where(
                    (Membership.user == target) & (Membership.structure == structure)
                )
            )
            status = MEMBERSHIP_AFTER[action]
            matching = [row for row in rows if row.status == status]
            if status not in (MembershipStatus.VALIDEE, MembershipStatus.EN_COURS_DE_VALIDATION):
                matching = [row for row in matching if row.decided_at == entry.at]
            if "role" in details:
                matching = [row for row in matching if row.role == details["role"]]
            assert matching, f"{action}: no membership {status} of user {target} in {structure}"
        elif action in SUBSCRIPTION_AFTER:
            status = SUBSCRIPTION_AFTER[action]
            query = (
                Subscription.select()
                .join(Space)
                .where(
                    (Subscription.user == target)
                    & (Subscription.structure == structure)
                    & (Space.code == details["space"])
                    & (Subscription.status == status)
                )
            )
            assert query.exists(), f"{action}: no subscription {status} of user {target}"
        elif action == "SUBSCRIPTION_DELETED":
            assert (
                Subscription.select()
                .where(
                    (Subscription.user == target)
                    & (Subscription.structure == structure)
                    & (Subscription.ended_at == entry.at)
                )
                .exists()
            )
        elif action == "PRINCIPAL_TRANSFERRED":
            holder = Membership.get_or_none(
                (Membership.structure == structure)
                & (Membership.status == MembershipStatus.VALIDEE)
                & (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
            )
            assert holder is not None and holder.user_id == target, action
        elif action == "IDENTIFIER_CHANGED":
            old = Structure.get(Structure.identifier == details["previous"])
            new = Structure.get(Structure.identifier == details["new"])
            assert old.status == StructureStatus.INACTIF and old.successor_id == new.id
            assert new.status == StructureStatus.ACTIF and structure in (old.id, new.id)
        elif action == "STRUCTURE_CREATED":
            assert memberships.live_membership(target, structure).role == (
                Role.GESTIONNAIRE_PRINCIPAL
            )
        elif action in ("STRUCTURE_SPACE_ADDED", "STRUCTURE_SPACE_REMOVED"):
            opened = (
                StructureSpace.select()
                .join(Space)
                .where((StructureSpace.structure == structure) & (Space.code == details["space"]))
                .exists()
            )
            assert opened == (action == "STRUCTURE_SPACE_ADDED"), action
        elif action == "SECONDARY_RIGHTS_CHANGED":
            assert Structure.get_by_id(structure).secondary_rights == details["value"]
        else:
            pytest.fail(f"an audit entry no rule expects: {action}")

    # -- Mon Compte ----------------------------------------------------------------------------

    @rule(index=anyone, right=st.booleans(), typed=text)
    def log_in(self, index, right, typed):
        login = LOGINS[index]
        password = sorted(self.known_passwords[login])[-1] if right else typed
        self.attempts += 1
        try:
            result = auth.login(self.services, login, password)
        except (auth.InvalidCredentials, auth.AccountLocked, auth.TechnicalUserRefused):
            self.check_journal()
            return
        self.check_journal()
        assert password in self.known_passwords[login]
        if result.status is auth.LoginStatus.OK:
            assert result.user.status == AccountStatus.ACTIF

    @rule(minutes=st.integers(0, 60 * 24 * 200))
    def time_passes(self, minutes):
        self.clock.advance(minutes=minutes)

    @rule(index=acting, new=st.sampled_from([NEW_PASSWORD, "short", PASSWORD]))
    def change_password(self, index, new):
        login = LOGINS[index]
        user = self.user(login)
        current = sorted(self.known_passwords[login])[-1]
        if self.attempt(lambda: accounts.change_password(self.services, user, current, new, new)):
            return
        self.known_passwords[login] = {new}

    @rule(nom=text, ville=text)
    def complete_information(self, nom, ville):
        before = self.user(LOGINS[3])
        values = {
            "email": "p@example.fr",
            "nom": nom,
            "prenom": "Pauline",
            "adresse": "1 rue",
            "ville": ville,
            "pays": "FR",
        }
        if self.attempt(lambda: accounts.complete_referential_info(self.services, before, values)):
            return
        after = self.user(LOGINS[3])
        assert after.info_completed
        assert (after.nom, after.ville) == (clean(nom), clean(ville))

    @rule(index=acting, heir=pick)
    def deactivate_account(self, index, heir):
        login = LOGINS[index]
        user = self.user(login)
        candidates = [
            other
            for other in User.select().order_by(User.id)
            if other.id != user.id and is_active_person(other)
        ]
        structures = deactivation.principal_structures(user)
        successors = {
            structure.id: candidates[(heir + n) % len(candidates)].id
            for n, structure in enumerate(structures)
            if candidates
        }
        before = user.status
        if self.attempt(lambda: deactivation.deactivate_account(self.services, user, successors)):
            return
        assert before == AccountStatus.ACTIF and not user.is_referential
        assert self.user(login).status == AccountStatus.DESACTIVE
        assert deactivation.principal_structures(user) == []

    @rule(index=acting)
    def request_reactivation(self, index):
        login = LOGINS[index]
        user = self.user(login)
        codes = {}
        error = self.attempt(
            lambda: codes.update(code=activation.request_reactivation(self.services, user))
        )
        if error is None:
            self.codes[login] = codes["code"]
            return
        assert (
            user.status != AccountStatus.DESACTIVE
            or user.is_referential
            or user.is_technical
            or (self.clock.now() > user.deactivated_at + auth.REACTIVATION_WINDOW)
        )

    @rule(index=acting)
    def activate(self, index):
        login = LOGINS[index]
        code = self.codes.get(login)
        if code is None:
            return
        new = next(p for p in ACTIVATION_PASSWORDS if p not in self.known_passwords[login])
        if self.attempt(
            lambda: activation.activate_account(
                self.services, code, new, new, "Question ?", "Réponse"
            )
        ):
            return
        assert self.user(login).status == AccountStatus.ACTIF
        self.known_passwords[login] = {new}

    @rule(index=acting, where=pick, start=st.sampled_from(DATES), services=st.integers(0, 3))
    def request_membership(self, index, where, start, services):
        user = self.actor(index)
        structure_id = self.structure_id(where)
        offered = [s.id for s in structures.active_services(structure_id)]
        chosen = [sid for n, sid in enumerate(offered) if services >> n & 1]
        if self.attempt(
            lambda: memberships.request_membership(
                self.services, user, structure_id, start_date=start, service_ids=chosen
            )
        ):
            return
        assert memberships.live_membership(user, structure_id).status == (
            MembershipStatus.EN_COURS_DE_VALIDATION
        )

    @rule(index=acting, picks=st.lists(pick, max_size=3), heir=anyone)
    def remove_memberships(self, index, picks, heir):
        user = self.actor(index)
        mine = [m.id for m in memberships.my_memberships_query(user)]
        if not mine:
            return
        chosen = sorted({mine[p % len(mine)] for p in picks})
        successors = {structure_id: LOGINS[heir] for structure_id in self.structure_ids()}
        if self.attempt(
            lambda: memberships.remove_memberships(self.services, user, chosen, successors)
        ):
            return
        for membership in Membership.select().where(Membership.id.in_(chosen)):
            assert membership.status in (MembershipStatus.SUPPRIMEE, MembershipStatus.VALIDEE)
            if membership.status == MembershipStatus.VALIDEE:
                # the principal stays attached as a simple user once the successor is named
                assert membership.role == Role.UTILISATEUR_SIMPLE

    @rule(index=acting, number=st.integers(0, 3), name=text)
    def create_structure(self, index, number, name):
        user = self.actor(index)
        fields = {
            "identifier_type": "SIRET",
            "identifier": siret(777000 + number),
            "raison_sociale": name,
            "adresse": "1 rue",
            "code_postal": "75001",
            "ville": "Paris",
            "pays": "FR",
        }
        made = []
        if self.attempt(
            lambda: made.append(structures.create_structure(self.services, user, fields))
        ):
            return
        assert memberships.live_membership(user, made[0]).role == Role.GESTIONNAIRE_PRINCIPAL

    # -- subscriptions -------------------------------------------------------------------------

    @rule(index=acting, where=pick, space=st.sampled_from(SPACES), modification=st.booleans())
    def request_subscription(self, index, where, space, modification):
        user = self.actor(index)
        habilitation = (
            Habilitation.MODIFICATION if modification else Habilitation.CONSULTATION_UNIQUEMENT
        )
        self.attempt(
            lambda: subscriptions.request_subscriptions(
                self.services,
                user,
                structure_id=self.structure_id(where),
                space_code=space,
                lines=[SubscriptionLine(None, habilitation)],
                effective_date="01/12/2026",
            )
        )

    @rule(index=acting, count=st.integers(1, 3))
    def delete_subscriptions(self, index, count):
        user = self.actor(index)
        rows = subscriptions.my_subscriptions(user, size=count).rows
        self.attempt(
            lambda: subscriptions.delete_subscriptions(self.services, user, [r.id for r in rows])
        )

    @rule(index=managing, which=pick, refuse=st.booleans())
    def decide_subscriptions(self, index, which, refuse):
        pending = [
            s.id
            for s in Subscription.select(Subscription.id)
            .where(
                (Subscription.status == SubscriptionStatus.EN_COURS_DE_VALIDATION)
                & Subscription.ended_at.is_null()
            )
            .order_by(Subscription.id)
        ]
        if not pending:
            return
        target = pending[which % len(pending)]
        manager = self.manager(index, Subscription.get_by_id(target).structure_id)
        if refuse:
            call = lambda: subscription_requests.refuse_subscription_request(  # noqa: E731
                self.services, manager, target, "Non"
            )
        else:
            call = lambda: subscription_requests.validate_subscription_request(  # noqa: E731
                self.services, manager, target
            )
        if self.attempt(call):
            assert Subscription.get_by_id(target).status == "EN_COURS_DE_VALIDATION"

    @rule(index=managing, where=pick, space=st.sampled_from(list(SpaceCode)), add=st.booleans())
    def structure_space(self, index, where, space, add):
        structure_id = self.structure_id(where)
        manager = self.manager(index, structure_id)
        function = (
            structure_spaces.add_structure_space if add else structure_spaces.remove_structure_space
        )
        self.attempt(lambda: function(self.services, manager, structure_id, space))

    # -- Activités du gestionnaire -------------------------------------------------------------

    def pending_ids(self) -> list[int]:
        return [
            m.id
            for m in Membership.select(Membership.id)
            .where(Membership.status == MembershipStatus.EN_COURS_DE_VALIDATION)
            .order_by(Membership.id)
        ]

    def decision(self, manager: User, refuse: bool, role: str, motif: str):
        if refuse:
            return lambda membership_id: membership_requests.refuse_membership(
                self.services, manager, membership_id, motif
            )
        return lambda membership_id: membership_requests.validate_membership(
            self.services, manager, membership_id, role=role
        )

    @rule(
        index=managing,
        which=pick,
        role=st.sampled_from(ROLES),
        refuse=st.booleans(),
        motif=text,
    )
    def decide_membership(self, index, which, role, refuse, motif):
        pending = self.pending_ids()
        if not pending:
            return
        target = pending[which % len(pending)]
        manager = self.manager(index, Membership.get_by_id(target).structure_id)
        decide = self.decision(manager, refuse, role, motif)
        if self.attempt(lambda: decide(target)):
            assert Membership.get_by_id(target).status == MembershipStatus.EN_COURS_DE_VALIDATION
            return
        decided = MembershipStatus.REFUSEE if refuse else MembershipStatus.VALIDEE
        assert Membership.get_by_id(target).status == decided

    @rule(
        index=managing,
        where=pick,
        picks=st.lists(pick, min_size=1, max_size=4),
        stale=st.booleans(),
        refuse=st.booleans(),
        role=st.sampled_from(ROLES[:2]),
    )
    def bulk_decide(self, index, where, picks, stale, refuse, role):
        """The bulk window's run: one transaction per request; a request processed meanwhile
        (``stale``: the list also holds decided ones) is skipped; any other refusal stops the
        run, the requests before it staying decided. The list is M1's (the requests the
        manager may decide), or (``stale``) any memberships."""
        manager = self.manager(index, self.structure_id(where))
        if stale:
            pool = self.members_of_all()
        else:
            query = membership_requests.pending_memberships_query(manager)
            pool = [m.id for m in query]
        if not pool:
            return
        ids = list(dict.fromkeys(pool[p % len(pool)] for p in picks))
        statuses = {m.id: m.status for m in Membership.select().where(Membership.id.in_(ids))}
        decide = self.decision(manager, refuse, role, "Doublon")
        refused: dict[int, DomainError] = {}

        def operation(membership_id: int) -> None:
            before = dump()
            try:
                decide(membership_id)
            except DomainError as error:
                assert dump() == before, f"a refused decision ({error!r}) changed the database"
                refused[membership_id] = error
                raise

        try:
            outcome = bulk.process_each(ids, operation)
        except DomainError as error:
            assert not isinstance(error, Conflict | NotFound)
            stopped = ids.index(list(refused)[-1])  # the request that stopped the run
            done = [i for i in ids[:stopped] if i not in refused]
            untouched = [i for n, i in enumerate(ids) if i in refused or n >= stopped]
        else:
            assert sorted(outcome.done + outcome.skipped) == sorted(ids)
            assert set(outcome.skipped) == set(refused)
            done, untouched = outcome.done, outcome.skipped
        self.check_journal()
        decided = MembershipStatus.REFUSEE if refuse else MembershipStatus.VALIDEE
        after = {m.id: m.status for m in Membership.select().where(Membership.id.in_(ids))}
        for membership_id in done:
            assert statuses[membership_id] == MembershipStatus.EN_COURS_DE_VALIDATION
            assert after[membership_id] == decided
        for membership_id in untouched:
            assert after[membership_id] == statuses[membership_id]

    def members_of_all(self) -> list[int]:
        return [m.id for m in Membership.select(Membership.id).order_by(Membership.id)]

    @rule(
        index=managing,
        where=pick,
        who=anyone,
        role=st.sampled_from(ROLES),
        services=st.integers(0, 3),
    )
    def attach_user(self, index, where, who, role, services):
        person = self.user(LOGINS[who])
        if person is None:
            return
        structure_id = self.structure_id(where)
        manager = self.manager(index, structure_id)
        offered = [s.id for s in structures.active_services(structure_id)]
        chosen = [sid for n, sid in enumerate(offered) if services >> n & 1]
        if self.attempt(
            lambda: attach.attach_user(
                self.services,
                manager,
                structure_id,
                person.id,
                role=role,
                start_date="24/11/2026",
                service_ids=chosen,
            )
        ):
            return
        assert memberships.live_membership(person, structure_id).status == (
            MembershipStatus.VALIDEE
        )

    @rule(
        index=managing,
        where=pick,
        picks=st.lists(pick, min_size=1, max_size=3),
        operation=st.sampled_from(["deactivate", "reactivate", "remove"]),
        mixed=st.booleans(),
    )
    def manage_members(self, index, where, picks, operation, mixed):
        """Members chosen among those the operation applies to, or (``mixed``) any."""
        structure_id = self.structure_id(where)
        manager = self.manager(index, structure_id)
        members = self.members_of(structure_id, None if mixed else MEMBER_STATES[operation])
        if not members:
            return
        chosen = sorted({members[p % len(members)] for p in picks})
        function = getattr(structure_admin, f"{operation}_members")
        if self.attempt(lambda: function(self.services, manager, structure_id, chosen)):
            return
        status = {
            "deactivate": MembershipStatus.DESACTIVEE,
            "reactivate": MembershipStatus.VALIDEE,
            "remove": MembershipStatus.SUPPRIMEE,
        }[operation]
        for membership in Membership.select().where(Membership.id.in_(chosen)):
            assert membership.status == status

    @rule(
        index=managing,
        where=pick,
        which=pick,
        role=st.sampled_from(ROLES),
        services=st.integers(0, 3),
        mixed=st.booleans(),
    )
    def change_member(self, index, where, which, role, services, mixed):
        structure_id = self.structure_id(where)
        manager = self.manager(index, structure_id)
        members = self.members_of(structure_id, None if mixed else MEMBER_STATES["change"])
        if not members:
            return
        target = members[which % len(members)]
        offered = [s.id for s in structures.active_services(structure_id)]
        chosen = [sid for n, sid in enumerate(offered) if services >> n & 1]
        if self.attempt(
            lambda: structure_admin.change_member(
                self.services, manager, structure_id, target, role, chosen
            )
        ):
            return
        membership = Membership.get_by_id(target)
        assert (membership.role, membership.status) == (role, MembershipStatus.VALIDEE)

    @rule(index=managing, where=pick, value=st.sampled_from(list(SecondaryRights)))
    def set_secondary_rights(self, index, where, value):
        structure_id = self.structure_id(where)
        manager = self.manager(index, structure_id)
        self.attempt(
            lambda: structure_admin.set_secondary_rights(
                self.services, manager, structure_id, value
            )
        )

    @rule(index=managing, where=pick, heir=anyone)
    def transfer_role(self, index, where, heir):
        structure_id = self.structure_id(where)
        manager = self.manager(index, structure_id)
        if self.attempt(
            lambda: structure_principal.transfer_role(
                self.services, manager, structure_id, LOGINS[heir]
            )
        ):
            return
        assert memberships.live_membership(manager, structure_id).role == Role.UTILISATEUR_SIMPLE
        assert memberships.live_membership(self.user(LOGINS[heir]), structure_id).role == (
            Role.GESTIONNAIRE_PRINCIPAL
        )

    @rule(where=pick, heir=pick)
    def hand_over(self, where, heir):
        """``principal.transfer_principal`` itself (what F4's removal, F7 and M10 run), from the
        structure's principal to any active person, whatever their membership there."""
        structure = Structure.get_by_id(self.structure_id(where))
        if structure.status != StructureStatus.ACTIF:
            return
        holder = Membership.get(
            (Membership.structure == structure)
            & (Membership.status == MembershipStatus.VALIDEE)
            & (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
        ).user
        candidates = [
            u for u in User.select().order_by(User.id) if u.id != holder.id and is_active_person(u)
        ]
        if not candidates:
            return
        successor = candidates[heir % len(candidates)]
        error = self.attempt(
            lambda: run_write(
                lambda: principal.transfer_principal(self.services, holder, structure, successor)
            )
        )
        assert error is None
        assert memberships.live_membership(holder, structure).role == Role.UTILISATEUR_SIMPLE
        assert memberships.live_membership(successor, structure).role == (
            Role.GESTIONNAIRE_PRINCIPAL
        )

    @rule(index=managing, where=pick, number=st.integers(0, 5))
    def change_identifier(self, index, where, number):
        structure_id = self.structure_id(where)
        manager = self.manager(index, structure_id)
        self.attempt(
            lambda: structure_principal.change_identifier(
                self.services, manager, structure_id, siret(888000 + number)
            )
        )

    # -- the invariants ------------------------------------------------------------------------

    @invariant()
    def principal_invariant_and_foreign_keys_hold(self):
        assert all_violations() == []

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
    def only_managers_hold_the_manager_space(self):
        holders = (
            Subscription.select()
            .join(Space)
            .where(
                (Space.code == SpaceCode.ACTIVITES_GESTIONNAIRE)
                & (Subscription.status.in_(LIVE))
                & Subscription.ended_at.is_null()
                & ~fn.EXISTS(
                    Membership.select().where(
                        (Membership.user == Subscription.user)
                        & (Membership.structure == Subscription.structure)
                        & (Membership.status == MembershipStatus.VALIDEE)
                        & (Membership.role.in_(MANAGERS))
                    )
                )
            )
        )
        assert holders.count() == 0

    @invariant()
    def removed_or_deactivated_memberships_grant_nothing(self):
        validated = set(
            Membership.select(Membership.user, Membership.structure)
            .where(Membership.status == MembershipStatus.VALIDEE)
            .tuples()
        )
        dead = {
            pair
            for pair in Membership.select(Membership.user, Membership.structure)
            .where(Membership.status.in_([MembershipStatus.SUPPRIMEE, MembershipStatus.DESACTIVEE]))
            .tuples()
            if pair not in validated
        }
        for user_id, structure_id in sorted(dead):
            user, structure = User.get_by_id(user_id), Structure.get_by_id(structure_id)
            for action in Action:
                if action is not Action.MON_COMPTE:
                    assert not can(user, action, structure), (action, user.login)
            assert structure_id not in {s.id for s in managed_structures(user)}
            assert structure_id not in {s.id for s in subscriptions.subscription_structures(user)}
            with pytest.raises(NotFound):
                subscriptions.subscription_spaces(user, structure_id)
        for user in User.select().where(
            (User.status != AccountStatus.ACTIF) | (User.is_technical == True)  # noqa: E712
        ):
            assert managed_structures(user) == []
            assert not can(user, Action.SEE_MANAGER_SPACE)

    @invariant()
    def every_attempt_is_recorded(self):
        assert LoginAttempt.select().count() == self.attempts

    @invariant()
    def locks_last_at_most_fifteen_minutes(self):
        for user in User.select():
            assert user.failed_attempts < auth.MAX_FAILURES
            if user.locked_until is not None:
                assert user.locked_until <= self.clock.now() + auth.LOCK_DURATION


# CI runs 200 examples of 15 steps, every example from a copy of the template
# (STATEFUL_EXAMPLES=N and STATEFUL_STEPS=N change them for a longer or a quicker local run).
AccountLife.TestCase.settings = settings(
    max_examples=int(os.environ.get("STATEFUL_EXAMPLES", "200")),
    stateful_step_count=int(os.environ.get("STATEFUL_STEPS", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestAccountLife = AccountLife.TestCase


# -- what the state machine found, pinned -----------------------------------------------------


@pytest.mark.parametrize("refuse", [False, True])
def test_deciding_the_request_of_a_deactivated_account_sends_it_no_mail(db, services, refuse):
    """F7: a deactivated account gets no more mail — not even the decision on a request it
    sent before it was deactivated (the event stays in its feed)."""
    paul, julie = make_user(services), make_user(services)
    structure = make_structure(services, principal=paul)
    request = memberships.request_membership(services, julie, structure.id, start_date="24/11/2026")
    deactivation.deactivate_account(services, julie)
    mails = OutboxMail.select().count()
    if refuse:
        membership_requests.refuse_membership(services, paul, request.id, "Doublon")
    else:
        membership_requests.validate_membership(services, paul, request.id)
    assert OutboxMail.select().count() == mails
    assert Event.select().where(Event.user == julie).count() == 2  # requested, then decided
