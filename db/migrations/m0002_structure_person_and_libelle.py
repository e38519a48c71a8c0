"""Structures get a « Libellé » and, for a person (identifier type ``PARTICULIER``), a nom and
prénom — the criteria « Libellé de la structure », « Nom » and « Prénom » of the structure search
(F4) — with their folded, indexed search copies."""

from __future__ import annotations

import peewee
from playhouse.migrate import migrate

COLUMNS = (
    ("libelle", 255),
    ("nom", 100),
    ("prenom", 100),
    ("search_libelle", 255),
    ("search_nom", 100),
    ("search_prenom", 100),
)


def up(migrator, db: peewee.Database) -> None:
    operations = [
        migrator.add_column("structure", name, peewee.CharField(max_length=size, default=""))
        for name, size in COLUMNS
    ]
    operations += [
        migrator.add_index("structure", (name,), False)
        for name in ("search_libelle", "search_nom", "search_prenom")
    ]
    migrate(*operations)
