"""Trigram indexes (SQLite FTS5) over folded name columns, for searches with a leading ``*``
(« *menuiserie* »): a B-tree index only helps a known prefix, a trigram index finds any
substring of three characters or more without reading every row.

Each index is an external-content FTS5 table over one ``search_*`` column, kept in step by
triggers, so raw bulk inserts (``seed --scale``) fill it too.

On PostgreSQL the folded ``search_*`` columns of the structures and the users get GIN indexes of
the pg_trgm extension (shipped with Debian's ``postgresql`` package, as contrib elsewhere), which
serve ``LIKE '%menuiserie%'`` and ``LIKE 'menuiserie%'`` whatever the database's collation. When
the extension cannot be created (not installed, or a role without the right), the indexes are
left out and a search reads the column: slower on a big database, the same results."""

from __future__ import annotations

from dataclasses import dataclass

import peewee


@dataclass(frozen=True)
class TrigramIndex:
    table: str
    column: str

    @property
    def name(self) -> str:
        return f"{self.table}_{self.column}_trigrams"

    def ddl(self) -> list[str]:
        name, table, column = self.name, self.table, self.column
        insert = f'INSERT INTO "{name}"(rowid, "{column}") VALUES (new.id, new."{column}");'
        delete = (
            f'INSERT INTO "{name}"("{name}", rowid, "{column}") '
            f"VALUES ('delete', old.id, old.\"{column}\");"
        )
        trigger = f'CREATE TRIGGER IF NOT EXISTS "{name}'
        return [
            f'CREATE VIRTUAL TABLE IF NOT EXISTS "{name}" USING fts5("{column}", '
            f"tokenize='trigram', content='{table}', content_rowid='id')",
            f'{trigger}_ai" AFTER INSERT ON "{table}" BEGIN {insert} END',
            f'{trigger}_ad" AFTER DELETE ON "{table}" BEGIN {delete} END',
            f'{trigger}_au" AFTER UPDATE OF "{column}" ON "{table}" BEGIN {delete} {insert} END',
        ]


STRUCTURE_NAMES = TrigramIndex("structure", "search_raison_sociale")
TRIGRAM_INDEXES = (STRUCTURE_NAMES,)


# PostgreSQL: the folded columns that get a pg_trgm GIN index.
PG_TRIGRAM_COLUMNS = (
    ("structure", "search_raison_sociale"),
    ("structure", "search_libelle"),
    ("structure", "search_nom"),
    ("structure", "search_prenom"),
    ("structure", "search_ville"),
    ("user", "search_nom"),
    ("user", "search_prenom"),
    ("user", "search_login"),
    ("user", "search_email"),
    ("user", "search_adresse"),
    ("user", "search_ville"),
)


def has_trigrams(db: peewee.Database) -> bool:
    """SQLite's FTS5 trigram tables exist (the query must join them)."""
    return isinstance(db, peewee.SqliteDatabase)


def pg_trigram_index_name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"


def create_trigram_indexes(db: peewee.Database, *, rebuild: bool = False) -> None:
    """Create the indexes and their triggers; ``rebuild`` fills them from the rows already there
    (a migrated database). On PostgreSQL, the pg_trgm indexes when the extension is there."""
    if isinstance(db, peewee.PostgresqlDatabase):
        create_pg_trigram_indexes(db)
        return
    if not has_trigrams(db):
        return
    for index in TRIGRAM_INDEXES:
        for statement in index.ddl():
            db.execute_sql(statement)
        if rebuild:
            db.execute_sql(f'INSERT INTO "{index.name}"("{index.name}") VALUES (\'rebuild\')')


def create_pg_trigram_indexes(db: peewee.Database) -> bool:
    """pg_trgm and its GIN indexes, inside the caller's transaction; False (and nothing changed)
    when the extension cannot be created."""
    try:
        with db.atomic():  # a savepoint: a refused extension does not abort the caller
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except peewee.DatabaseError:
        return False
    for table, column in PG_TRIGRAM_COLUMNS:
        name = pg_trigram_index_name(table, column)
        db.execute_sql(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
        )
    return True
