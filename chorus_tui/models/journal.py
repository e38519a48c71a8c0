"""What happened: history (audit), the events feed, the outbox, news and support requests."""

from __future__ import annotations

import peewee

from chorus_tui.models.base import BaseModel, UTCDateTimeField, in_check
from chorus_tui.models.codes import MailStatus, values
from chorus_tui.models.structures import Structure
from chorus_tui.models.users import User


class AuditEntry(BaseModel):
    """One manager action (« Historique », M12), kept forever."""

    at = UTCDateTimeField(index=True)
    actor = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    structure = peewee.ForeignKeyField(
        Structure, null=True, on_delete="SET NULL", backref="history"
    )
    target_user = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    action = peewee.CharField(max_length=40)
    motif = peewee.CharField(max_length=255, default="")
    details = peewee.TextField(default="{}")

    class Meta:
        indexes = ((("structure", "at"), False),)


class Event(BaseModel):
    """An item of a user's « Fil d'événements » (F1); rendered from its kind and params."""

    user = peewee.ForeignKeyField(User, backref="events", on_delete="CASCADE")
    at = UTCDateTimeField()
    kind = peewee.CharField(max_length=40)
    params = peewee.TextField(default="{}")

    class Meta:
        indexes = ((("user", "at"), False),)


class OutboxMail(BaseModel):
    """Every mail the system sends, stored in the transaction that caused it (X4).

    A sender claims a pending mail by stamping ``claimed_at``; a failed attempt leaves it pending
    until ``next_attempt_at`` (``chorus_tui.domain.outbox``). ``message_id`` is given at the first
    attempt and kept for the retries.
    """

    created_at = UTCDateTimeField(index=True)
    user = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    to_address = peewee.CharField(max_length=255)
    kind = peewee.CharField(max_length=40)
    subject = peewee.CharField(max_length=255)
    body = peewee.TextField()
    status = peewee.CharField(
        max_length=8,
        default=MailStatus.PENDING,
        constraints=[in_check("status", values(MailStatus))],
    )
    attempts = peewee.IntegerField(default=0)
    last_error = peewee.TextField(default="")
    claimed_at = UTCDateTimeField(null=True)
    sent_at = UTCDateTimeField(null=True)
    next_attempt_at = UTCDateTimeField(null=True)
    message_id = peewee.CharField(max_length=255, default="")

    class Meta:
        indexes = ((("status", "created_at"), False),)


class NewsItem(BaseModel):
    """« Actualités » shown on the home screen."""

    published_at = UTCDateTimeField(index=True)
    title_fr = peewee.CharField(max_length=255)
    body_fr = peewee.TextField(default="")
    title_en = peewee.CharField(max_length=255)
    body_en = peewee.TextField(default="")


class SupportRequest(BaseModel):
    """« Saisir une sollicitation » from a login that can no longer be reactivated (F0)."""

    number = peewee.CharField(max_length=32, unique=True)
    created_at = UTCDateTimeField()
    user = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    login = peewee.CharField(max_length=255)
    reason = peewee.CharField(max_length=40)
