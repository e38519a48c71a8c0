"""Peewee tables: columns, constraints and indexes only — no business rule lives here."""

from chorus_tui.models.base import BaseModel, database
from chorus_tui.models.digests import DigestRun
from chorus_tui.models.documents import Document, DocumentType
from chorus_tui.models.journal import AuditEntry, Event, NewsItem, OutboxMail, SupportRequest
from chorus_tui.models.memberships import Membership, MembershipService, Subscription
from chorus_tui.models.meta import SchemaVersion
from chorus_tui.models.structures import Service, Space, Structure, StructureSpace
from chorus_tui.models.users import ActivationCode, LoginAttempt, User

ALL_MODELS: tuple[type[BaseModel], ...] = (
    SchemaVersion,
    User,
    Structure,
    Service,
    Space,
    StructureSpace,
    LoginAttempt,
    ActivationCode,
    Membership,
    MembershipService,
    Subscription,
    DocumentType,
    Document,
    AuditEntry,
    Event,
    OutboxMail,
    NewsItem,
    SupportRequest,
    DigestRun,
)

__all__ = [
    "ALL_MODELS",
    "ActivationCode",
    "AuditEntry",
    "BaseModel",
    "DigestRun",
    "Document",
    "DocumentType",
    "Event",
    "LoginAttempt",
    "Membership",
    "MembershipService",
    "NewsItem",
    "OutboxMail",
    "SchemaVersion",
    "Service",
    "Space",
    "Structure",
    "StructureSpace",
    "Subscription",
    "SupportRequest",
    "User",
    "database",
]
