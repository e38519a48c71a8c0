"""« Mes structures » (M7) as their managers see them: the list, one structure with its address,
its services and the secondary managers' rights, and « Utilisateurs rattachés à la structure »
with the deactivation, reactivation, removal and change of role/services of its members.

Every write is one transaction (``run_write``) and checks the rights of SPEC §3 itself; the
principal manager's membership is never deactivated, removed or changed here (that is M10, the
transfer of the role). An ``INACTIF`` structure (M11) stays consultable and refuses every
change."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import peewee

from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import Conflict, DomainError, FieldErrors, NotFound, ValidationError
from chorus_tui.domain.fields import Rule, check_field
from chorus_tui.domain.journal import audit, event, mail
from chorus_tui.domain.paging import Page, paginate
from chorus_tui.domain.rights import MANAGERS, Action, is_active_person, require
from chorus_tui.domain.search import refresh_service, refresh_structure
from chorus_tui.domain.structures import STRUCTURE_RULES
from chorus_tui.domain.subscriptions import end_subscriptions, grant_default_subscriptions
from chorus_tui.domain.text import clean
from chorus_tui.domain.transaction import locked, run_write
from chorus_tui.models import Membership, MembershipService, Service, Structure, User
from chorus_tui.models.codes import (
    AccountStatus,
    MembershipStatus,
    Role,
    SecondaryRights,
    ServiceLineStatus,
    SpaceCode,
    StructureStatus,
)

# The fields of the structure a manager may change, in the order of the form.
ADDRESS_FIELDS = ("adresse", "complement", "code_postal", "ville", "pays", "telephone")
ADDRESS_RULES: dict[str, Rule] = {
    "adresse": STRUCTURE_RULES["adresse"],
    "complement": Rule(255),
    "code_postal": STRUCTURE_RULES["code_postal"],
    "ville": STRUCTURE_RULES["ville"],
    "pays": STRUCTURE_RULES["pays"],
    "telephone": Rule(30, kind="phone"),
}
SERVICE_CODE = re.compile(r"[A-Z0-9][A-Z0-9_\-]{0,39}")
SERVICE_LIBELLE_MAX_LENGTH = 255
CHANGEABLE_ROLES = (Role.GESTIONNAIRE_SECONDAIRE, Role.UTILISATEUR_SIMPLE)
PRINCIPAL_NEEDS_TRANSFER = "principal_needs_transfer"


# -- reading --------------------------------------------------------------------------------------


def my_structures_query(actor: User) -> peewee.ModelSelect:
    """The structures ``actor`` manages (principal or secondary, validated membership), active
    or not, by raison sociale. None for a deactivated or technical account (as
    :func:`~chorus_tui.domain.rights.managed_structures`)."""
    query = (
        Structure.select()
        .join(Membership, on=(Membership.structure == Structure.id))
        .where(
            (Membership.user == actor.id)
            & (Membership.status == MembershipStatus.VALIDEE)
            & (Membership.role.in_(MANAGERS))
        )
        .order_by(Structure.search_raison_sociale, Structure.id)
    )
    return query if is_active_person(actor) else query.where(Structure.id.is_null())


def my_structures(actor: User, *, size: int = 5, offset: int = 0) -> Page[Structure]:
    """A page of « Mes structures »; each row gets ``.service_codes`` (its active services, in
    code order), loaded for the page in one query."""
    require(actor, Action.SEE_MANAGER_SPACE)
    page = paginate(my_structures_query(actor), size, offset)
    codes = active_codes([row.id for row in page.rows])
    for row in page.rows:
        row.service_codes = codes.get(row.id, [])
    return page


def active_codes(structure_ids: Sequence[int]) -> dict[int, list[str]]:
    rows = (
        Service.select(Service.structure, Service.code)
        .where((Service.structure.in_(list(structure_ids))) & (Service.active == True))  # noqa: E712
        .order_by(Service.code)
        .tuples()
    )
    codes: dict[int, list[str]] = {}
    for structure_id, code in rows:
        codes.setdefault(structure_id, []).append(code)
    return codes


def _structure(structure_id: int, *, lock: bool = False) -> Structure:
    query = Structure.select().where(Structure.id == structure_id)
    structure = (locked(query) if lock else query).first()
    if structure is None:
        raise NotFound()
    return structure


def structure_detail(actor: User, structure_id: int) -> Structure:
    """One structure, for its managers only."""
    structure = _structure(structure_id)
    require(actor, Action.SEE_MANAGER_SPACE, structure)
    return structure


def structure_services(actor: User, structure_id: int) -> list[Service]:
    """Every service of the structure, active or not, in code order."""
    structure = structure_detail(actor, structure_id)
    return list(Service.select().where(Service.structure == structure).order_by(Service.code))


def _writable(actor: User, structure_id: int, action: Action) -> tuple[User, Structure]:
    """The acting user read again inside the transaction, and the structure they may change,
    locked until the commit (every change of its users, services or fields goes through here,
    so two managers' changes of one structure are serialised on every backend)."""
    manager = User.get_by_id(actor.id)
    structure = _structure(structure_id, lock=True)
    require(manager, action, structure)
    if structure.status != StructureStatus.ACTIF:
        raise Conflict("structure_read_only")
    return manager, structure


# -- the structure's fields -----------------------------------------------------------------------


def update_structure(
    services: Services,
    actor: User,
    structure_id: int,
    fields: Mapping[str, str | None],
    expected_version: int | None = None,
) -> Structure:
    """Save the address fields (validated as in F2); identifier and raison sociale never
    change here. A structure changed meanwhile by someone else is a conflict."""

    def operation() -> Structure:
        manager, structure = _writable(actor, structure_id, Action.MANAGE_USERS)
        if expected_version is not None and structure.version != expected_version:
            raise Conflict("structure_changed")
        errors = FieldErrors()
        cleaned: dict[str, str] = {}
        for name, rule in ADDRESS_RULES.items():
            value = clean(fields.get(name))
            if rule.kind == "country":
                value = value.upper()
            check_field(errors, name, value, rule)
            cleaned[name] = value
        errors.raise_if_any()
        changed = [name for name in ADDRESS_FIELDS if getattr(structure, name) != cleaned[name]]
        if not changed:
            return structure
        for name in changed:
            setattr(structure, name, cleaned[name])
        refresh_structure(structure)
        structure.modified_at = services.now()
        structure.version += 1
        structure.save()
        audit(services, manager, "STRUCTURE_UPDATED", structure=structure, fields=changed)
        return structure

    return run_write(operation)


def set_secondary_rights(
    services: Services,
    actor: User,
    structure_id: int,
    value: str,
    expected_version: int | None = None,
) -> Structure:
    """« Droits des gestionnaires secondaires »: principal manager only. A structure changed
    meanwhile by someone else is a conflict."""

    def operation() -> Structure:
        manager, structure = _writable(actor, structure_id, Action.SET_SECONDARY_RIGHTS)
        if expected_version is not None and structure.version != expected_version:
            raise Conflict("structure_changed")
        if value not in tuple(SecondaryRights):
            raise ValidationError({"secondary_rights": "choice_invalid"})
        if structure.secondary_rights == value:
            return structure
        structure.secondary_rights = value
        structure.modified_at = services.now()
        structure.version += 1
        structure.save()
        audit(services, manager, "SECONDARY_RIGHTS_CHANGED", structure=structure, value=value)
        return structure

    return run_write(operation)


# -- services -------------------------------------------------------------------------------------


def _check_libelle(errors: FieldErrors, libelle: str) -> None:
    check_field(errors, "libelle", libelle, Rule(SERVICE_LIBELLE_MAX_LENGTH, required=True))


def create_service(
    services: Services, actor: User, structure_id: int, code: str, libelle: str
) -> Service:
    """A new active service; its code (letters, digits, « _ », « - », ≤ 40, upper-cased) is
    unique in the structure."""

    def operation() -> Service:
        manager, structure = _writable(actor, structure_id, Action.MANAGE_USERS)
        errors = FieldErrors()
        text = clean(code).upper()
        if not text:
            errors.add("code", "required")
        elif not SERVICE_CODE.fullmatch(text):
            errors.add("code", "service_code_invalid")
        elif (
            Service.select()
            .where((Service.structure == structure) & (Service.code == text))
            .exists()
        ):
            errors.add("code", "service_code_used")
        name = clean(libelle)
        _check_libelle(errors, name)
        errors.raise_if_any()
        service = Service(structure=structure, code=text, libelle=name, created_at=services.now())
        refresh_service(service)
        service.save()
        audit(services, manager, "SERVICE_CREATED", structure=structure, code=text, libelle=name)
        return service

    return run_write(operation)


def _service(structure: Structure, service_id: int) -> Service:
    service = Service.get_or_none((Service.id == service_id) & (Service.structure == structure))
    if service is None:
        raise NotFound()
    return service


def rename_service(
    services: Services, actor: User, structure_id: int, service_id: int, libelle: str
) -> Service:
    def operation() -> Service:
        manager, structure = _writable(actor, structure_id, Action.MANAGE_USERS)
        service = _service(structure, service_id)
        errors = FieldErrors()
        name = clean(libelle)
        _check_libelle(errors, name)
        errors.raise_if_any()
        if name == service.libelle:
            return service
        previous = service.libelle
        service.libelle = name
        refresh_service(service)
        service.save()
        audit(
            services,
            manager,
            "SERVICE_RENAMED",
            structure=structure,
            code=service.code,
            libelle=name,
            previous=previous,
        )
        return service

    return run_write(operation)


def _set_service_active(
    services: Services, actor: User, structure_id: int, service_id: int, active: bool
) -> Service:
    def operation() -> Service:
        manager, structure = _writable(actor, structure_id, Action.MANAGE_USERS)
        service = _service(structure, service_id)
        if service.active == active:
            raise Conflict("service_changed")
        service.active = active
        service.save()
        action = "SERVICE_REACTIVATED" if active else "SERVICE_DEACTIVATED"
        audit(services, manager, action, structure=structure, code=service.code)
        return service

    return run_write(operation)


def deactivate_service(
    services: Services, actor: User, structure_id: int, service_id: int
) -> Service:
    """The service is no longer offered to new requests and subscriptions; existing lines stay."""
    return _set_service_active(services, actor, structure_id, service_id, False)


def reactivate_service(
    services: Services, actor: User, structure_id: int, service_id: int
) -> Service:
    return _set_service_active(services, actor, structure_id, service_id, True)


# -- « Utilisateurs rattachés à la structure » ----------------------------------------------------


def structure_users_query(structure: Structure | int) -> peewee.ModelSelect:
    return (
        Membership.select(Membership, User)
        .join(User, on=(Membership.user == User.id))
        .where(
            (Membership.structure == structure) & (Membership.status != MembershipStatus.SUPPRIMEE)
        )
        .order_by(User.search_nom, User.search_prenom, Membership.id)
    )


def structure_users(
    actor: User, structure_id: int, *, size: int = 5, offset: int = 0
) -> Page[Membership]:
    """A page of the structure's memberships (all but the removed ones), each with ``.user``."""
    structure = structure_detail(actor, structure_id)
    return paginate(
        structure_users_query(structure), size, offset, reversible=True, key=Membership.id
    )


def member_codes(membership_ids: Sequence[int]) -> dict[int, list[int]]:
    """membership id → the ids of its validated services."""
    rows = (
        MembershipService.select(MembershipService.membership, MembershipService.service)
        .where(
            (MembershipService.membership.in_(list(membership_ids)))
            & (MembershipService.status == ServiceLineStatus.VALIDE)
        )
        .tuples()
    )
    ids: dict[int, list[int]] = {}
    for membership_id, service_id in rows:
        ids.setdefault(membership_id, []).append(service_id)
    return ids


def _members(
    structure: Structure, membership_ids: Sequence[int], allowed: Sequence[str]
) -> list[Membership]:
    """The memberships ``membership_ids`` of ``structure``, all of them in one of the ``allowed``
    statuses; the principal's is refused with a message naming the transfer."""
    wanted = list(dict.fromkeys(membership_ids))
    if not wanted:
        raise ValidationError({"members": "members_required"})
    rows = list(
        Membership.select(Membership, User)
        .join(User, on=(Membership.user == User.id))
        .where((Membership.id.in_(wanted)) & (Membership.structure == structure))
        .order_by(Membership.id)
    )
    if len(rows) != len(wanted):
        raise Conflict("membership_gone")
    for row in rows:
        if row.role == Role.GESTIONNAIRE_PRINCIPAL and row.status == MembershipStatus.VALIDEE:
            raise DomainError(PRINCIPAL_NEEDS_TRANSFER, user=_person(row.user))
    for row in rows:
        if row.status not in allowed:
            raise Conflict("member_state", user=_person(row.user))
    return rows


def _person(user: User) -> str:
    return user.formal_name


def _tell(services: Services, user: User, kind: str, structure: Structure, **params) -> None:
    """An event, and a mail unless the account is deactivated (F7) or technical."""
    names = {"structure": structure.raison_sociale, **params}
    event(services, user, kind, **names)
    if user.status != AccountStatus.DESACTIVE and not user.is_technical:
        mail(services, user, kind, identifier=structure.identifier, **names)


def deactivate_members(
    services: Services, actor: User, structure_id: int, membership_ids: Sequence[int]
) -> int:
    """« Désactiver des utilisateurs »: validated memberships become ``DESACTIVEE`` and the
    users' subscriptions on the structure end. All or nothing."""

    def operation() -> int:
        manager, structure = _writable(actor, structure_id, Action.MANAGE_USERS)
        rows = _members(structure, membership_ids, [MembershipStatus.VALIDEE])
        now = services.now()
        for row in rows:
            row.status = MembershipStatus.DESACTIVEE
            row.decided_at = now
            row.decided_by = manager
            row.version += 1
            row.save()
            end_subscriptions(services, row.user, structure)
            audit(services, manager, "MEMBERSHIP_DEACTIVATED", structure=structure, target=row.user)
            _tell(services, row.user, "member_deactivated", structure)
        return len(rows)

    return run_write(operation)


def reactivate_members(
    services: Services, actor: User, structure_id: int, membership_ids: Sequence[int]
) -> int:
    """« Réactiver des utilisateurs »: deactivated memberships are ``VALIDEE`` again, with the
    default subscriptions. All or nothing."""

    def operation() -> int:
        manager, structure = _writable(actor, structure_id, Action.MANAGE_USERS)
        rows = _members(structure, membership_ids, [MembershipStatus.DESACTIVEE])
        for row in rows:
            live = Membership.select().where(
                (Membership.user == row.user_id)
                & (Membership.structure == structure)
                & (Membership.id != row.id)
                & (
                    Membership.status.in_(
                        [MembershipStatus.VALIDEE, MembershipStatus.EN_COURS_DE_VALIDATION]
                    )
                )
            )
            if live.exists():
                raise Conflict("member_state", user=_person(row.user))
        now = services.now()
        for row in rows:
            row.status = MembershipStatus.VALIDEE
            row.decided_at = now
            row.decided_by = manager
            row.version += 1
            row.save()
            grant_default_subscriptions(services, row, manager)
            audit(services, manager, "MEMBERSHIP_REACTIVATED", structure=structure, target=row.user)
            _tell(services, row.user, "member_reactivated", structure)
        return len(rows)

    return run_write(operation)


def remove_members(
    services: Services, actor: User, structure_id: int, membership_ids: Sequence[int]
) -> int:
    """« Supprimer les utilisateurs sélectionnés »: validated or deactivated memberships become
    ``SUPPRIMEE``, their service lines « Désactivé », the subscriptions end. All or nothing."""

    def operation() -> int:
        manager, structure = _writable(actor, structure_id, Action.MANAGE_USERS)
        rows = _members(
            structure, membership_ids, [MembershipStatus.VALIDEE, MembershipStatus.DESACTIVEE]
        )
        now = services.now()
        for row in rows:
            row.status = MembershipStatus.SUPPRIMEE
            row.decided_at = now
            row.decided_by = manager
            row.version += 1
            row.save()
            MembershipService.update(status=ServiceLineStatus.DESACTIVE).where(
                MembershipService.membership == row
            ).execute()
            end_subscriptions(services, row.user, structure)
            audit(services, manager, "MEMBERSHIP_REMOVED", structure=structure, target=row.user)
            _tell(services, row.user, "member_removed", structure)
        return len(rows)

    return run_write(operation)


def change_member(
    services: Services,
    actor: User,
    structure_id: int,
    membership_id: int,
    role: str,
    service_ids: Sequence[int] = (),
    expected_version: int | None = None,
) -> Membership:
    """Change a validated member's role (gestionnaire secondaire or utilisateur simple) and
    services (none: the whole structure). « Activités du gestionnaire » follows the role."""

    def operation() -> Membership:
        manager, structure = _writable(actor, structure_id, Action.MANAGE_USERS)
        membership = _members(structure, [membership_id], [MembershipStatus.VALIDEE])[0]
        if expected_version is not None and membership.version != expected_version:
            raise Conflict("membership_gone")
        errors = FieldErrors()
        if role not in CHANGEABLE_ROLES:
            errors.add("role", "choice_invalid")
        active = {
            service.id: service
            for service in Service.select().where(
                (Service.structure == structure) & (Service.active == True)  # noqa: E712
            )
        }
        chosen = list(dict.fromkeys(service_ids))
        if any(service_id not in active for service_id in chosen):
            errors.add("services", "choice_invalid")
        errors.raise_if_any()

        lines = {
            line.service_id: line
            for line in MembershipService.select().where(MembershipService.membership == membership)
        }
        for service_id in chosen:
            line = lines.get(service_id)
            if line is None:
                MembershipService.create(
                    membership=membership, service=service_id, status=ServiceLineStatus.VALIDE
                )
            elif line.status != ServiceLineStatus.VALIDE:
                line.status = ServiceLineStatus.VALIDE
                line.save()
        live = (ServiceLineStatus.VALIDE, ServiceLineStatus.EN_COURS_DE_VALIDATION)
        for service_id, line in lines.items():
            if service_id not in chosen and line.status in live:
                line.status = ServiceLineStatus.DESACTIVE
                line.save()
        previous = membership.role
        membership.role = role
        membership.whole_structure = not chosen
        membership.version += 1
        membership.save()
        user = membership.user
        if previous != role:
            if role == Role.GESTIONNAIRE_SECONDAIRE:
                grant_default_subscriptions(services, membership, manager)
            else:
                end_subscriptions(services, user, structure, [SpaceCode.ACTIVITES_GESTIONNAIRE])
        codes = sorted(active[service_id].code for service_id in chosen)
        audit(
            services,
            manager,
            "MEMBERSHIP_CHANGED",
            structure=structure,
            target=user,
            role=role,
            previous_role=previous,
            service_codes=codes,
        )
        if previous != role:
            event(
                services, user, "role_changed", structure=structure.raison_sociale, role=str(role)
            )
        return membership

    return run_write(operation)
