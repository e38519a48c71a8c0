"""Accounts, their login attempts and their activation codes."""

from __future__ import annotations

import peewee

from chorus_tui.models.base import BaseModel, UTCDateTimeField, in_check
from chorus_tui.models.codes import AccountStatus, CodePurpose, values
from chorus_tui.models.structures import Structure


class User(BaseModel):
    """A person's account (« compte utilisateur »), or a technical user of a structure."""

    login = peewee.CharField(max_length=255, unique=True)
    email = peewee.CharField(max_length=255, default="")
    nom = peewee.CharField(max_length=100, default="")
    prenom = peewee.CharField(max_length=100, default="")
    adresse = peewee.CharField(max_length=255, default="")
    complement1 = peewee.CharField(max_length=255, default="")
    complement2 = peewee.CharField(max_length=255, default="")
    code_postal = peewee.CharField(max_length=10, default="")
    ville = peewee.CharField(max_length=100, default="")
    pays = peewee.CharField(max_length=2, default="FR")
    telephone = peewee.CharField(max_length=30, default="")
    fax = peewee.CharField(max_length=30, default="")
    language = peewee.CharField(
        max_length=2, default="FR", constraints=[in_check("language", ("FR", "EN"))]
    )
    notifications = peewee.BooleanField(default=False)

    status = peewee.CharField(
        max_length=32,
        default=AccountStatus.ACTIF,
        constraints=[in_check("status", values(AccountStatus))],
    )
    created_at = UTCDateTimeField()
    activated_at = UTCDateTimeField(null=True)
    reactivated_at = UTCDateTimeField(null=True)
    deactivated_at = UTCDateTimeField(null=True)
    modified_at = UTCDateTimeField(null=True)
    last_login_at = UTCDateTimeField(null=True)
    previous_login_at = UTCDateTimeField(null=True)

    password_hash = peewee.CharField(max_length=255, null=True)
    password_changed_at = UTCDateTimeField(null=True)
    secret_question = peewee.CharField(max_length=255, default="")
    secret_answer_hash = peewee.CharField(max_length=255, null=True)
    failed_attempts = peewee.IntegerField(default=0)
    locked_until = UTCDateTimeField(null=True)

    is_referential = peewee.BooleanField(default=False)
    is_technical = peewee.BooleanField(default=False)
    info_completed = peewee.BooleanField(default=True)
    technical_structure = peewee.ForeignKeyField(
        Structure, null=True, on_delete="CASCADE", backref="technical_users"
    )

    version = peewee.IntegerField(default=1)

    # Lower-cased, accent-folded copies of the searchable columns (SQLite LIKE folds ASCII only).
    search_nom = peewee.CharField(max_length=100, default="", index=True)
    search_prenom = peewee.CharField(max_length=100, default="", index=True)
    search_login = peewee.CharField(max_length=255, default="", index=True)
    search_email = peewee.CharField(max_length=255, default="", index=True)
    search_ville = peewee.CharField(max_length=100, default="", index=True)
    search_adresse = peewee.CharField(max_length=255, default="")

    class Meta:
        indexes = (
            (("status", "search_nom"), False),
            (("code_postal",), False),
            (("pays",), False),
        )

    @property
    def display_name(self) -> str:
        """« Prénom NOM » as the banner shows it."""
        return f"{self.prenom} {self.nom}".strip()

    @property
    def formal_name(self) -> str:
        """« NOM Prénom » as the guides' tables and windows write it."""
        return f"{self.nom} {self.prenom}".strip()


class LoginAttempt(BaseModel):
    """Every login attempt, kept for the audit (F0)."""

    at = UTCDateTimeField(index=True)
    login = peewee.CharField(max_length=255)
    user = peewee.ForeignKeyField(User, null=True, backref="login_attempts", on_delete="CASCADE")
    success = peewee.BooleanField()
    outcome = peewee.CharField(max_length=40)

    class Meta:
        indexes = ((("user", "at"), False),)


class ActivationCode(BaseModel):
    """A single-use activation code; only its hash is stored (F8, M8)."""

    user = peewee.ForeignKeyField(User, backref="activation_codes", on_delete="CASCADE")
    code_hash = peewee.CharField(max_length=64, unique=True)
    purpose = peewee.CharField(
        max_length=16, constraints=[in_check("purpose", values(CodePurpose))]
    )
    created_at = UTCDateTimeField()
    expires_at = UTCDateTimeField()
    used_at = UTCDateTimeField(null=True)
    voided_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("user", "used_at"), False),)
