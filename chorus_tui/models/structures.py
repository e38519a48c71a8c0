"""Structures (« fiches structure »), their services and their spaces."""

from __future__ import annotations

import peewee

from chorus_tui.models.base import BaseModel, UTCDateTimeField, in_check
from chorus_tui.models.codes import (
    IdentifierType,
    SecondaryRights,
    StructureKind,
    StructureStatus,
    values,
)


class Structure(BaseModel):
    """An organisation: one fiche structure per identifier (SIRET…)."""

    kind = peewee.CharField(max_length=8, constraints=[in_check("kind", values(StructureKind))])
    identifier_type = peewee.CharField(
        max_length=32, constraints=[in_check("identifier_type", values(IdentifierType))]
    )
    identifier = peewee.CharField(max_length=40, unique=True)
    raison_sociale = peewee.CharField(max_length=255)
    libelle = peewee.CharField(max_length=255, default="")
    # A person's structure (identifier type PARTICULIER) is named by a nom and a prénom.
    nom = peewee.CharField(max_length=100, default="")
    prenom = peewee.CharField(max_length=100, default="")
    adresse = peewee.CharField(max_length=255, default="")
    complement = peewee.CharField(max_length=255, default="")
    code_postal = peewee.CharField(max_length=10, default="", index=True)
    ville = peewee.CharField(max_length=100, default="")
    pays = peewee.CharField(max_length=2, default="FR")
    telephone = peewee.CharField(max_length=30, default="")
    status = peewee.CharField(
        max_length=8,
        default=StructureStatus.ACTIF,
        constraints=[in_check("status", values(StructureStatus))],
    )
    successor = peewee.ForeignKeyField(
        "self", null=True, backref="predecessors", on_delete="SET NULL"
    )
    secondary_rights = peewee.CharField(
        max_length=32,
        default=SecondaryRights.IDENTIQUES_PRINCIPAL,
        constraints=[in_check("secondary_rights", values(SecondaryRights))],
    )
    billing_mandate = peewee.BooleanField(default=False)
    created_at = UTCDateTimeField()
    modified_at = UTCDateTimeField(null=True)
    version = peewee.IntegerField(default=1)

    search_raison_sociale = peewee.CharField(max_length=255, default="", index=True)
    search_ville = peewee.CharField(max_length=100, default="", index=True)
    search_libelle = peewee.CharField(max_length=255, default="", index=True)
    search_nom = peewee.CharField(max_length=100, default="", index=True)
    search_prenom = peewee.CharField(max_length=100, default="", index=True)

    class Meta:
        indexes = ((("status", "search_raison_sociale"), False),)


class Service(BaseModel):
    """A sub-unit of a structure (code + libellé), e.g. MOBURB Mobilier Urbain."""

    structure = peewee.ForeignKeyField(Structure, backref="services", on_delete="CASCADE")
    code = peewee.CharField(max_length=40)
    libelle = peewee.CharField(max_length=255)
    active = peewee.BooleanField(default=True)
    created_at = UTCDateTimeField()
    search_libelle = peewee.CharField(max_length=255, default="", index=True)

    class Meta:
        indexes = ((("structure", "code"), True),)


class Space(BaseModel):
    """A set of functions (« espace »): Factures émises, Mon Compte…"""

    code = peewee.CharField(max_length=40, unique=True)
    position = peewee.IntegerField(default=0)


class StructureSpace(BaseModel):
    """A space opened at structure level (M7d)."""

    structure = peewee.ForeignKeyField(Structure, backref="spaces", on_delete="CASCADE")
    space = peewee.ForeignKeyField(Space, on_delete="CASCADE")
    created_at = UTCDateTimeField()

    class Meta:
        indexes = ((("structure", "space"), True),)
