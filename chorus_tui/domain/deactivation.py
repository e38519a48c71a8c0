"""« Désactiver mon compte » (F7): a principal manager first hands every structure over to a
successor found with the « Loupe » search; everything happens in one transaction."""

from __future__ import annotations

from collections.abc import Mapping

from peewee import fn

from chorus_tui.clock import today
from chorus_tui.domain.accounts import sync_session_user
from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import DomainError, FieldErrors, ValidationError
from chorus_tui.domain.journal import audit, event, mail
from chorus_tui.domain.rights import Action, is_active_person, require
from chorus_tui.domain.text import clean, fold
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import Membership, Structure, User
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role, StructureStatus

# Above every character SQLite can store: ``column >= p AND column < p + TOP`` is a prefix match
# that uses the column's index (LIKE would not, and would need escaping).
TOP = "\U0010ffff"
MAX_PAGE = 200


def principal_structures(user: User) -> list[Structure]:
    """The ``ACTIF`` structures whose validated principal manager is ``user``."""
    return list(
        Structure.select()
        .join(Membership)
        .where(
            (Membership.user == user)
            & (Membership.status == MembershipStatus.VALIDEE)
            & (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
            & (Structure.status == StructureStatus.ACTIF)
        )
        .order_by(Structure.raison_sociale, Structure.id)
    )


def search_successors(
    actor: User,
    *,
    nom: str = "",
    prenom: str = "",
    adresse: str = "",
    email: str = "",
    limit: int = 20,
    offset: int = 0,
) -> list[User]:
    """The « Loupe »: active, non-technical accounts other than ``actor``. Nom and prénom match
    as folded prefixes, adresse and e-mail (contact or login) as folded substrings."""
    terms = {
        name: fold(clean(value))
        for name, value in (
            ("nom", nom),
            ("prenom", prenom),
            ("adresse", adresse),
            ("email", email),
        )
    }
    if not any(terms.values()):
        raise ValidationError({"criteria": "required"})
    query = User.select().where(
        (User.status == AccountStatus.ACTIF)
        & (User.is_technical == False)  # noqa: E712
        & (User.id != actor.id)
    )
    if terms["nom"]:
        query = query.where(_prefix(User.search_nom, terms["nom"]))
    if terms["prenom"]:
        query = query.where(_prefix(User.search_prenom, terms["prenom"]))
    if terms["adresse"]:
        query = query.where(_contains(User.search_adresse, terms["adresse"]))
    if terms["email"]:
        query = query.where(
            _contains(User.search_email, terms["email"])
            | _contains(User.search_login, terms["email"])
        )
    limit = max(1, min(limit, MAX_PAGE))
    return list(
        query.order_by(User.search_nom, User.search_prenom, User.id)
        .limit(limit)
        .offset(max(0, offset))
    )


def _prefix(column, term: str):
    return (column >= term) & (column < term + TOP)


def _contains(column, term: str):
    return fn.instr(column, term) > 0


def deactivate_account(
    services: Services, actor: User, successors: Mapping[int, int] | None = None
) -> None:
    """Deactivate ``actor``'s own account. A principal manager names a successor (user id) for
    every structure they manage (structure id → user id); each becomes principal before the
    account goes ``DESACTIVE``. No mail goes to the deactivated account."""

    def operation() -> None:
        user = User.get_by_id(actor.id)
        require(user, Action.MON_COMPTE)
        if user.is_referential:
            raise DomainError("referential_account")
        structures = principal_structures(user)
        chosen = dict(successors or {})
        errors = FieldErrors()
        plan: list[tuple[Structure, User]] = []
        for structure in structures:
            if structure.id not in chosen:
                errors.add("successors", "required")
                continue
            successor = User.get_or_none(User.id == chosen[structure.id])
            if successor is None or successor.id == user.id or not is_active_person(successor):
                errors.add("successor", "successor_invalid", structure=structure.identifier)
                continue
            plan.append((structure, successor))
        errors.raise_if_any()

        now = services.now()
        for structure, successor in plan:
            _transfer(services, user, structure, successor)
        user.status = AccountStatus.DESACTIVE
        user.deactivated_at = now
        user.modified_at = now
        user.version += 1
        user.save()
        sync_session_user(actor, user)

    run_write(operation)


def _transfer(services: Services, user: User, structure: Structure, successor: User) -> None:
    """Make ``successor`` the principal of ``structure`` in ``user``'s place (``user`` stays a
    simple user). The old principal is demoted first: one principal at every moment."""
    now = services.now()
    own = Membership.get(
        (Membership.user == user)
        & (Membership.structure == structure)
        & (Membership.status == MembershipStatus.VALIDEE)
        & (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
    )
    own.role = Role.UTILISATEUR_SIMPLE
    own.version += 1
    own.save()
    membership = Membership.get_or_none(
        (Membership.user == successor)
        & (Membership.structure == structure)
        & Membership.status.in_([MembershipStatus.VALIDEE, MembershipStatus.EN_COURS_DE_VALIDATION])
    )
    if membership is None:
        Membership.create(
            user=successor,
            structure=structure,
            role=Role.GESTIONNAIRE_PRINCIPAL,
            status=MembershipStatus.VALIDEE,
            start_date=today(services.clock),
            requested_at=now,
            decided_at=now,
            decided_by=user,
        )
    else:
        if membership.status != MembershipStatus.VALIDEE:
            membership.status = MembershipStatus.VALIDEE
            membership.decided_at = now
            membership.decided_by = user
        membership.role = Role.GESTIONNAIRE_PRINCIPAL
        membership.version += 1
        membership.save()
    audit(services, user, "PRINCIPAL_TRANSFERRED", structure=structure, target=successor)
    event(
        services,
        successor,
        "role_changed",
        structure=structure.raison_sociale,
        role=Role.GESTIONNAIRE_PRINCIPAL.value,
    )
    mail(
        services,
        successor,
        "principal_transferred",
        structure=structure.raison_sociale,
        identifier=structure.identifier,
        previous=user.display_name,
    )
