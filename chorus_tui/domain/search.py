"""The folded copies of searchable columns, kept in step with the values they fold.

Folding may lengthen a value (« ß » → « ss », « ﬃ » → « ffi »): a copy is cut to its column's
length, which PostgreSQL enforces (see :func:`chorus_tui.domain.criteria.matches`)."""

from __future__ import annotations

import peewee

from chorus_tui.domain.text import fold
from chorus_tui.models import Service, Structure, User


def folded_copy(column: peewee.Field, value: str) -> str:
    """``value`` folded, cut to the length of the folded ``column``."""
    return fold(value)[: column.max_length]


def user_search_columns(values: dict[str, str]) -> dict[str, str]:
    """``search_*`` columns of a user from their plain values (for updates and bulk inserts)."""
    return {
        "search_nom": folded_copy(User.search_nom, values.get("nom", "")),
        "search_prenom": folded_copy(User.search_prenom, values.get("prenom", "")),
        "search_login": folded_copy(User.search_login, values.get("login", "")),
        "search_email": folded_copy(User.search_email, values.get("email", "")),
        "search_ville": folded_copy(User.search_ville, values.get("ville", "")),
        "search_adresse": folded_copy(User.search_adresse, values.get("adresse", "")),
    }


def refresh_user(user: User) -> None:
    for name, value in user_search_columns(user.__data__).items():
        setattr(user, name, value)


def structure_search_columns(values: dict[str, str]) -> dict[str, str]:
    return {
        "search_raison_sociale": folded_copy(
            Structure.search_raison_sociale, values.get("raison_sociale", "")
        ),
        "search_ville": folded_copy(Structure.search_ville, values.get("ville", "")),
        "search_libelle": folded_copy(Structure.search_libelle, values.get("libelle", "")),
        "search_nom": folded_copy(Structure.search_nom, values.get("nom", "")),
        "search_prenom": folded_copy(Structure.search_prenom, values.get("prenom", "")),
    }


def refresh_structure(structure: Structure) -> None:
    for name, value in structure_search_columns(structure.__data__).items():
        setattr(structure, name, value)


def refresh_service(service: Service) -> None:
    service.search_libelle = folded_copy(Service.search_libelle, service.libelle)
