"""Which spaces a membership gives by default (guide 003's table, SPEC F5)."""

from __future__ import annotations

from chorus_tui.models.codes import Role, SpaceCode, StructureKind

EVERYONE = frozenset(
    {
        SpaceCode.ACCUEIL_CONNECTE,
        SpaceCode.FACTURES_EMISES,
        SpaceCode.SOLLICITATIONS_EMISES,
        SpaceCode.MON_COMPTE,
    }
)
PUBLIC_ONLY = frozenset({SpaceCode.FACTURES_RECUES, SpaceCode.SOLLICITATIONS_RECUES})


def default_spaces(role: str, kind: str) -> tuple[SpaceCode, ...]:
    """The spaces a validated membership gives, in display order. Factures à valider and
    Factures de travaux are never default."""
    spaces = set(EVERYONE)
    if role in (Role.GESTIONNAIRE_PRINCIPAL, Role.GESTIONNAIRE_SECONDAIRE):
        spaces.add(SpaceCode.ACTIVITES_GESTIONNAIRE)
    if kind == StructureKind.PUBLIQUE:
        spaces |= PUBLIC_ONLY
    return tuple(code for code in SpaceCode if code in spaces)


def structure_spaces(kind: str) -> tuple[SpaceCode, ...]:
    """The spaces opened at structure level: every default space of the structure's kind."""
    return default_spaces(Role.GESTIONNAIRE_PRINCIPAL, kind)
