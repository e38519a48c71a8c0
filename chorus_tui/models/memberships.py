"""Memberships (« rattachements ») and subscriptions (« abonnements aux espaces »)."""

from __future__ import annotations

import peewee

from chorus_tui.models.base import BaseModel, UTCDateTimeField, in_check
from chorus_tui.models.codes import (
    Habilitation,
    MembershipStatus,
    Role,
    ServiceLineStatus,
    SubscriptionStatus,
    values,
)
from chorus_tui.models.structures import Service, Space, Structure
from chorus_tui.models.users import User


class Membership(BaseModel):
    """The link user ↔ structure, with a role, validity dates and per-service lines."""

    user = peewee.ForeignKeyField(User, backref="memberships", on_delete="CASCADE")
    structure = peewee.ForeignKeyField(Structure, backref="memberships", on_delete="CASCADE")
    role = peewee.CharField(max_length=32, constraints=[in_check("role", values(Role))])
    status = peewee.CharField(
        max_length=32, constraints=[in_check("status", values(MembershipStatus))]
    )
    start_date = peewee.DateField()
    end_date = peewee.DateField(null=True)
    comment = peewee.CharField(max_length=255, default="")
    whole_structure = peewee.BooleanField(default=True)
    requested_at = UTCDateTimeField()
    decided_at = UTCDateTimeField(null=True)
    decided_by = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    motif = peewee.CharField(max_length=255, default="")
    version = peewee.IntegerField(default=1)

    class Meta:
        indexes = (
            (("structure", "status"), False),
            (("user", "status"), False),
        )


class MembershipService(BaseModel):
    """One service of a membership, with its own status."""

    membership = peewee.ForeignKeyField(Membership, backref="service_lines", on_delete="CASCADE")
    service = peewee.ForeignKeyField(Service, on_delete="CASCADE")
    status = peewee.CharField(
        max_length=32, constraints=[in_check("status", values(ServiceLineStatus))]
    )

    class Meta:
        indexes = ((("membership", "service"), True),)


class Subscription(BaseModel):
    """A user's right on a space of a structure (optionally one service)."""

    user = peewee.ForeignKeyField(User, backref="subscriptions", on_delete="CASCADE")
    structure = peewee.ForeignKeyField(Structure, backref="subscriptions", on_delete="CASCADE")
    service = peewee.ForeignKeyField(Service, null=True, on_delete="CASCADE")
    space = peewee.ForeignKeyField(Space, on_delete="CASCADE")
    habilitation = peewee.CharField(
        max_length=32, constraints=[in_check("habilitation", values(Habilitation))]
    )
    status = peewee.CharField(
        max_length=32, constraints=[in_check("status", values(SubscriptionStatus))]
    )
    effective_date = peewee.DateField()
    comment = peewee.CharField(max_length=255, default="")
    automatic = peewee.BooleanField(default=False)
    requested_at = UTCDateTimeField()
    decided_at = UTCDateTimeField(null=True)
    decided_by = peewee.ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    motif = peewee.CharField(max_length=255, default="")
    ended_at = UTCDateTimeField(null=True)
    version = peewee.IntegerField(default=1)

    class Meta:
        indexes = (
            (("user", "structure"), False),
            (("structure", "status"), False),
        )


# The database itself guards the principal-manager invariant's « at most one » half, and the
# « no duplicate pending or validated request » rule of F4.
Membership.add_index(
    Membership.index(Membership.structure, unique=True, name="membership_one_principal").where(
        (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
        & (Membership.status == MembershipStatus.VALIDEE)
    )
)
Membership.add_index(
    Membership.index(
        Membership.user, Membership.structure, unique=True, name="membership_one_live_per_structure"
    ).where(
        Membership.status.in_([MembershipStatus.EN_COURS_DE_VALIDATION, MembershipStatus.VALIDEE])
    )
)
