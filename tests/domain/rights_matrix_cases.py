"""The rights matrix of SPEC §3 as data: the cast every call runs against, the actors, and for each
domain operation that takes an ``actor`` how to call it and what each actor gets.

Outcomes:

- ``OK``: the call returns; when the row has a ``sees`` predicate, the result shows the cast's
  data it is about (the structure's requests, the simple user's document…).
- ``HIDDEN``: the call returns but ``sees`` is false: a list scoped to the actor, which keeps the
  cast's data out (a manager of another structure lists their own requests, not these).
- ``DENIED`` (:class:`PermissionDenied`), ``NOT_FOUND`` (:class:`NotFound`: another user's
  document or membership, as if it did not exist), ``gone(code)`` (:class:`Conflict`: the
  selection of one's own memberships or subscriptions names one that is not the actor's) and
  ``UNAVAILABLE`` (:class:`ValidationError` on ``structure``: a subscription asked on a structure
  the actor is no member of): refused, and nothing changed.

The actors (columns, in this order): the principal manager of the structure; its secondary
manager with the setting « identiques au gestionnaire principal » and with « identiques à un
utilisateur »; a simple user of it; the principal manager of another structure; a deactivated
account that was (and still is, by its membership) secondary manager of the structure; a
technical user of the structure — given here a validated secondary manager's membership it never
has in real data, so that refusing it proves the check of the account and not of the role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chorus_tui.domain import (
    accounts,
    attach,
    deactivation,
    documents,
    history,
    membership_requests,
    memberships,
    profile,
    structure_admin,
    structure_principal,
    structure_spaces,
    structures,
    subscription_requests,
    subscriptions,
    synthesis,
    technical_users,
    user_search,
)
from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import (
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from chorus_tui.domain.journal import audit
from chorus_tui.domain.subscriptions import SubscriptionLine
from chorus_tui.models import (
    Service,
    Space,
    Structure,
    StructureSpace,
    Subscription,
    User,
)
from chorus_tui.models.codes import (
    AccountStatus,
    Habilitation,
    MembershipStatus,
    Role,
    SecondaryRights,
    SpaceCode,
    SubscriptionStatus,
)
from chorus_tui.models.documents import Document, DocumentType
from tests.domain.factories import PASSWORD, add_member, make_structure, make_user, siret

# -- outcomes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    kind: str  # "ok", "hidden" or "refused"
    error: type[DomainError] | None = None
    code: str | None = None

    def __str__(self) -> str:
        if self.error is None:
            return self.kind.upper()
        return f"{self.error.__name__}({self.code})" if self.code else self.error.__name__


OK = Outcome("ok")
HIDDEN = Outcome("hidden")
DENIED = Outcome("refused", PermissionDenied)
NOT_FOUND = Outcome("refused", NotFound)
UNAVAILABLE = Outcome("refused", ValidationError, "structure")


def gone(code: str) -> Outcome:
    return Outcome("refused", Conflict, code)


ACTORS = (
    "principal",
    "secondary_as_principal",
    "secondary_as_user",
    "simple_user",
    "other_manager",
    "deactivated",
    "technical",
)


def by_actor(*outcomes: Outcome) -> dict[str, Outcome]:
    assert len(outcomes) == len(ACTORS)
    return dict(zip(ACTORS, outcomes, strict=True))


# The columns of SPEC §3 for an action on the structure. Deactivated and technical accounts have
# no right at all (``rights.can``).
PRINCIPAL_ONLY = by_actor(OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED)
DELEGATED = by_actor(OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED)
MANAGER_SPACE = by_actor(OK, OK, OK, DENIED, DENIED, DENIED, DENIED)
MON_COMPTE = by_actor(OK, OK, OK, OK, OK, DENIED, DENIED)


def owner_only(others: Outcome, inactive: Outcome = DENIED) -> dict[str, Outcome]:
    """Mon Compte on something of the simple user's: theirs only."""
    return by_actor(others, others, others, OK, others, inactive, inactive)


