"""The schema version of the database (one row)."""

from __future__ import annotations

import peewee

from chorus_tui.models.base import BaseModel


class SchemaVersion(BaseModel):
    version = peewee.IntegerField()
