"""Attachments stored on an account (« pièces jointes »)."""

from __future__ import annotations

import peewee

from chorus_tui.models.base import BaseModel, UTCDateTimeField
from chorus_tui.models.users import User


class DocumentType(BaseModel):
    """The list of attachment types (« Divers »…), stored in the database."""

    code = peewee.CharField(max_length=40, unique=True)
    label_fr = peewee.CharField(max_length=100)
    label_en = peewee.CharField(max_length=100)
    position = peewee.IntegerField(default=0)


class Document(BaseModel):
    user = peewee.ForeignKeyField(User, backref="documents", on_delete="CASCADE")
    type = peewee.ForeignKeyField(DocumentType, on_delete="RESTRICT")
    designation = peewee.CharField(max_length=255)
    filename = peewee.CharField(max_length=255)
    extension = peewee.CharField(max_length=20, default="")
    size = peewee.IntegerField()
    sha256 = peewee.CharField(max_length=64)
    content = peewee.BlobField()
    created_at = UTCDateTimeField()
    modified_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("user", "created_at"), False),)
