"""``chorus-tui copy-database``: every row of one chorus-tui database (usually the SQLite file)
copied into an empty other one (usually PostgreSQL), in one transaction.

The source is read table by table through raw cursors (in batches, so memory stays flat) and each
value goes through its model field both ways, so SQLite's 0/1 become booleans, its text dates
become timestamps, and so on. Tables are written in dependency order (parents first); a foreign
key to a row not written yet (a structure's successor, a user's technical structure) is written
empty and set once every table is in. Then PostgreSQL's sequences are moved past the copied ids
and the invariant and integrity checks run on the copy.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from chorus_tui.db import DatabaseOpenError, connect, create_tables, has_schema, redact
from chorus_tui.domain.invariant import Violation, all_violations
from chorus_tui.models import ALL_MODELS, DocumentType, SchemaVersion, Space, database

BATCH_ROWS = 1000
# Rows a brand-new schema holds before any use: they may be replaced by the source's.
REFERENCE_MODELS = (SchemaVersion, Space, DocumentType)


class CopyError(Exception):
    """The copy was refused or failed; ``str()`` is a message for an operator. Nothing was
    written to the target."""


@dataclass
class CopyReport:
    target: str
    rows: dict[str, int] = field(default_factory=dict)
    current: str = ""  # the table being copied
    violations: list[Violation] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_order(models=ALL_MODELS) -> list[type[peewee.Model]]:
    """Parents before children (peewee's topological sort of the foreign keys)."""
    return peewee.sort_models(models)


def deferred_keys(model, written: set) -> list[peewee.ForeignKeyField]:
    """The foreign keys of ``model`` whose target table is not entirely written before it
    (itself, or a later table): written NULL first, set afterwards."""
    late = [
        key for key in model._meta.refs if key.rel_model is model or key.rel_model not in written
    ]
    for key in late:
        if not key.null:
            raise CopyError(f"cannot order the copy: {model.__name__}.{key.name} is required")
    return late


def copy_database(
    source: peewee.Database,
    target_url: str,
    *,
    batch_rows: int = BATCH_ROWS,
    progress: Callable[[str, int], None] | None = None,
) -> CopyReport:
    """Copy every row of ``source`` (a chorus-tui database at the latest schema version, bound
    to the models) into the empty database at ``target_url``. The models stay bound to
    ``source``. Raises :class:`CopyError` (or :class:`DatabaseOpenError`)."""
    started = time.monotonic()
    shown = redact(target_url)
    target = connect(target_url)
    try:
        if _same_database(source, target):
            raise CopyError("the target is the database being copied")
        report = CopyReport(target=shown)
        bound = target.bind_ctx(ALL_MODELS, bind_refs=False, bind_backrefs=False)
        # One read transaction on the source: a consistent snapshot even while operators work.
        try:
            with source.atomic(), bound, target.atomic():
                _prepare_target(target, shown)
                _copy_rows(source, target, batch_rows, report, progress)
                reset_sequences(target)
        except peewee.DatabaseError as error:
            table = report.current or "the schema"
            first = " ".join(str(error).splitlines()[0].split()) if str(error) else repr(error)
            raise CopyError(
                f"the copy failed on {table}, nothing was written to {shown}: {first}"
            ) from None
        report.violations = _check(source, target)
        report.seconds = time.monotonic() - started
        return report
    finally:
        target.close()


def _same_database(source: peewee.Database, target: peewee.Database) -> bool:
    if type(source) is not type(target):
        return False
    if isinstance(source, peewee.SqliteDatabase):
        return Path(source.database).resolve() == Path(target.database).resolve()
    keys = ("host", "port")
    return source.database == target.database and all(
        source.connect_params.get(key) == target.connect_params.get(key) for key in keys
    )


def _prepare_target(target: peewee.Database, shown: str) -> None:
    """Refuses a target holding data; creates the tables (and the search indexes) of an empty
    one. Reference rows of a brand-new schema are removed: the source's replace them."""
    if not has_schema(target):
        stray = [m._meta.table_name for m in ALL_MODELS if target.table_exists(m._meta.table_name)]
        if stray:
            raise CopyError(f"{shown} is not empty: it has the table(s) {', '.join(stray)}")
        create_tables(target)
        return
    for model in ALL_MODELS:
        if model in REFERENCE_MODELS or not target.table_exists(model._meta.table_name):
            continue
        if model.select().exists():
            raise CopyError(
                f"{shown} already holds data (table {model._meta.table_name}); "
                "copy into an empty database"
            )
    missing = [
        m._meta.table_name for m in ALL_MODELS if not target.table_exists(m._meta.table_name)
    ]
    if missing:
        raise CopyError(
            f"{shown} has an older or foreign schema (no table {', '.join(missing)}); "
            "copy into an empty database"
        )
    for model in reversed(copy_order(REFERENCE_MODELS)):
        model.delete().execute()


def _copy_rows(source, target, batch_rows, report, progress) -> None:
    written: set = set()
    pending: list[tuple[type[peewee.Model], list[peewee.ForeignKeyField]]] = []
    for model in copy_order():
        report.current = model._meta.table_name
        late = deferred_keys(model, written)
        fields = model._meta.sorted_fields
        blank = [index for index, f in enumerate(fields) if any(f is key for key in late)]
        columns = ", ".join(f'"{f.column_name}"' for f in fields)
        marks = ", ".join(target.param for _ in fields)
        insert = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
        count = 0
        for rows in _read(source, model, batch_rows):
            for index in blank:
                for row in rows:
                    row[index] = None
            with peewee.__exception_wrapper__:
                target.cursor().executemany(insert, rows)
            count += len(rows)
            if progress is not None:
                progress(model._meta.table_name, count)
        report.rows[model._meta.table_name] = count
        written.add(model)
        if late:
            pending.append((model, late))
    for model, late in pending:
        report.current = model._meta.table_name
        _set_late_keys(source, model, late)
    report.current = ""


def _read(source: peewee.Database, model, size: int) -> Iterator[list[list]]:
    """The rows of ``model``'s table in ``source``, by id, each value read by its field as the
    source stores it and written back as the target expects it (the models are bound to the
    target)."""
    fields = model._meta.sorted_fields
    converters = [(f.python_value, f.db_value) for f in fields]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    primary = model._meta.primary_key.column_name
    cursor = source.execute_sql(
        f'SELECT {columns} FROM "{model._meta.table_name}" ORDER BY "{primary}"'
    )
    while True:
        raw = cursor.fetchmany(size)
        if not raw:
            return
        yield [
            [write(read(value)) for (read, write), value in zip(converters, row, strict=True)]
            for row in raw
        ]


def _set_late_keys(source: peewee.Database, model, late: list[peewee.ForeignKeyField]) -> None:
    columns = ", ".join(f'"{key.column_name}"' for key in late)
    primary = model._meta.primary_key
    where = " OR ".join(f'"{key.column_name}" IS NOT NULL' for key in late)
    cursor = source.execute_sql(
        f'SELECT "{primary.column_name}", {columns} FROM "{model._meta.table_name}" WHERE {where}'
    )
    for row in cursor.fetchall():
        values = dict(zip(late, row[1:], strict=True))
        model.update(values).where(primary == row[0]).execute()


def reset_sequences(target: peewee.Database) -> None:
    """PostgreSQL: each table's id sequence goes past the largest id copied (explicit ids do
    not move it). SQLite needs nothing."""
    if not isinstance(target, peewee.PostgresqlDatabase):
        return
    for model in ALL_MODELS:
        key = model._meta.primary_key
        if not isinstance(key, peewee.AutoField):
            continue
        table, column = model._meta.table_name, key.column_name
        target.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)'
        )


def _check(source: peewee.Database, target: peewee.Database) -> list[Violation]:
    """The invariant and integrity checks, run on the copy (the models are bound to it for the
    while)."""
    database.initialize(target)
    try:
        return all_violations()
    finally:
        database.initialize(source)


__all__ = [
    "CopyError",
    "CopyReport",
    "DatabaseOpenError",
    "copy_database",
    "copy_order",
    "reset_sequences",
]