# -- the cast -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cast:
    """Ids of everything the calls need; built once into a template database (same ids in each
    copy)."""

    structure: int
    other_structure: int
    open_structure: int  # a third structure nobody of the actors belongs to
    principal: int
    secondary: int
    simple: int
    other_manager: int
    deactivated: int
    technical: int
    candidate: int  # has a pending membership request on the structure
    free: int  # an active account attached nowhere
    former: int  # a member whose membership is DESACTIVEE
    pending_account: int  # EN_COURS_ACTIVATION, created by a manager of the structure
    pending_membership: int
    simple_membership: int
    former_membership: int
    service: int
    inactive_service: int
    pending_subscription: int  # the simple user's pending request (first line)
    simple_subscription: int  # a valid subscription of the simple user
    simple_document: int
    audit_entry: int  # a history entry of the structure


def build_cast(services: Services) -> Cast:
    now = services.now()
    principal = make_user(services)
    secondary = make_user(services)
    simple = make_user(services)
    other_manager = make_user(services)
    deactivated = make_user(
        services, status=AccountStatus.DESACTIVE, deactivated_at=now - dt.timedelta(days=10)
    )
    candidate = make_user(services)
    free = make_user(services)
    former = make_user(services)
    pending_account = make_user(
        services,
        status=AccountStatus.EN_COURS_ACTIVATION,
        password_hash=None,
        password_changed_at=None,
    )
    structure = make_structure(services, principal=principal)
    technical = make_user(services, nom="API", is_technical=True, technical_structure=structure.id)
    add_member(services, secondary, structure, Role.GESTIONNAIRE_SECONDAIRE)
    simple_membership = add_member(services, simple, structure, Role.UTILISATEUR_SIMPLE)
    add_member(services, deactivated, structure, Role.GESTIONNAIRE_SECONDAIRE)
    add_member(services, technical, structure, Role.GESTIONNAIRE_SECONDAIRE)
    add_member(services, pending_account, structure, Role.UTILISATEUR_SIMPLE)
    former_membership = add_member(
        services, former, structure, Role.UTILISATEUR_SIMPLE, MembershipStatus.DESACTIVEE
    )
    pending_membership = add_member(
        services, candidate, structure, Role.UTILISATEUR_SIMPLE,
        MembershipStatus.EN_COURS_DE_VALIDATION,
    )  # fmt: skip
    other_structure = make_structure(services, principal=other_manager)
    open_structure = make_structure(services, principal=make_user(services))

    service = Service.create(
        structure=structure, code="COMPTA", libelle="Comptabilité", created_at=now
    )
    inactive_service = Service.create(
        structure=structure, code="ARCHIVE", libelle="Archives", active=False, created_at=now
    )
    spaces = {space.code: space for space in Space.select()}
    for code in (SpaceCode.MON_COMPTE, SpaceCode.FACTURES_RECUES):
        StructureSpace.create(structure=structure, space=spaces[code], created_at=now)

    def subscription(user: User, code: SpaceCode, status: SubscriptionStatus) -> Subscription:
        return Subscription.create(
            user=user,
            structure=structure,
            space=spaces[code],
            habilitation=Habilitation.MODIFICATION,
            status=status,
            effective_date=now.date(),
            requested_at=now,
        )

    simple_subscription = subscription(simple, SpaceCode.MON_COMPTE, SubscriptionStatus.VALIDE)
    pending_subscription = subscription(
        simple, SpaceCode.FACTURES_A_VALIDER, SubscriptionStatus.EN_COURS_DE_VALIDATION
    )
    document = Document.create(
        user=simple,
        type=DocumentType.get(DocumentType.code == "DIVERS"),
        designation="Kbis",
        filename="kbis.pdf",
        extension="pdf",
        size=5,
        sha256="0" * 64,
        content=b"%PDF-",
        created_at=now,
    )
    entry = audit(services, principal, "USER_ATTACHED", structure=structure, target=simple)
    return Cast(
        structure=structure.id,
        other_structure=other_structure.id,
        open_structure=open_structure.id,
        principal=principal.id,
        secondary=secondary.id,
        simple=simple.id,
        other_manager=other_manager.id,
        deactivated=deactivated.id,
        technical=technical.id,
        candidate=candidate.id,
        free=free.id,
        former=former.id,
        pending_account=pending_account.id,
        pending_membership=pending_membership.id,
        simple_membership=simple_membership.id,
        former_membership=former_membership.id,
        service=service.id,
        inactive_service=inactive_service.id,
        pending_subscription=pending_subscription.id,
        simple_subscription=simple_subscription.id,
        simple_document=document.id,
        audit_entry=entry.id,
    )


