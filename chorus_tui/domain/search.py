"""The folded copies of searchable columns, kept in step with the values they fold."""

from __future__ import annotations

from chorus_tui.domain.text import fold
from chorus_tui.models import Service, Structure, User


def user_search_columns(values: dict[str, str]) -> dict[str, str]:
    """``search_*`` columns of a user from their plain values (for updates and bulk inserts)."""
    return {
        "search_nom": fold(values.get("nom", "")),
        "search_prenom": fold(values.get("prenom", "")),
        "search_login": fold(values.get("login", "")),
        "search_email": fold(values.get("email", "")),
        "search_ville": fold(values.get("ville", "")),
        "search_adresse": fold(values.get("adresse", "")),
    }


def refresh_user(user: User) -> None:
    for name, value in user_search_columns(user.__data__).items():
        setattr(user, name, value)


def structure_search_columns(values: dict[str, str]) -> dict[str, str]:
    return {
        "search_raison_sociale": fold(values.get("raison_sociale", "")),
        "search_ville": fold(values.get("ville", "")),
        "search_libelle": fold(values.get("libelle", "")),
        "search_nom": fold(values.get("nom", "")),
        "search_prenom": fold(values.get("prenom", "")),
    }


def refresh_structure(structure: Structure) -> None:
    for name, value in structure_search_columns(structure.__data__).items():
        setattr(structure, name, value)


def refresh_service(service: Service) -> None:
    service.search_libelle = fold(service.libelle)
