"""Trigram indexes (SQLite FTS5) over folded name columns, for searches with a leading ``*``
(« *menuiserie* »): a B-tree index only helps a known prefix, a trigram index finds any
substring of three characters or more without reading every row.

Each index is an external-content FTS5 table over one ``search_*`` column, kept in step by
triggers, so raw bulk inserts (``seed --scale``) fill it too. Other databases have none (a search
then reads the column)."""

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


def has_trigrams(db: peewee.Database) -> bool:
    return isinstance(db, peewee.SqliteDatabase)


def create_trigram_indexes(db: peewee.Database, *, rebuild: bool = False) -> None:
    """Create the indexes and their triggers (SQLite only); ``rebuild`` fills them from the rows
    already there (a migrated database)."""
    if not has_trigrams(db):
        return
    for index in TRIGRAM_INDEXES:
        for statement in index.ddl():
            db.execute_sql(statement)
        if rebuild:
            db.execute_sql(f'INSERT INTO "{index.name}"("{index.name}") VALUES (\'rebuild\')')