def actor_id(cast: Cast, actor: str) -> int:
    """The account acting as ``actor``; the secondary's setting is applied by :func:`stage`."""
    return {
        "principal": cast.principal,
        "secondary_as_principal": cast.secondary,
        "secondary_as_user": cast.secondary,
        "simple_user": cast.simple,
        "other_manager": cast.other_manager,
        "deactivated": cast.deactivated,
        "technical": cast.technical,
    }[actor]


def stage(cast: Cast, actor: str) -> None:
    """The structure's « droits des gestionnaires secondaires » for ``actor``'s column."""
    setting = (
        SecondaryRights.IDENTIQUES_UTILISATEUR
        if actor == "secondary_as_user"
        else SecondaryRights.IDENTIQUES_PRINCIPAL
    )
    Structure.update(secondary_rights=setting).where(Structure.id == cast.structure).execute()


# -- the calls ------------------------------------------------------------------------------------


@dataclass
class Call:
    """What a row's call gets: the services, the cast's ids, the acting user (read afresh) and a
    folder for the files an operation writes."""

    services: Services
    cast: Cast
    actor: User
    work: Path

    def user(self, user_id: int) -> User:
        return User.get_by_id(user_id)

    @property
    def s(self) -> int:
        return self.cast.structure

    def other_rights(self) -> str:
        current = Structure.get_by_id(self.s).secondary_rights
        return next(value for value in SecondaryRights if value != current)


@dataclass(frozen=True)
class Row:
    call: Callable[[Call], Any]
    outcomes: dict[str, Outcome]
    sees: Callable[[Any, Call], bool] | None = None
    prepare: Callable[[Call], None] | None = None
    note: str = ""


def ids(rows) -> set[int]:
    return {row.id for row in rows}


def _new_file(c: Call) -> Path:
    path = c.work.parent / "devis.txt"  # outside the work folder, whose files are compared
    path.write_bytes(b"Devis n 1\n")
    return path


def _profile_values(c: Call) -> dict[str, object]:
    user = c.actor
    values: dict[str, object] = {name: getattr(user, name) or "" for name in profile.PROFILE_FIELDS}
    values.update(email=user.email or "contact@example.fr", adresse="2 rue Neuve", pays="FR")
    values.update(language="FR", notifications=True)
    return values


def _make_referential(c: Call) -> None:
    User.update(is_referential=True, info_completed=False).where(User.id == c.actor.id).execute()
    c.actor = c.user(c.actor.id)


def _successors(c: Call) -> dict[int, int]:
    return {s.id: c.cast.free for s in deactivation.principal_structures(c.actor)}


