"""Outbox delivery (X4): when a failed mail may be tried again, and the Message-ID it keeps
across retries.

Adds only the columns that are missing, so that it may run over a table that has them already
(as when a test rewinds a current database's version to replay an earlier migration)."""

from __future__ import annotations

import peewee
from playhouse.migrate import migrate

from chorus_tui.models.base import UTCDateTimeField


def up(migrator, db: peewee.Database) -> None:
    columns = {
        "next_attempt_at": UTCDateTimeField(null=True),
        "message_id": peewee.CharField(max_length=255, default=""),
    }
    present = {column.name for column in db.get_columns("outbox_mail")}
    migrate(
        *(
            migrator.add_column("outbox_mail", name, field)
            for name, field in columns.items()
            if name not in present
        )
    )
