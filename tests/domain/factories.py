"""Small builders for domain tests: users, structures and memberships with sensible defaults."""

from __future__ import annotations

import datetime as dt
import itertools

from stdnum import luhn

from chorus_tui.domain import passwords
from chorus_tui.domain.context import Services
from chorus_tui.domain.search import structure_search_columns, user_search_columns
from chorus_tui.models import Membership, Structure, User
from chorus_tui.models.codes import (
    AccountStatus,
    IdentifierType,
    MembershipStatus,
    Role,
    StructureKind,
)

PASSWORD = "Chorus.Pro.2017"
_numbers = itertools.count(1)


def make_user(services: Services, login: str | None = None, **fields) -> User:
    number = next(_numbers)
    values = {
        "login": login or f"user{number}@example.fr",
        "email": f"contact{number}@example.fr",
        "nom": f"NOM{number}",
        "prenom": f"Prénom{number}",
        "ville": "Paris",
        "adresse": "1 rue de la Paix",
        "created_at": services.now() - dt.timedelta(days=365),
        "status": AccountStatus.ACTIF,
        "password_hash": passwords.hash_password(services.hasher, PASSWORD),
        "password_changed_at": services.now() - dt.timedelta(days=1),
    }
    values.update(fields)
    values.update(user_search_columns(values))
    return User.create(**values)


def siret(seed: int) -> str:
    """A SIRET that python-stdnum accepts (SIREN and SIRET check digits), unique to ``seed``."""
    siren = f"{seed:08d}"
    siren += luhn.calc_check_digit(siren)
    body = siren + "0001"
    return body + luhn.calc_check_digit(body)


def make_structure(services: Services, principal: User | None = None, **fields) -> Structure:
    number = next(_numbers)
    values = {
        "kind": StructureKind.PRIVEE,
        "identifier_type": IdentifierType.SIRET,
        "identifier": siret(100000 + number),
        "raison_sociale": f"Structure {number}",
        "ville": "Lyon",
        "created_at": services.now() - dt.timedelta(days=365),
    }
    values.update(fields)
    values.update(structure_search_columns(values))
    structure = Structure.create(**values)
    if principal is not None:
        add_member(services, principal, structure, Role.GESTIONNAIRE_PRINCIPAL)
    return structure


def add_member(
    services: Services,
    user: User,
    structure: Structure,
    role: Role = Role.UTILISATEUR_SIMPLE,
    status: MembershipStatus = MembershipStatus.VALIDEE,
) -> Membership:
    return Membership.create(
        user=user,
        structure=structure,
        role=role,
        status=status,
        start_date=services.now().date(),
        requested_at=services.now(),
    )


def add_pending_requests(services: Services, structure: Structure, count: int) -> list[int]:
    """``count`` new users each asking to join ``structure`` (pending simple users), inserted in
    one statement; their memberships' ids in order."""
    now = services.now()
    users = [
        make_user(services, login=f"requester{n}@example.fr", password_hash="x")
        for n in range(count)
    ]
    Membership.insert_many(
        [
            {
                "user": user.id,
                "structure": structure.id,
                "role": Role.UTILISATEUR_SIMPLE,
                "status": MembershipStatus.EN_COURS_DE_VALIDATION,
                "start_date": now.date(),
                "requested_at": now,
            }
            for user in users
        ]
    ).execute()
    requesters = [user.id for user in users]
    query = Membership.select(Membership.id).where(Membership.user.in_(requesters))
    return [row.id for row in query.order_by(Membership.id)]
