"""The database handle shared by every model, and the base model."""

from __future__ import annotations

import datetime as dt

import peewee

database = peewee.DatabaseProxy()


class UTCDateTimeField(peewee.DateTimeField):
    """Stored as naive UTC (portable between SQLite and PostgreSQL), read back as aware UTC."""

    def db_value(self, value):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return super().db_value(value)

    def python_value(self, value):
        value = super().python_value(value)
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


def choices(*codes: str) -> tuple[tuple[str, str], ...]:
    return tuple((code, code) for code in codes)


def in_check(column: str, codes: tuple[str, ...]) -> peewee.Check:
    quoted = ", ".join(f"'{code}'" for code in codes)
    return peewee.Check(f"{column} IN ({quoted})")
