"""The notification digests (F3) remember what they queued: the table ``digest_run``, one row
per user, kind (``daily``/``weekly``) and period, unique, so that ``chorus-tui notify`` run twice
for the same period queues nothing the second time.

The table is described here as it was at version 4 (not by importing the current model), so this
migration keeps creating the same table whatever later versions change."""

from __future__ import annotations

import peewee

from chorus_tui.models.base import UTCDateTimeField, in_check


def up(migrator, db: peewee.Database) -> None:
    class User(peewee.Model):
        class Meta:
            database = db
            table_name = "user"

    class OutboxMail(peewee.Model):
        class Meta:
            database = db
            table_name = "outbox_mail"

    class DigestRun(peewee.Model):
        user = peewee.ForeignKeyField(User, backref="+", on_delete="CASCADE")
        kind = peewee.CharField(max_length=8, constraints=[in_check("kind", ("daily", "weekly"))])
        period_start = peewee.DateField()
        created_at = UTCDateTimeField()
        mail = peewee.ForeignKeyField(OutboxMail, null=True, on_delete="SET NULL", backref="+")

        class Meta:
            database = db
            table_name = "digest_run"
            indexes = ((("user", "kind", "period_start"), True),)

    DigestRun.create_table(safe=True)
