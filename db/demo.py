"""The demo database of SPEC §7: the people and organisations of the guides.

Everything is relative to ``services.now()``, so the same code builds the snapshot database (fixed
clock) and a fresh install (system clock). SIRETs follow the guides, with the SIREN and SIRET
check digits corrected so that they pass ``stdnum.fr.siret.is_valid``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, NamedTuple

from chorus_tui.clock import to_display
from chorus_tui.db.demo_cast import (
    AUDITS,
    DOCUMENT_BYTES,
    DOCUMENT_TYPES,
    EVENTS,
    MEMBERSHIP_HISTORY,
    MEMBERSHIPS,
    MODIF,
    NEWS,
    PENDING,
    SERVICE_LINE_STATUS,
    STRUCTURES,
    SUBSCRIPTION_STATUS,
    SUBSCRIPTIONS,
    USERS,
    VALIDATED,
    MembershipSeed,
    StructureSeed,
    SubscriptionSeed,
    UserSeed,
)
from chorus_tui.domain.context import Services
from chorus_tui.domain.passwords import hash_password
from chorus_tui.domain.search import structure_search_columns, user_search_columns
from chorus_tui.domain.spaces import default_spaces, structure_spaces
from chorus_tui.domain.text import fold
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import (
    AuditEntry,
    Document,
    DocumentType,
    Event,
    Membership,
    MembershipService,
    NewsItem,
    Service,
    Space,
    Structure,
    StructureSpace,
    Subscription,
    User,
)
from chorus_tui.models.codes import (
    AccountStatus,
    IdentifierType,
    SpaceCode,
    SubscriptionStatus,
)

DEMO_PASSWORD = "Chorus.Pro.2017"


class SeedError(Exception):
    """Seeding cannot proceed; ``str()`` is a message fit for an operator."""


class DemoLogin(NamedTuple):
    login: str
    who: str
    state: str


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "paul.dupont@menuiserie.fr",
        "Paul DUPONT, principal manager of Menuiserie Dupont and Rénovation Habitat",
        AccountStatus.ACTIF,
    ),
    DemoLogin(
        "pauline.dufour@mairieterneuil.fr",
        "Pauline DUFOUR, referential (MADRHAS) account, first login: must complete her information",
        AccountStatus.ACTIF,
    ),
    DemoLogin(
        "jbon@ccasterneuil.fr", "Julie BON, simple user with pending requests", AccountStatus.ACTIF
    ),
    DemoLogin(
        "jmartin@ccasterneuil.fr",
        "Jules MARTIN, user of CCAS Terneuil sur Seine, password expired: must change it",
        AccountStatus.ACTIF,
    ),
    DemoLogin(
        "zahra.hamoumamar@eltran.com",
        "zahra hamou, user of REC100FOURNISSEUR, pending request to PIETRALBA",
        AccountStatus.ACTIF,
    ),
    DemoLogin(
        "claire.dupont@menuiserie.fr",
        "Claire DUPONT, secondary manager of Menuiserie Dupont",
        AccountStatus.ACTIF,
    ),
    DemoLogin(
        "jean.pierre@pietralba.fr",
        "Jean PIERRE, principal manager of PIETRALBA, two requests to decide",
        AccountStatus.ACTIF,
    ),
    DemoLogin(
        "recfo@rec.fr",
        "matthieu cardan, account created by a manager, pending activation",
        AccountStatus.EN_COURS_ACTIVATION,
    ),
    DemoLogin(
        "luc.garnier@menuiserie.fr",
        "Luc GARNIER, deactivated 10 days ago: may reactivate",
        AccountStatus.DESACTIVE,
    ),
    DemoLogin(
        "marie.lambert@renovation-habitat.fr",
        "Marie LAMBERT, deactivated 90 days ago: must contact support",
        AccountStatus.DESACTIVE,
    ),
    DemoLogin(
        "api.menuiserie-dupont@menuiserie.fr",
        "technical user of Menuiserie Dupont: cannot log in to the TUI",
        AccountStatus.ACTIF,
    ),
)


def seed_reference_data() -> dict[str, int]:
    """Spaces (in the order of ``SpaceCode``) and document types, when missing; returns the
    space ids by code. Call inside a write transaction."""
    for position, code in enumerate(SpaceCode):
        Space.get_or_create(code=code, defaults={"position": position})
    for position, (code, label_fr, label_en) in enumerate(DOCUMENT_TYPES):
        DocumentType.get_or_create(
            code=code, defaults={"label_fr": label_fr, "label_en": label_en, "position": position}
        )
    return {space.code: space.id for space in Space.select()}


def seed_news(now: dt.datetime) -> None:
    """The « Actualités » of the home screen, when there are none yet."""
    if NewsItem.select().exists():
        return
    for days, title_fr, body_fr, title_en, body_en in NEWS:
        NewsItem.create(
            published_at=now - dt.timedelta(days=days, hours=3),
            title_fr=title_fr,
            body_fr=body_fr,
            title_en=title_en,
            body_en=body_en,
        )


def refuse_if_not_empty() -> None:
    if User.select().exists() or Structure.select().exists():
        raise SeedError("the database already has users or structures; seed an empty database")


def seed_demo(services: Services) -> None:
    """Fill an empty schema with the demo data, in one write transaction. The demo password is
    hashed once, before the transaction, and the hash shared by every account."""
    password_hash = hash_password(services.hasher, DEMO_PASSWORD)
    run_write(lambda: _Demo(services, password_hash).seed())


class _Demo:
    def __init__(self, services: Services, password_hash: str) -> None:
        self.now = services.now()
        self.password_hash = password_hash
        self.spaces: dict[str, int] = {}
        self.users: dict[str, User] = {}
        self.structures: dict[str, Structure] = {}
        self.services: dict[tuple[str, str], Service] = {}

    def ago(self, days: float) -> dt.datetime:
        return self.now - dt.timedelta(days=days)

    def day(self, days: float) -> dt.date:
        return to_display(self.ago(days)).date()

    def seed(self) -> None:
        refuse_if_not_empty()
        self.spaces = seed_reference_data()
        seed_news(self.now)
        for seed in STRUCTURES:
            self.add_structure(seed)
        for seed in USERS:
            self.add_user(seed)
        for seed in MEMBERSHIPS:
            self.add_membership(seed)
        for seed in SUBSCRIPTIONS:
            self.add_subscription(seed)
        for seed in AUDITS:
            self.audit(
                seed.age, seed.actor, seed.structure, seed.target, seed.action, **seed.details
            )
        for seed in EVENTS:
            self.event(seed.user, seed.age, seed.kind, **seed.params)
        self.add_document()

    def add_structure(self, seed: StructureSeed) -> None:
        values = {
            "kind": seed.kind,
            "identifier_type": IdentifierType.SIRET,
            "identifier": seed.siret,
            "raison_sociale": seed.raison_sociale,
            "adresse": seed.adresse,
            "code_postal": seed.code_postal,
            "ville": seed.ville,
            "telephone": seed.telephone,
            "status": seed.status,
            "created_at": self.ago(seed.age),
        }
        structure = Structure.create(**values, **structure_search_columns(values))
        self.structures[seed.key] = structure
        for code, libelle in seed.services:
            self.services[seed.key, code] = Service.create(
                structure=structure,
                code=code,
                libelle=libelle,
                created_at=self.ago(seed.age),
                search_libelle=fold(libelle),
            )
        # The spaces of its kind, and those its demo subscriptions are about (Factures de
        # travaux, Factures à valider), opened at structure level as a manager would (M7d).
        extra = [sub.space for sub in SUBSCRIPTIONS if sub.structure == seed.key]
        for space in dict.fromkeys((*structure_spaces(seed.kind), *extra)):
            StructureSpace.create(
                structure=structure, space=self.spaces[space], created_at=self.ago(seed.age)
            )

    def add_user(self, seed: UserSeed) -> None:
        values: dict[str, Any] = {
            name: getattr(seed, name)
            for name in ("login", "nom", "prenom", "email", "adresse", "code_postal", "ville")
        }
        values.update(
            telephone=seed.telephone,
            created_at=self.ago(seed.age),
            activated_at=self.ago(seed.age),
            password_hash=self.password_hash,
            password_changed_at=self.ago(min(seed.age, 20)),
            last_login_at=None if seed.last_login is None else self.ago(seed.last_login),
            previous_login_at=None if seed.last_login is None else self.ago(seed.last_login + 7),
        )
        values.update(self.specifics(seed.key))
        self.users[seed.key] = User.create(**values, **user_search_columns(values))

    def specifics(self, key: str) -> dict[str, Any]:
        """What sets the accounts of the demo flows apart (F0, F7, F8, M8, M9)."""
        if key == "paul":
            return {"notifications": True, "previous_login_at": self.ago(9.6)}
        if key == "pauline":
            return {"is_referential": True, "info_completed": False}
        if key == "jules":
            return {"password_changed_at": self.ago(200)}
        if key == "luc":
            return {"status": AccountStatus.DESACTIVE, "deactivated_at": self.ago(10)}
        if key == "marie":
            return {"status": AccountStatus.DESACTIVE, "deactivated_at": self.ago(90)}
        if key == "thomas":
            return {"deactivated_at": self.ago(140), "reactivated_at": self.ago(120)}
        if key == "matthieu":
            return {
                "status": AccountStatus.EN_COURS_ACTIVATION,
                "activated_at": None,
                "password_hash": None,
                "password_changed_at": None,
            }
        if key == "tech":
            return {"is_technical": True, "technical_structure": self.structures["menuiserie"]}
        return {}

    def add_membership(self, seed: MembershipSeed) -> None:
        user, structure = self.users[seed.user], self.structures[seed.structure]
        decided = seed.status != PENDING
        membership = Membership.create(
            user=user,
            structure=structure,
            role=seed.role,
            status=seed.status,
            start_date=self.day(seed.age + 1),
            comment=seed.comment,
            whole_structure=not seed.services,
            requested_at=self.ago(seed.age + 1),
            decided_at=self.ago(seed.age) if decided else None,
            decided_by=self.users[seed.decided_by] if seed.decided_by else None,
            motif=seed.motif,
        )
        line_status = SERVICE_LINE_STATUS[seed.status]
        for code in seed.services:
            MembershipService.create(
                membership=membership,
                service=self.services[seed.structure, code],
                status=line_status,
            )
        if seed.status == VALIDATED:
            for space in default_spaces(seed.role, structure.kind):
                self.subscribe(user, structure, space, seed.age, seed.decided_by)
        self.record_membership(seed)

    def record_membership(self, seed: MembershipSeed) -> None:
        """The history entry and the feed item a membership's decision left."""
        name = self.structures[seed.structure].raison_sociale
        if seed.status == PENDING:
            self.event(seed.user, seed.age + 1, "membership_requested", structure=name)
            return
        if seed.decided_by is None:
            return
        action, kind = MEMBERSHIP_HISTORY[seed.status]
        self.audit(
            seed.age,
            seed.decided_by,
            seed.structure,
            seed.user,
            action,
            motif=seed.motif,
            role=seed.role,
            services=list(seed.services),
        )
        if kind:
            self.event(seed.user, seed.age, kind, structure=name)

    def subscribe(
        self, user: User, structure: Structure, space: str, age: float, decided_by: str | None
    ) -> None:
        Subscription.create(
            user=user,
            structure=structure,
            space=self.spaces[space],
            habilitation=MODIF,
            status=SubscriptionStatus.VALIDE,
            effective_date=self.day(age),
            requested_at=self.ago(age),
            decided_at=self.ago(age),
            decided_by=self.users[decided_by] if decided_by else user,
        )

    def add_subscription(self, seed: SubscriptionSeed) -> None:
        decided = seed.status != "pending"
        Subscription.create(
            user=self.users[seed.user],
            structure=self.structures[seed.structure],
            service=self.services[seed.structure, seed.service] if seed.service else None,
            space=self.spaces[seed.space],
            habilitation=seed.habilitation,
            status=SUBSCRIPTION_STATUS[seed.status],
            effective_date=self.day(seed.age),
            comment=seed.comment,
            requested_at=self.ago(seed.age + 0.5),
            decided_at=self.ago(seed.age) if decided else None,
            decided_by=self.users[seed.decided_by] if seed.decided_by else None,
            motif=seed.motif,
        )
        if decided and seed.decided_by != seed.user:
            action = "SUBSCRIPTION_VALIDATED" if seed.status == "valid" else "SUBSCRIPTION_REFUSED"
            self.audit(
                seed.age,
                seed.decided_by,
                seed.structure,
                seed.user,
                action,
                motif=seed.motif,
                space=seed.space,
                habilitation=seed.habilitation,
            )
        if decided:
            kind = "subscription_validated" if seed.status == "valid" else "subscription_refused"
            name = self.structures[seed.structure].raison_sociale
            self.event(seed.user, seed.age, kind, structure=name, space=seed.space)

    def audit(
        self,
        age: float,
        actor: str,
        structure: str,
        target: str | None,
        action: str,
        motif: str = "",
        **details: Any,
    ) -> None:
        AuditEntry.create(
            at=self.ago(age),
            actor=self.users[actor],
            structure=self.structures[structure],
            target_user=self.users[target] if target else None,
            action=action,
            motif=motif,
            details=json.dumps(details, ensure_ascii=False),
        )

    def event(self, user: str, age: float, kind: str, **params: str) -> None:
        Event.create(
            user=self.users[user],
            at=self.ago(age),
            kind=kind,
            params=json.dumps(params, ensure_ascii=False),
        )

    def add_document(self) -> None:
        Document.create(
            user=self.users["paul"],
            type=DocumentType.get(DocumentType.code == "DIVERS"),
            designation="Attestation d'assurance décennale",
            filename="attestation_assurance.pdf",
            extension="pdf",
            size=len(DOCUMENT_BYTES),
            sha256=hashlib.sha256(DOCUMENT_BYTES).hexdigest(),
            content=DOCUMENT_BYTES,
            created_at=self.ago(45),
        )
