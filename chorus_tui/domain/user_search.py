"""« Rechercher utilisateur » (M7): the members of the structures a manager manages (as principal
or secondary), found by nom, prénom, login id, account status, ville, pays, raison sociale or
service; « Renvoyer le mail d'activation » for accounts still to activate; the CSV export.

The filter and the paging run in SQL: the managed structures are a subquery, never a list."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import peewee

from chorus_tui.domain.activation import issue_creation_code
from chorus_tui.domain.context import Services
from chorus_tui.domain.criteria import checked_term, matches, normalise
from chorus_tui.domain.errors import (
    Conflict,
    FieldErrors,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from chorus_tui.domain.export import write_csv
from chorus_tui.domain.journal import audit
from chorus_tui.domain.paging import Page, paginate
from chorus_tui.domain.rights import MANAGERS, Action, can, is_active_person
from chorus_tui.domain.text import clean, has_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.i18n import translate
from chorus_tui.models import Membership, MembershipService, Service, Structure, User
from chorus_tui.models.codes import AccountStatus, MembershipStatus

# The text criteria, in the form's order, and the folded column each one matches.
TEXT_CRITERIA: dict[str, peewee.Field] = {
    "nom": User.search_nom,
    "prenom": User.search_prenom,
    "login": User.search_login,
    "ville": User.search_ville,
    "raison_sociale": Structure.search_raison_sociale,
}
CRITERIA = ("nom", "prenom", "login", "statut", "ville", "pays", "raison_sociale", "service")

# The columns of the export, in order; the caller gives their labels in its language.
EXPORT_COLUMNS = ("user", "login", "created_at", "structure", "account_status", "status")

Manager = Membership.alias("manager")

# What a result line, its windows and the export read of the user and the structure; the search
# reads these only, not their 41 and 26 columns (generating and reading those was most of a
# search's time). The membership is read whole: « Modifier » saves it.
RESULT_COLUMNS = (
    Membership,
    User.id,
    User.login,
    User.nom,
    User.prenom,
    User.status,
    User.created_at,
    Structure.id,
    Structure.raison_sociale,
)


def managed_ids(actor: User) -> peewee.SelectQuery:
    """The ids of the structures ``actor`` manages, as a subquery (none for a deactivated or
    technical account)."""
    query = Manager.select(Manager.structure).where(
        (Manager.user == actor.id)
        & (Manager.status == MembershipStatus.VALIDEE)
        & (Manager.role.in_(MANAGERS))
    )
    return query if is_active_person(actor) else query.where(Manager.id.is_null())


# What the rights check reads of the actor (``can``): all that the search needs of them.
RIGHTS_COLUMNS = (User.id, User.status, User.is_technical)


def _require_manager(actor: User, columns: tuple[peewee.Field, ...] = ()) -> User:
    """The actor as stored now (only ``columns`` of them when given), who must be a manager."""
    user = User.select(*columns).where(User.id == actor.id).get()
    if not can(user, Action.SEE_MANAGER_SPACE):
        raise PermissionDenied(action=str(Action.SEE_MANAGER_SPACE))
    return user


def _service_condition(term: str) -> peewee.Expression:
    """Memberships with a service line whose code or libellé matches ``term``."""
    code_term = normalise(term, folded=False).upper()
    libelle_term = normalise(term)
    lines = (
        MembershipService.select(MembershipService.membership)
        .join(Service)
        .where(matches(Service.code, code_term) | matches(Service.search_libelle, libelle_term))
    )
    return Membership.id.in_(lines)


def member_query(actor: User, criteria: Mapping[str, str | None]) -> peewee.ModelSelect:
    """The memberships (not ``SUPPRIMEE``) of the structures ``actor`` manages that match every
    criterion given, with ``.user`` and ``.structure`` joined (their :data:`RESULT_COLUMNS` only);
    by nom, prénom, raison sociale. No criterion: :class:`ValidationError` ``criteria``."""
    user = _require_manager(actor, RIGHTS_COLUMNS)
    errors = FieldErrors()
    conditions = []
    for name, column in TEXT_CRITERIA.items():
        term = checked_term(errors, name, criteria.get(name))
        if term:
            conditions.append(matches(column, term))
    status = clean(criteria.get("statut"))
    if status:
        if status not in set(AccountStatus):
            errors.add("statut", "choice_invalid")
        else:
            conditions.append(User.status == status)
    country = clean(criteria.get("pays")).upper()
    if country:
        if len(country) > 2 or has_control(country):
            errors.add("pays", "country_invalid")
        else:
            conditions.append(User.pays == country)
    service = checked_term(errors, "service", criteria.get("service"), folded=False)
    if service:
        conditions.append(_service_condition(service))
    errors.raise_if_any()
    if not conditions:
        raise ValidationError({"criteria": "criteria_required"})
    query = (
        Membership.select(*RESULT_COLUMNS)
        .join(User, on=(Membership.user == User.id))
        .switch(Membership)
        .join(Structure, on=(Membership.structure == Structure.id))
        .where(
            (Membership.status != MembershipStatus.SUPPRIMEE)
            & (Membership.structure.in_(managed_ids(user)))
        )
    )
    for condition in conditions:
        query = query.where(condition)
    return query.order_by(
        User.search_nom, User.search_prenom, User.id, Structure.search_raison_sociale, Membership.id
    )


def check_criteria(actor: User, criteria: Mapping[str, str | None]) -> None:
    """Raise the error the search would raise, without running it."""
    member_query(actor, criteria)


def search_members(
    actor: User, criteria: Mapping[str, str | None], *, size: int = 10, offset: int = 0
) -> Page[Membership]:
    """A page of « Rechercher utilisateur »."""
    return paginate(member_query(actor, criteria), size, offset)


def user_structures(actor: User, user_id: int) -> list[Membership]:
    """The memberships (not ``SUPPRIMEE``) of ``user_id`` in the structures ``actor`` manages,
    with ``.structure`` joined, by raison sociale."""
    user = _require_manager(actor)
    return list(
        Membership.select(Membership, Structure)
        .join(Structure)
        .where(
            (Membership.user == user_id)
            & (Membership.status != MembershipStatus.SUPPRIMEE)
            & (Membership.structure.in_(managed_ids(user)))
        )
        .order_by(Structure.search_raison_sociale, Membership.id)
    )


def resend_activation(services: Services, actor: User, user_ids: Iterable[int]) -> int:
    """« Renvoyer le mail d'activation »: every selected account must be
    ``EN_COURS_ACTIVATION`` and attached to a structure where ``actor`` may manage users; each
    gets a new creation code (the previous ones are voided) and the mail again. All or nothing;
    returns the number of mails sent."""
    ids = list(dict.fromkeys(user_ids))

    def operation() -> int:
        manager = _require_manager(actor)
        if not ids:
            raise ValidationError({"selection": "required"})
        plan: list[tuple[User, Structure]] = []
        for user_id in ids:
            account = User.get_or_none(User.id == user_id)
            if account is None:
                raise NotFound()
            memberships = (
                Membership.select(Membership, Structure)
                .join(Structure)
                .where(
                    (Membership.user == account)
                    & (Membership.status != MembershipStatus.SUPPRIMEE)
                    & (Membership.structure.in_(managed_ids(manager)))
                )
                .order_by(Membership.id)
            )
            structures = [row.structure for row in memberships]
            if not structures:
                raise NotFound()
            allowed = [s for s in structures if can(manager, Action.MANAGE_USERS, s)]
            if not allowed:
                raise PermissionDenied(action=str(Action.MANAGE_USERS))
            if account.status != AccountStatus.EN_COURS_ACTIVATION or account.is_technical:
                raise Conflict("not_pending_activation")
            plan.append((account, allowed[0]))
        for account, structure in plan:
            issue_creation_code(services, account)
            audit(
                services,
                manager,
                "ACTIVATION_MAIL_SENT",
                structure=structure,
                target=account,
                login=account.login,
            )
        return len(plan)

    return run_write(operation)


def export_rows(query: peewee.ModelSelect) -> Iterable[Sequence[object]]:
    for row in query.iterator():
        yield (
            f"{row.user.prenom} {row.user.nom}".strip(),
            row.user.login,
            row.user.created_at.date().isoformat() if row.user.created_at else "",
            row.structure.raison_sociale,
            row.user.status,
            row.status,
        )


def export_labels(language: str) -> list[str]:
    """The header of the export: the column labels of the interface in ``language``."""
    return [translate(language, f"usearch.export_column.{name}") for name in EXPORT_COLUMNS]


def export_value(language: str, column: str, value: object) -> object:
    """A cell as the table shows it: the statuses in words."""
    if column == "account_status" and value:
        return translate(language, f"code.{value}")
    if column == "status" and value:
        return translate(language, f"memberships.status.{value}")
    return value


def export_members(
    actor: User,
    criteria: Mapping[str, str | None],
    path: str | Path,
    *,
    language: str = "FR",
) -> int:
    """« Exporter les résultats »: every membership the search finds (not only the page shown),
    as :data:`EXPORT_COLUMNS` under the interface's labels in ``language``, statuses in words.
    The criteria are checked first: a bad search writes no file."""
    query = member_query(actor, criteria)
    rows = (
        [
            export_value(language, column, cell)
            for column, cell in zip(EXPORT_COLUMNS, row, strict=True)
        ]
        for row in export_rows(query)
    )
    return write_csv(path, export_labels(language), rows)


__all__ = [
    "CRITERIA",
    "EXPORT_COLUMNS",
    "check_criteria",
    "export_labels",
    "export_members",
    "export_value",
    "member_query",
    "resend_activation",
    "search_members",
    "user_structures",
]
