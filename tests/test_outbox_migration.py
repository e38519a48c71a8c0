"""SPEC §8: m0005 gives older databases' outbox the delivery columns (retry time, Message-ID),
keeping the mails already queued."""

from __future__ import annotations

import pytest

from chorus_tui.db import open_database, prepare_schema
from chorus_tui.db.migrations import migrate
from chorus_tui.models import OutboxMail, SchemaVersion, database
from chorus_tui.models.codes import MailStatus
from tests.conftest import FIXED_NOW


@pytest.fixture
def fresh(tmp_path):
    handle = open_database(str(tmp_path / "m.sqlite3"))
    prepare_schema(handle)
    yield handle
    handle.close()
    database.initialize(None)


def schema_of(db, table: str) -> tuple[set[str], set[tuple[str, ...]]]:
    names = {column.name for column in db.get_columns(table)}
    indexes = {tuple(index.columns) for index in db.get_indexes(table)}
    return names, indexes


def test_an_older_outbox_gets_the_delivery_columns_and_keeps_its_mails(fresh):
    db = fresh
    expected = schema_of(db, "outbox_mail")
    mail = OutboxMail.create(
        created_at=FIXED_NOW, to_address="a@b.fr", kind="k", subject="Réactivation", body="Bonjour"
    )
    for column in ("next_attempt_at", "message_id"):
        db.execute_sql(f'ALTER TABLE "outbox_mail" DROP COLUMN "{column}"')
    SchemaVersion.update(version=4).execute()
    assert "next_attempt_at" not in schema_of(db, "outbox_mail")[0]
    assert "m0005_outbox_delivery" in migrate(db)
    assert schema_of(db, "outbox_mail") == expected
    row = OutboxMail.get_by_id(mail.id)
    assert (row.subject, row.status, row.message_id, row.next_attempt_at) == (
        "Réactivation",
        MailStatus.PENDING,
        "",
        None,
    )
