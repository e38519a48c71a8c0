"""Structures seen from « Mon Compte » (F4): the structure search, consulting a structure, and
« Saisir une nouvelle structure » when the search finds nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping

import peewee
from stdnum.fr import siret

from chorus_tui.clock import today
from chorus_tui.domain.context import Services
from chorus_tui.domain.criteria import checked_term, matches, normalise, trigram_count
from chorus_tui.domain.errors import FieldErrors, NotFound, ValidationError
from chorus_tui.domain.fields import Rule, check_field
from chorus_tui.domain.journal import audit, event
from chorus_tui.domain.paging import Page, paginate
from chorus_tui.domain.rights import Action, require
from chorus_tui.domain.search import structure_search_columns
from chorus_tui.domain.spaces import structure_spaces
from chorus_tui.domain.subscriptions import grant_default_subscriptions
from chorus_tui.domain.text import clean, has_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import Membership, Service, Space, Structure, StructureSpace, User
from chorus_tui.models.codes import (
    IdentifierType,
    MembershipStatus,
    Role,
    StructureKind,
    StructureStatus,
    values,
)
from chorus_tui.models.trigrams import STRUCTURE_NAMES

# The criteria of « Demander un rattachement », in the guide's order.
CRITERIA = (
    "raison_sociale",
    "identifier",
    "kind",
    "identifier_type",
    "libelle",
    "status",
    "nom",
    "prenom",
    "code_postal",
    "ville",
    "pays",
)
# Criteria typed as text, and the column each one matches (folded ones hold folded text).
TEXT_CRITERIA: dict[str, tuple[peewee.Field, bool]] = {
    "raison_sociale": (Structure.search_raison_sociale, True),
    "identifier": (Structure.identifier, False),
    "libelle": (Structure.search_libelle, True),
    "nom": (Structure.search_nom, True),
    "prenom": (Structure.search_prenom, True),
    "code_postal": (Structure.code_postal, False),
    "ville": (Structure.search_ville, True),
}
# Criteria chosen from a list of codes.
CODE_CRITERIA: dict[str, tuple[peewee.Field, tuple[str, ...]]] = {
    "kind": (Structure.kind, values(StructureKind)),
    "identifier_type": (Structure.identifier_type, values(IdentifierType)),
    "status": (Structure.status, values(StructureStatus)),
}
# What a result line may show (the table, the export): the page query reads these only, not the
# structure's 26 columns (building the SQL and the objects of those was half a search's time).
RESULT_COLUMNS = (
    Structure.id,
    Structure.identifier,
    Structure.raison_sociale,
    Structure.status,
    Structure.kind,
    Structure.identifier_type,
    Structure.code_postal,
    Structure.ville,
    Structure.pays,
)


def structure_query(criteria: Mapping[str, str | None]) -> peewee.ModelSelect:
    """The structures matching every criterion given, ordered by raison sociale, with the
    :data:`RESULT_COLUMNS` only. Raises a :class:`ValidationError` (``criteria``: required) when
    none is given."""
    errors = FieldErrors()
    conditions = []
    for name, (column, folded) in TEXT_CRITERIA.items():
        term = checked_term(errors, name, criteria.get(name), folded=folded)
        if not term:
            continue
        if name == "identifier":
            term = term.replace(" ", "").upper()
        trigrams = STRUCTURE_NAMES if name == "raison_sociale" else None
        conditions.append(matches(column, term, trigrams))
    for name, (column, codes) in CODE_CRITERIA.items():
        code = clean(criteria.get(name))
        if not code:
            continue
        if code not in codes:
            errors.add(name, "choice_invalid")
        else:
            conditions.append(column == code)
    country = clean(criteria.get("pays")).upper()
    if country:
        if len(country) > 2 or has_control(country):
            errors.add("pays", "country_invalid")
        else:
            conditions.append(Structure.pays == country)
    errors.raise_if_any()
    if not conditions:
        raise ValidationError({"criteria": "criteria_required"})
    query = Structure.select(*RESULT_COLUMNS)
    for condition in conditions:
        query = query.where(condition)
    return query.order_by(Structure.search_raison_sociale, Structure.id)


def search_structures(
    criteria: Mapping[str, str | None], *, size: int = 5, offset: int = 0
) -> Page[Structure]:
    """A page of the structure search (« Résultat de la recherche »)."""
    query = structure_query(criteria)
    return paginate(query, size, offset, count_query=_count_query(criteria))


def _count_query(criteria: Mapping[str, str | None]) -> peewee.SelectQuery | None:
    """A search on « *text* » in the raison sociale alone is counted on the trigram index (not
    by reading each structure it finds: most of such a search's time on 100,000 structures)."""
    if {name for name in CRITERIA if clean(criteria.get(name))} != {"raison_sociale"}:
        return None
    return trigram_count(normalise(criteria.get("raison_sociale")), STRUCTURE_NAMES)


def get_structure(structure_id: int) -> Structure:
    structure = Structure.get_or_none(Structure.id == structure_id)
    if structure is None:
        raise NotFound()
    return structure


def active_services(structure: Structure) -> list[Service]:
    """The services a request may name, in code order."""
    return list(
        Service.select()
        .where((Service.structure == structure) & (Service.active == True))  # noqa: E712
        .order_by(Service.code)
    )


# -- « Saisir une nouvelle structure » ------------------------------------------------------

NEW_STRUCTURE_FIELDS = (
    "identifier_type",
    "identifier",
    "raison_sociale",
    "nom",
    "prenom",
    "adresse",
    "code_postal",
    "ville",
    "pays",
)
STRUCTURE_RULES: dict[str, Rule] = {
    "raison_sociale": Rule(255, required=True),
    "nom": Rule(100),
    "prenom": Rule(100),
    "adresse": Rule(255, required=True),
    "code_postal": Rule(10, required=True),
    "ville": Rule(100, required=True),
    "pays": Rule(2, required=True, kind="country"),
}
OTHER_IDENTIFIER = re.compile(r"[A-Z0-9][A-Z0-9\-]{0,39}")


def clean_identifier(identifier_type: str, identifier: str | None) -> str:
    """The identifier as stored: spaces removed, upper case (a SIRET keeps its digits only)."""
    text = clean(identifier).replace(" ", "").upper()
    if identifier_type == IdentifierType.SIRET:
        return siret.compact(text)
    return text


def check_identifier(errors: FieldErrors, identifier_type: str, identifier: str) -> None:
    """SIRET: 14 digits with a valid checksum (python-stdnum); other types: letters, digits and
    hyphens, at most 40. An identifier that a structure has already is refused."""
    if not identifier:
        errors.add("identifier", "required")
        return
    if identifier_type == IdentifierType.SIRET:
        if not siret.is_valid(identifier):
            errors.add("identifier", "siret_invalid")
            return
    elif not OTHER_IDENTIFIER.fullmatch(identifier):
        errors.add("identifier", "identifier_invalid")
        return
    if Structure.select().where(Structure.identifier == identifier).exists():
        errors.add("identifier", "identifier_used")


def create_structure(
    services: Services, actor: User, fields: Mapping[str, str | None]
) -> Structure:
    """Create a private structure; its creator is at once its principal manager, with the
    structure's default spaces opened and their default subscriptions."""

    def operation() -> Structure:
        user = User.get_by_id(actor.id)
        require(user, Action.MON_COMPTE)
        errors = FieldErrors()
        identifier_type = clean(fields.get("identifier_type"))
        if not identifier_type:
            errors.add("identifier_type", "required")
        elif identifier_type not in values(IdentifierType):
            errors.add("identifier_type", "choice_invalid")
        identifier = clean_identifier(identifier_type, fields.get("identifier"))
        if not has_control(identifier):
            check_identifier(errors, identifier_type, identifier)
        else:
            errors.add("identifier", "control_characters")
        cleaned: dict[str, str] = {}
        for name, rule in STRUCTURE_RULES.items():
            value = clean(fields.get(name))
            if rule.kind == "country":
                value = value.upper()
            check_field(errors, name, value, rule)
            cleaned[name] = value
        if identifier_type == IdentifierType.PARTICULIER:
            for name in ("nom", "prenom"):
                if not cleaned[name]:
                    errors.add(name, "required")
        errors.raise_if_any()

        now = services.now()
        row = {
            "kind": StructureKind.PRIVEE,
            "identifier_type": identifier_type,
            "identifier": identifier,
            **cleaned,
            "created_at": now,
        }
        structure = Structure.create(**row, **structure_search_columns(row))
        spaces = {space.code: space for space in Space.select()}
        for code in structure_spaces(structure.kind):
            StructureSpace.create(structure=structure, space=spaces[code], created_at=now)
        membership = Membership.create(
            user=user,
            structure=structure,
            role=Role.GESTIONNAIRE_PRINCIPAL,
            status=MembershipStatus.VALIDEE,
            start_date=today(services.clock),
            whole_structure=True,
            requested_at=now,
            decided_at=now,
            decided_by=user,
        )
        grant_default_subscriptions(services, membership, user)
        audit(services, user, "STRUCTURE_CREATED", structure=structure, target=user)
        event(services, user, "structure_created", structure=structure.raison_sociale)
        return structure

    return run_write(operation)
