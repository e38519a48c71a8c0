"""A trigram index over the structures' folded names, so that « *menuiserie* » does not read
every structure (F4 search at 100,000 structures)."""

from __future__ import annotations

import peewee

from chorus_tui.models.trigrams import create_trigram_indexes


def up(migrator, db: peewee.Database) -> None:
    create_trigram_indexes(db, rebuild=True)
