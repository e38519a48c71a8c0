"""« Désactiver mon compte » (F7): a principal manager first hands every structure over to a
successor found with the « Loupe » search; everything happens in one transaction."""

from __future__ import annotations

from collections.abc import Mapping

from chorus_tui.domain.accounts import sync_session_user
from chorus_tui.domain.context import Services
from chorus_tui.domain.criteria import contains, prefix_range
from chorus_tui.domain.errors import DomainError, FieldErrors, ValidationError
from chorus_tui.domain.principal import transfer_principal
from chorus_tui.domain.rights import Action, is_active_person, require
from chorus_tui.domain.text import clean, fold, has_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import Membership, Structure, User
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role, StructureStatus

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
    require(actor, Action.MON_COMPTE)
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
    refused = {name: "control_characters" for name, term in terms.items() if has_control(term)}
    if refused:
        raise ValidationError(refused)
    query = User.select().where(
        (User.status == AccountStatus.ACTIF)
        & (User.is_technical == False)  # noqa: E712
        & (User.id != actor.id)
    )
    if terms["nom"]:
        query = query.where(prefix_range(User.search_nom, terms["nom"]))
    if terms["prenom"]:
        query = query.where(prefix_range(User.search_prenom, terms["prenom"]))
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


def _contains(column, term: str):
    return contains(column, term)


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
            transfer_principal(services, user, structure, successor)
        user.status = AccountStatus.DESACTIVE
        user.deactivated_at = now
        user.modified_at = now
        user.version += 1
        user.save()
        sync_session_user(actor, user)

    run_write(operation)
