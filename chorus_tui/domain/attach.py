"""« Rattacher un utilisateur » (M7) and « Créer le compte utilisateur » (M8): a manager searches
every active account, attaches one to the structure at once (``VALIDEE``), or creates the account
of someone who has none (``EN_COURS_ACTIVATION``, activation code by mail, valid 7 days)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import peewee

from chorus_tui.domain.activation import issue_creation_code
from chorus_tui.domain.auth import normalise_login
from chorus_tui.domain.context import Services
from chorus_tui.domain.criteria import checked_term, matches
from chorus_tui.domain.errors import Conflict, FieldErrors, NotFound, ValidationError
from chorus_tui.domain.fields import PERSON_RULES, check_field
from chorus_tui.domain.journal import audit, event, mail
from chorus_tui.domain.membership_requests import GRANTABLE_ROLES
from chorus_tui.domain.memberships import LIVE, check_details, live_membership
from chorus_tui.domain.paging import Page, paginate
from chorus_tui.domain.rights import Action, is_active_person, require
from chorus_tui.domain.search import refresh_user
from chorus_tui.domain.subscriptions import grant_default_subscriptions
from chorus_tui.domain.text import clean, fold, has_control
from chorus_tui.domain.transaction import locked, run_write
from chorus_tui.models import Membership, MembershipService, Structure, User
from chorus_tui.models.codes import (
    AccountStatus,
    MembershipStatus,
    ServiceLineStatus,
    StructureStatus,
)

# The criteria of the search, in the guide's order, and the column each one matches (folded
# columns hold folded text). « Pays » is a country code, compared as such.
TEXT_CRITERIA: dict[str, tuple[peewee.Field, bool]] = {
    "nom": (User.search_nom, True),
    "prenom": (User.search_prenom, True),
    "code_postal": (User.code_postal, False),
    "login": (User.search_login, True),
    "ville": (User.search_ville, True),
    "adresse": (User.search_adresse, True),
}
CRITERIA = (*TEXT_CRITERIA, "pays")

# The fields of « Créer le compte utilisateur », in the form's order.
ACCOUNT_FIELDS = ("login", "email", "nom", "prenom")
ACCOUNT_RULES = {
    "login": PERSON_RULES["email"],
    "email": PERSON_RULES["email"],
    "nom": PERSON_RULES["nom"],
    "prenom": PERSON_RULES["prenom"],
}


def _structure(structure_id: int) -> Structure:
    structure = Structure.get_or_none(Structure.id == structure_id)
    if structure is None:
        raise NotFound()
    return structure


# -- the search ---------------------------------------------------------------------------------


def account_query(criteria: Mapping[str, str | None]) -> peewee.ModelSelect:
    """Active, non-technical accounts matching every criterion given (``*`` rules of
    :mod:`criteria`), by nom, prénom. No criterion: :class:`ValidationError` ``criteria``."""
    errors = FieldErrors()
    conditions = []
    for name, (column, folded) in TEXT_CRITERIA.items():
        term = checked_term(errors, name, criteria.get(name), folded=folded)
        if term:
            conditions.append(matches(column, term))
    country = clean(criteria.get("pays")).upper()
    if country:
        if len(country) > 2 or has_control(country):
            errors.add("pays", "country_invalid")
        else:
            conditions.append(User.pays == country)
    errors.raise_if_any()
    if not conditions:
        raise ValidationError({"criteria": "criteria_required"})
    query = User.select().where(
        (User.status == AccountStatus.ACTIF) & (User.is_technical == False)  # noqa: E712
    )
    for condition in conditions:
        query = query.where(condition)
    return query.order_by(User.search_nom, User.search_prenom, User.id)


def check_criteria(criteria: Mapping[str, str | None]) -> None:
    """Raise the :class:`ValidationError` the search would raise, without running it."""
    account_query(criteria)


def search_accounts(
    actor: User,
    structure_id: int,
    criteria: Mapping[str, str | None],
    *,
    size: int = 5,
    offset: int = 0,
) -> Page[User]:
    """A page of « Rattacher un utilisateur ». Each row gets ``.attached``: whether the account
    has a pending or validated membership of the structure (one query for the page)."""
    structure = _structure(structure_id)
    require(actor, Action.MANAGE_USERS, structure)
    page = paginate(account_query(criteria), size, offset)
    ids = [user.id for user in page.rows]
    attached = (
        {
            row.user_id
            for row in Membership.select(Membership.user).where(
                (Membership.structure == structure)
                & (Membership.user.in_(ids))
                & (Membership.status.in_(LIVE))
            )
        }
        if ids
        else set()
    )
    for user in page.rows:
        user.attached = user.id in attached
    return page


# -- the membership a manager gives -------------------------------------------------------------


def _check_membership(
    errors: FieldErrors,
    structure: Structure,
    role: str,
    start_date: str,
    end_date: str,
    comment: str,
    service_ids: Sequence[int],
):
    """The rôle, dates, commentaire and services of the form; returns what to store."""
    if role not in GRANTABLE_ROLES:
        errors.add("role", "choice_invalid")
    return check_details(errors, structure, start_date, end_date, comment, service_ids)


def _managed_structure(manager: User, structure_id: int) -> Structure:
    """The structure, locked for the transaction (PostgreSQL): a request of the same user at
    the same moment waits instead of passing the same duplicate check."""
    structure = locked(Structure.select().where(Structure.id == structure_id)).get_or_none()
    if structure is None:
        raise NotFound()
    require(manager, Action.MANAGE_USERS, structure)
    if structure.status != StructureStatus.ACTIF:
        raise Conflict("structure_inactive")
    return structure


def _attach(
    services: Services,
    manager: User,
    structure: Structure,
    user: User,
    role: str,
    start,
    end,
    text: str,
    chosen,
) -> Membership:
    now = services.now()
    membership = Membership.create(
        user=user,
        structure=structure,
        role=role,
        status=MembershipStatus.VALIDEE,
        start_date=start,
        end_date=end,
        comment=text,
        whole_structure=not chosen,
        requested_at=now,
        decided_at=now,
        decided_by=manager,
    )
    for service in chosen:
        MembershipService.create(
            membership=membership, service=service, status=ServiceLineStatus.VALIDE
        )
    grant_default_subscriptions(services, membership, manager)
    return membership


def attach_user(
    services: Services,
    actor: User,
    structure_id: int,
    user_id: int,
    *,
    role: str,
    start_date: str,
    end_date: str = "",
    comment: str = "",
    service_ids: Sequence[int] = (),
) -> Membership:
    """« Valider »: ``user_id`` is attached to the structure at once (``VALIDEE``) with ``role``
    (gestionnaire secondaire or utilisateur simple), on the whole structure when ``service_ids``
    is empty, else on those services (« Validé »); default subscriptions, a mail, an event and
    the history follow."""

    def operation() -> Membership:
        manager = User.get_by_id(actor.id)
        structure = _managed_structure(manager, structure_id)
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound()
        if not is_active_person(user):
            raise Conflict("account_not_attachable")
        if live_membership(user, structure) is not None:
            raise Conflict("already_attached")
        errors = FieldErrors()
        start, end, text, chosen = _check_membership(
            errors, structure, role, start_date, end_date, comment, service_ids
        )
        errors.raise_if_any()

        membership = _attach(services, manager, structure, user, role, start, end, text, chosen)
        audit(
            services,
            manager,
            "USER_ATTACHED",
            structure=structure,
            target=user,
            role=role,
            service_codes=[service.code for service in chosen],
        )
        event(services, user, "membership_attached", structure=structure.raison_sociale)
        mail(
            services,
            user,
            "membership_attached",
            structure=structure.raison_sociale,
            identifier=structure.identifier,
        )
        return membership

    return run_write(operation)


# -- M8 « Créer le compte utilisateur » ---------------------------------------------------------


def login_used(login: str) -> bool:
    """Whether an account (any status, technical ones included) has this login id."""
    term = normalise_login(login)
    if has_control(term):
        return False
    return (
        User.select()
        .where((User.login == term) | (User.search_login == fold(clean(login))))
        .exists()
    )


def create_account(
    services: Services,
    actor: User,
    structure_id: int,
    fields: Mapping[str, str | None],
    *,
    role: str,
    start_date: str,
    end_date: str = "",
    comment: str = "",
    service_ids: Sequence[int] = (),
) -> tuple[User, str]:
    """The account of someone who has none: login id and contact e-mail (both e-mail
    addresses, may differ; the login unused), nom, prénom. The account is
    ``EN_COURS_ACTIVATION`` without a password, attached as :func:`attach_user` does, and gets
    an activation code valid 7 days by mail. Returns the account and the code."""

    def operation() -> tuple[User, str]:
        manager = User.get_by_id(actor.id)
        structure = _managed_structure(manager, structure_id)
        errors = FieldErrors()
        values: dict[str, str] = {}
        for name in ACCOUNT_FIELDS:
            value = clean(fields.get(name))
            check_field(errors, name, value, ACCOUNT_RULES[name])
            values[name] = normalise_login(value) if name == "login" else value
        if values["login"] and login_used(values["login"]):
            # Kept only when the login has no error yet (the first error of a field wins).
            errors.add("login", "account_login_used")
        start, end, text, chosen = _check_membership(
            errors, structure, role, start_date, end_date, comment, service_ids
        )
        errors.raise_if_any()

        now = services.now()
        user = User(
            login=values["login"],
            email=values["email"],
            nom=values["nom"],
            prenom=values["prenom"],
            status=AccountStatus.EN_COURS_ACTIVATION,
            created_at=now,
            password_hash=None,
        )
        refresh_user(user)
        user.save(force_insert=True)
        _attach(services, manager, structure, user, role, start, end, text, chosen)
        code = issue_creation_code(services, user)
        audit(
            services,
            manager,
            "ACCOUNT_CREATED",
            structure=structure,
            target=user,
            login=user.login,
            role=role,
            service_codes=[service.code for service in chosen],
        )
        return user, code

    return run_write(operation)
