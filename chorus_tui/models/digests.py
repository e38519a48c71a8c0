"""Which notification digests were built (F3): one row per user, kind and period, so that running
``chorus-tui notify`` twice for the same period queues nothing the second time."""

from __future__ import annotations

import peewee

from chorus_tui.models.base import BaseModel, UTCDateTimeField, in_check
from chorus_tui.models.journal import OutboxMail
from chorus_tui.models.users import User

DIGEST_KINDS = ("daily", "weekly")


class DigestRun(BaseModel):
    """The digest ``kind`` of the period starting ``period_start`` (a Europe/Paris date: the day,
    or the Monday of the week) was queued for ``user`` as ``mail``."""

    user = peewee.ForeignKeyField(User, backref="+", on_delete="CASCADE")
    kind = peewee.CharField(max_length=8, constraints=[in_check("kind", DIGEST_KINDS)])
    period_start = peewee.DateField()
    created_at = UTCDateTimeField()
    mail = peewee.ForeignKeyField(OutboxMail, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        indexes = ((("user", "kind", "period_start"), True),)