def _csv(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig") if path.exists() else ""


START = "24/11/2026"
ADDRESS = {"adresse": "3 place du Marché", "code_postal": "69001", "ville": "Lyon", "pays": "FR"}

# SEE_MANAGER_SPACE with no structure: any manager, whatever structure they manage.
ANY_MANAGER = by_actor(OK, OK, OK, DENIED, OK, DENIED, DENIED)
# Scoped to the structures the actor manages: a manager elsewhere sees none of these.
MANAGED_SCOPE = by_actor(OK, OK, OK, DENIED, HIDDEN, DENIED, DENIED)
# Scoped to the structures whose requests the actor decides.
DECIDED_SCOPE = by_actor(OK, OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN)
# A list of the actor's own rows: only the simple user's own list shows the simple user's row.
OWN_LIST = by_actor(HIDDEN, HIDDEN, HIDDEN, OK, HIDDEN, HIDDEN, HIDDEN)

TABLE: dict[str, Row] = {
    # -- Mon Compte (F2–F8): every active person, on their own account --------------------------
    "accounts.change_password": Row(
        lambda c: accounts.change_password(
            c.services, c.actor, PASSWORD, "Nouveau.Secret.2026", "Nouveau.Secret.2026"
        ),
        MON_COMPTE,
    ),
    "accounts.complete_referential_info": Row(
        lambda c: accounts.complete_referential_info(
            c.services,
            c.actor,
            {"email": "moi@example.fr", "nom": "NOM", "prenom": "Prénom", **ADDRESS},
        ),
        MON_COMPTE,
        prepare=_make_referential,
        note="the actor is made a referential (MADRHAS) account first",
    ),
    "profile.save_profile": Row(
        lambda c: profile.save_profile(c.services, c.actor, _profile_values(c)), MON_COMPTE
    ),
    "deactivation.deactivate_account": Row(
        lambda c: deactivation.deactivate_account(c.services, c.actor, _successors(c)),
        MON_COMPTE,
        note="a principal names the free account as successor of each structure",
    ),
    "deactivation.search_successors": Row(
        lambda c: deactivation.search_successors(c.actor, nom=c.user(c.cast.free).nom),
        MON_COMPTE,
        sees=lambda result, c: c.cast.free in ids(result),
    ),
    "structures.create_structure": Row(
        lambda c: structures.create_structure(
            c.services,
            c.actor,
            {
                "identifier_type": "SIRET",
                "identifier": siret(990001),
                "raison_sociale": "Nouvelle SARL",
                **ADDRESS,
            },
        ),
        MON_COMPTE,
    ),
    "memberships.request_membership": Row(
        lambda c: memberships.request_membership(
            c.services, c.actor, c.cast.open_structure, start_date=START
        ),
        MON_COMPTE,
        note="to a third structure no actor belongs to",
    ),
    "memberships.find_successor": Row(
        lambda c: memberships.find_successor(c.actor, c.user(c.cast.free).login),
        MON_COMPTE,
        sees=lambda result, c: result is not None and result.id == c.cast.free,
    ),
    "memberships.my_memberships": Row(
        lambda c: memberships.my_memberships(c.actor, size=50),
        OWN_LIST,
        sees=lambda page, c: c.cast.simple_membership in ids(page.rows),
    ),
    "memberships.my_memberships_query": Row(
        lambda c: list(memberships.my_memberships_query(c.actor)),
        OWN_LIST,
        sees=lambda rows, c: c.cast.simple_membership in ids(rows),
    ),
    "memberships.my_membership": Row(
        lambda c: memberships.my_membership(c.actor, c.cast.simple_membership),
        owner_only(NOT_FOUND, NOT_FOUND),
    ),
    "memberships.removal_plan": Row(
        lambda c: memberships.removal_plan(c.actor, [c.cast.simple_membership]),
        owner_only(gone("membership_gone"), gone("membership_gone")),
    ),
    "memberships.remove_memberships": Row(
        lambda c: memberships.remove_memberships(c.services, c.actor, [c.cast.simple_membership]),
        owner_only(gone("membership_gone")),
    ),
    "subscriptions.my_subscriptions": Row(
        lambda c: subscriptions.my_subscriptions(c.actor, size=50),
        OWN_LIST,
        sees=lambda page, c: c.cast.simple_subscription in ids(page.rows),
    ),
    "subscriptions.my_subscriptions_query": Row(
        lambda c: list(subscriptions.my_subscriptions_query(c.actor)),
        OWN_LIST,
        sees=lambda rows, c: c.cast.simple_subscription in ids(rows),
    ),
    "subscriptions.delete_subscriptions": Row(
        lambda c: subscriptions.delete_subscriptions(
            c.services, c.actor, [c.cast.simple_subscription]
        ),
        owner_only(gone("subscription_gone")),
    ),
    "subscriptions.subscription_structures": Row(
        lambda c: subscriptions.subscription_structures(c.actor),
        by_actor(OK, OK, OK, OK, HIDDEN, OK, OK),
        sees=lambda rows, c: c.cast.structure in ids(rows),
        note="own validated memberships: the deactivated and technical accounts list theirs",
    ),
    "subscriptions.subscription_spaces": Row(
        lambda c: subscriptions.subscription_spaces(c.actor, c.s),
        by_actor(OK, OK, OK, OK, NOT_FOUND, OK, OK),
        note="needs the actor's own validated membership of the structure",
    ),
    "subscriptions.subscription_services": Row(
        lambda c: subscriptions.subscription_services(c.actor, c.s),
        by_actor(OK, OK, OK, OK, NOT_FOUND, OK, OK),
        note="needs the actor's own validated membership of the structure",
    ),
    "subscriptions.request_subscriptions": Row(
        lambda c: subscriptions.request_subscriptions(
            c.services,
            c.actor,
            structure_id=c.s,
            space_code=SpaceCode.FACTURES_RECUES,
            lines=[SubscriptionLine(None, Habilitation.MODIFICATION)],
            effective_date=START,
        ),
        by_actor(OK, OK, OK, OK, UNAVAILABLE, DENIED, DENIED),
    ),
    "documents.add_document": Row(
        lambda c: documents.add_document(c.services, c.actor, _new_file(c), "Devis", "DIVERS"),
        MON_COMPTE,
    ),
    "documents.count_documents": Row(lambda c: documents.count_documents(c.actor), MON_COMPTE),
    "documents.list_documents": Row(
        lambda c: documents.list_documents(c.actor),
        by_actor(HIDDEN, HIDDEN, HIDDEN, OK, HIDDEN, DENIED, DENIED),
        sees=lambda rows, c: c.cast.simple_document in ids(rows),
    ),
    "documents.get_document": Row(
        lambda c: documents.get_document(c.actor, c.cast.simple_document),
        owner_only(NOT_FOUND),
    ),
    "documents.update_document": Row(
        lambda c: documents.update_document(
            c.services, c.actor, c.cast.simple_document, "Extrait Kbis", "DIVERS"
        ),
        owner_only(NOT_FOUND),
    ),
    "documents.delete_documents": Row(
        lambda c: documents.delete_documents(c.services, c.actor, [c.cast.simple_document]),
        owner_only(NOT_FOUND),
    ),
    "documents.download_documents": Row(
        lambda c: documents.download_documents(c.actor, [c.cast.simple_document], c.work),
        owner_only(NOT_FOUND),
    ),
    # -- Activités du gestionnaire: seeing -------------------------------------------------------
    "synthesis.synthesis": Row(
        lambda c: synthesis.synthesis(c.actor),
        by_actor(OK, OK, HIDDEN, DENIED, HIDDEN, DENIED, DENIED),
        sees=lambda result, c: result.pending_memberships > 0 and result.pending_subscriptions > 0,
    ),
    "structure_admin.my_structures": Row(
        lambda c: structure_admin.my_structures(c.actor, size=50),
        MANAGED_SCOPE,
        sees=lambda page, c: c.s in ids(page.rows),
    ),
    "structure_admin.my_structures_query": Row(
        lambda c: list(structure_admin.my_structures_query(c.actor)),
        by_actor(OK, OK, OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        sees=lambda rows, c: c.s in ids(rows),
    ),
    "structure_admin.structure_detail": Row(
        lambda c: structure_admin.structure_detail(c.actor, c.s), MANAGER_SPACE
    ),
    "structure_admin.structure_services": Row(
        lambda c: structure_admin.structure_services(c.actor, c.s), MANAGER_SPACE
    ),
    "structure_admin.structure_users": Row(
        lambda c: structure_admin.structure_users(c.actor, c.s), MANAGER_SPACE
    ),
    "structure_spaces.structure_spaces": Row(
        lambda c: structure_spaces.structure_spaces(c.actor, c.s), MANAGER_SPACE
    ),
    "history.history": Row(
        lambda c: history.history(c.actor, structure_id=c.s),
        MANAGER_SPACE,
        sees=lambda page, c: c.cast.audit_entry in ids(page.rows),
    ),
    "history.check_filters": Row(
        lambda c: history.check_filters(c.actor, structure_id=c.s), MANAGER_SPACE
    ),
    "history.entry_detail": Row(
        lambda c: history.entry_detail(c.actor, c.cast.audit_entry), MANAGER_SPACE
    ),
    "history.export_history": Row(
        lambda c: history.export_history(c.actor, c.work / "history.csv", structure_id=c.s),
        MANAGER_SPACE,
        sees=lambda count, c: count > 0 and bool(_csv(c.work / "history.csv")),
    ),
    "user_search.managed_ids": Row(
        lambda c: [row.structure_id for row in user_search.managed_ids(c.actor)],
        by_actor(OK, OK, OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        sees=lambda structure_ids, c: c.s in structure_ids,
    ),
    "user_search.check_criteria": Row(
        lambda c: user_search.check_criteria(c.actor, {"nom": c.user(c.cast.simple).nom}),
        ANY_MANAGER,
    ),
    "user_search.member_query": Row(
        lambda c: list(user_search.member_query(c.actor, {"nom": c.user(c.cast.simple).nom})),
        MANAGED_SCOPE,
        sees=lambda rows, c: c.cast.simple_membership in ids(rows),
    ),
    "user_search.search_members": Row(
        lambda c: user_search.search_members(c.actor, {"nom": c.user(c.cast.simple).nom}),
        MANAGED_SCOPE,
        sees=lambda page, c: c.cast.simple_membership in ids(page.rows),
    ),
    "user_search.export_members": Row(
        lambda c: user_search.export_members(
            c.actor, {"nom": c.user(c.cast.simple).nom}, c.work / "members.csv"
        ),
        MANAGED_SCOPE,
        sees=lambda count, c: c.user(c.cast.simple).login in _csv(c.work / "members.csv"),
    ),
    "user_search.user_structures": Row(
        lambda c: user_search.user_structures(c.actor, c.cast.simple),
        MANAGED_SCOPE,
        sees=lambda rows, c: c.cast.simple_membership in ids(rows),
    ),
    "membership_requests.decidable_structures": Row(
        lambda c: [row.id for row in membership_requests.decidable_structures(c.actor)],
        DECIDED_SCOPE,
        sees=lambda structure_ids, c: c.s in structure_ids,
    ),
    "membership_requests.pending_memberships": Row(
        lambda c: membership_requests.pending_memberships(c.actor, size=50),
        DECIDED_SCOPE,
        sees=lambda page, c: c.cast.pending_membership in ids(page.rows),
    ),
    "membership_requests.pending_memberships_query": Row(
        lambda c: list(membership_requests.pending_memberships_query(c.actor)),
        DECIDED_SCOPE,
        sees=lambda rows, c: c.cast.pending_membership in ids(rows),
    ),
    "subscription_requests.count_pending_subscription_requests": Row(
        lambda c: subscription_requests.count_pending_subscription_requests(c.actor),
        DECIDED_SCOPE,
        sees=lambda count, c: count > 0,
    ),
    "subscription_requests.pending_subscription_requests": Row(
        lambda c: subscription_requests.pending_subscription_requests(c.actor, size=50),
        DECIDED_SCOPE,
        sees=lambda page, c: c.cast.pending_subscription in ids(page.rows),
    ),
    # -- deciding requests (M1–M6) ---------------------------------------------------------------
    "membership_requests.membership_request": Row(
        lambda c: membership_requests.membership_request(c.actor, c.cast.pending_membership),
        DELEGATED,
    ),
    "membership_requests.validate_membership": Row(
        lambda c: membership_requests.validate_membership(
            c.services, c.actor, c.cast.pending_membership
        ),
        DELEGATED,
    ),
    "membership_requests.refuse_membership": Row(
        lambda c: membership_requests.refuse_membership(
            c.services, c.actor, c.cast.pending_membership, "Inconnu du service"
        ),
        DELEGATED,
    ),
    "subscription_requests.subscription_request": Row(
        lambda c: subscription_requests.subscription_request(c.actor, c.cast.pending_subscription),
        DELEGATED,
    ),
    "subscription_requests.validate_subscription_request": Row(
        lambda c: subscription_requests.validate_subscription_request(
            c.services, c.actor, c.cast.pending_subscription
        ),
        DELEGATED,
    ),
    "subscription_requests.refuse_subscription_request": Row(
        lambda c: subscription_requests.refuse_subscription_request(
            c.services, c.actor, c.cast.pending_subscription, "Espace non utilisé"
        ),
        DELEGATED,
    ),
    # -- the structure's users (M7, M8) ----------------------------------------------------------
    "attach.search_accounts": Row(
        lambda c: attach.search_accounts(c.actor, c.s, {"nom": c.user(c.cast.free).nom}),
        DELEGATED,
        sees=lambda page, c: c.cast.free in ids(page.rows),
    ),
    "attach.attach_user": Row(
        lambda c: attach.attach_user(
            c.services, c.actor, c.s, c.cast.free, role=Role.UTILISATEUR_SIMPLE, start_date=START
        ),
        DELEGATED,
    ),
    "attach.create_account": Row(
        lambda c: attach.create_account(
            c.services,
            c.actor,
            c.s,
            {
                "login": "nouveau@example.fr",
                "email": "nouveau@example.fr",
                "nom": "NEUF",
                "prenom": "Nina",
            },
            role=Role.UTILISATEUR_SIMPLE,
            start_date=START,
        ),
        DELEGATED,
    ),
    "user_search.resend_activation": Row(
        lambda c: user_search.resend_activation(c.services, c.actor, [c.cast.pending_account]),
        by_actor(OK, OK, DENIED, DENIED, NOT_FOUND, DENIED, DENIED),
        note="a manager elsewhere does not see the account at all",
    ),
    "structure_admin.change_member": Row(
        lambda c: structure_admin.change_member(
            c.services, c.actor, c.s, c.cast.simple_membership, Role.GESTIONNAIRE_SECONDAIRE
        ),
        DELEGATED,
    ),
    "structure_admin.deactivate_members": Row(
        lambda c: structure_admin.deactivate_members(
            c.services, c.actor, c.s, [c.cast.simple_membership]
        ),
        DELEGATED,
    ),
    "structure_admin.reactivate_members": Row(
        lambda c: structure_admin.reactivate_members(
            c.services, c.actor, c.s, [c.cast.former_membership]
        ),
        DELEGATED,
    ),
    "structure_admin.remove_members": Row(
        lambda c: structure_admin.remove_members(
            c.services, c.actor, c.s, [c.cast.simple_membership]
        ),
        DELEGATED,
    ),
    "structure_admin.update_structure": Row(
        lambda c: structure_admin.update_structure(c.services, c.actor, c.s, ADDRESS),
        DELEGATED,
    ),
    "structure_admin.create_service": Row(
        lambda c: structure_admin.create_service(c.services, c.actor, c.s, "ACHATS", "Achats"),
        DELEGATED,
    ),
    "structure_admin.rename_service": Row(
        lambda c: structure_admin.rename_service(
            c.services, c.actor, c.s, c.cast.service, "Comptabilité générale"
        ),
        DELEGATED,
    ),
    "structure_admin.deactivate_service": Row(
        lambda c: structure_admin.deactivate_service(c.services, c.actor, c.s, c.cast.service),
        DELEGATED,
    ),
    "structure_admin.reactivate_service": Row(
        lambda c: structure_admin.reactivate_service(
            c.services, c.actor, c.s, c.cast.inactive_service
        ),
        DELEGATED,
    ),
    # -- spaces at structure level (M7d) ---------------------------------------------------------
    "structure_spaces.add_structure_space": Row(
        lambda c: structure_spaces.add_structure_space(
            c.services, c.actor, c.s, SpaceCode.FACTURES_TRAVAUX
        ),
        DELEGATED,
    ),
    "structure_spaces.remove_structure_space": Row(
        lambda c: structure_spaces.remove_structure_space(
            c.services, c.actor, c.s, SpaceCode.FACTURES_RECUES
        ),
        DELEGATED,
    ),
    # -- the principal manager only (§3 last line) -----------------------------------------------
    "structure_admin.set_secondary_rights": Row(
        lambda c: structure_admin.set_secondary_rights(c.services, c.actor, c.s, c.other_rights()),
        PRINCIPAL_ONLY,
    ),
    "structure_principal.transfer_role": Row(
        lambda c: structure_principal.transfer_role(
            c.services, c.actor, c.s, c.user(c.cast.simple).login
        ),
        PRINCIPAL_ONLY,
    ),
    "structure_principal.change_identifier": Row(
        lambda c: structure_principal.change_identifier(c.services, c.actor, c.s, siret(990002)),
        PRINCIPAL_ONLY,
    ),
    "technical_users.technical_users": Row(
        lambda c: technical_users.technical_users(c.actor, c.s),
        PRINCIPAL_ONLY,
        sees=lambda rows, c: c.cast.technical in ids(rows),
    ),
    "technical_users.create_technical_user": Row(
        lambda c: technical_users.create_technical_user(
            c.services, c.actor, c.s, "api-nouveau@example.fr"
        ),
        PRINCIPAL_ONLY,
    ),
    "technical_users.reset_technical_password": Row(
        lambda c: technical_users.reset_technical_password(c.services, c.actor, c.cast.technical),
        PRINCIPAL_ONLY,
    ),
}

# Public functions taking ``actor`` that are not operations of their own: primitives the
# operations call inside their transaction, after their own rights check.
INTERNAL: dict[str, str] = {
    "journal.audit": "writes the history line of the operation that calls it (who acted)",
}


def expected(operation: str, actor: str) -> Outcome:
    return TABLE[operation].outcomes[actor]


def cases() -> list[tuple[str, str]]:
    return [(operation, actor) for operation in TABLE for actor in ACTORS]


__all__ = [
    "ACTORS",
    "DENIED",
    "HIDDEN",
    "INTERNAL",
    "NOT_FOUND",
    "OK",
    "TABLE",
    "Call",
    "Cast",
    "Outcome",
    "actor_id",
    "build_cast",
    "cases",
    "expected",
    "stage",
]
