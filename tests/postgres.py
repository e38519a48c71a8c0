"""A throw-away PostgreSQL cluster for the tests (SPEC §8: the domain suite runs on PostgreSQL too).

``PostgresCluster.start()`` runs Debian's ``initdb`` in a temporary folder (as the ``postgres``
user when the tests run as root, since PostgreSQL refuses to run as root) and ``pg_ctl start`` on a
free loopback port, with durability off (the data is thrown away). It is stopped and its folder
removed at the end of the session, at interpreter exit, and — through a small watchdog process —
even when the test process is killed. Each xdist worker starts its own cluster.

A test database is a copy of a template that holds the schema: ``CREATE DATABASE … TEMPLATE``
costs a few milliseconds, far less than creating the schema again.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

USER = "chorus"
TEMPLATE = "chorus_template"
SERVER_SETTINGS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c max_connections=40 -c shared_buffers=32MB"
)


class PostgresUnavailable(RuntimeError):
    """PostgreSQL is not installed or does not start: the message says what to do."""


def find_bin_dir() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``: ``$PG_BIN``, Debian's newest, or the PATH."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable(
        "PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin nor on the PATH "
        "(apt-get install postgresql — ./test.sh does it when run as root)"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresCluster:
    def __init__(self) -> None:
        self.bin_dir = find_bin_dir()
        self.folder = Path(tempfile.mkdtemp(prefix="chorus-pg-"))
        self.data = self.folder / "data"
        self.port = 0
        self.as_root = os.geteuid() == 0
        self._watchdog: subprocess.Popen | None = None
        self._numbers = itertools.count(1)
        self._admin = None

    # -- life cycle -------------------------------------------------------------------------

    def _command(self, name: str, *args: str) -> list[str]:
        command = [str(self.bin_dir / name), *args]
        return ["runuser", "-u", "postgres", "--", *command] if self.as_root else command

    def _run(self, name: str, *args: str) -> None:
        result = subprocess.run(
            self._command(name, *args), capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PostgresUnavailable(
                f"{name} failed ({result.returncode}): {result.stderr.strip()} {tail}".strip()
            )

    def start(self) -> PostgresCluster:
        atexit.register(self.stop)
        self._start_watchdog()
        if self.as_root:
            try:
                shutil.chown(self.folder, "postgres", "postgres")
            except LookupError:
                raise PostgresUnavailable(
                    "running as root needs the « postgres » user to own the cluster "
                    "(Debian's postgresql package creates it)"
                ) from None
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", USER, "--no-sync",
            "-E", "UTF8", "--locale=C",
        )  # fmt: skip
        for attempt in range(5):
            self.port = free_port()
            try:
                self._run(
                    "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                    "-o", f"-k {self.folder} -p {self.port} {SERVER_SETTINGS}", "-w", "start",
                )  # fmt: skip
                break
            except PostgresUnavailable:
                if attempt == 4:
                    raise
        return self

    def _start_watchdog(self) -> None:
        """Stops the cluster and removes its folder once this process is gone, however it ends."""
        stop = " ".join(self._command("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop"))
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
            f"{stop} >/dev/null 2>&1; rm -rf {self.folder}"
        )
        self._watchdog = subprocess.Popen(
            ["sh", "-c", script],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def stop(self) -> None:
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self._admin.close()
            self._admin = None
        if self.data.exists():
            with contextlib.suppress(Exception):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._watchdog is not None:
            with contextlib.suppress(ProcessLookupError):
                self._watchdog.kill()
            self._watchdog.wait()
            self._watchdog = None

    # -- databases --------------------------------------------------------------------------

    def url(self, name: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{name}"

    def admin(self):
        """An autocommit connection to the ``postgres`` database, for CREATE/DROP DATABASE."""
        import psycopg

        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(self.url("postgres"), autocommit=True)
        return self._admin

    def create_database(self, template: str | None = None) -> str:
        name = f"t{os.getpid()}_{next(self._numbers)}"
        source = f" TEMPLATE {template}" if template else ""
        self.admin().execute(f'CREATE DATABASE "{name}"{source}')
        return name

    def drop_database(self, name: str) -> None:
        self.admin().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def create_template(self) -> str:
        """A database with the schema and the reference data, and a copy of its rows (schema
        ``snapshot``) and of its schema's fingerprint, from which test databases are made."""
        from chorus_tui.db import open_database, prepare_schema
        from chorus_tui.models import database

        self.admin().execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
        self.admin().execute(f'CREATE DATABASE "{TEMPLATE}"')
        handle = open_database(self.url(TEMPLATE))
        try:
            prepare_schema(handle)
        finally:
            handle.close()
            database.initialize(None)
        import psycopg

        with psycopg.connect(self.url(TEMPLATE), autocommit=True) as connection:
            connection.execute("CREATE SCHEMA snapshot")
            for table in public_tables(connection):
                connection.execute(
                    f'CREATE TABLE snapshot."{table}" AS SELECT * FROM public."{table}"'
                )
        return TEMPLATE


SCHEMA_FINGERPRINT = """
SELECT md5(string_agg(item, ',' ORDER BY item)) FROM (
    SELECT 'i ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL
    SELECT 'c ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
        || ' ' || a.attnotnull
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0
        AND NOT a.attisdropped
    UNION ALL
    SELECT 'k ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace
) AS items(item)
"""

SEQUENCES = """
SELECT s.relname, t.relname, a.attname
FROM pg_class s
JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a'
JOIN pg_class t ON t.oid = d.refobjid
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
WHERE s.relkind = 'S' AND s.relnamespace = 'public'::regnamespace
"""


def public_tables(connection) -> list[str]:
    rows = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return [table for (table,) in rows]


class TestDatabase:
    """One database per worker, brought back to the template's state after each test: every
    row deleted, the template's rows copied back from ``snapshot``, the sequences restarted
    (a few milliseconds, where CREATE DATABASE takes most of a second on a busy machine). When
    a test changed the schema (dropped an index…) or left a lock behind, the database is made
    again from the template."""

    __test__ = False  # not a pytest test class

    def __init__(self, cluster: PostgresCluster, template: str) -> None:
        self.cluster = cluster
        self.template = template
        self.name = f"test_{os.getpid()}"
        self._connection = None
        self._create()

    @property
    def url(self) -> str:
        return self.cluster.url(self.name)

    def _create(self) -> None:
        import psycopg

        self.cluster.drop_database(self.name)
        self.cluster.admin().execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template}"')
        self._connection = psycopg.connect(self.url, autocommit=True)
        self._connection.execute("SET lock_timeout = '5s'")
        self._fingerprint = self._connection.execute(SCHEMA_FINGERPRINT).fetchone()[0]
        tables = public_tables(self._connection)
        saved = set(
            table
            for (table,) in self._connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'snapshot'"
            )
        )
        restart = [
            f"SELECT setval('public.\"{sequence}\"', "
            f'COALESCE((SELECT max("{column}") FROM public."{table}"), 0) + 1, false);'
            for sequence, table, column in self._connection.execute(SEQUENCES)
        ]
        self._reset_sql = (
            "SET session_replication_role = replica; BEGIN;"
            + "".join(f'DELETE FROM public."{table}";' for table in tables)
            + "".join(
                f'INSERT INTO public."{table}" SELECT * FROM snapshot."{table}";'
                for table in tables
                if table in saved
            )
            + "".join(restart)
            + "COMMIT; SET session_replication_role = origin;"
        )

    def reset(self) -> None:
        import psycopg

        try:
            changed = (
                self._connection.execute(SCHEMA_FINGERPRINT).fetchone()[0] != self._fingerprint
            )
            if not changed:
                self._connection.execute(self._reset_sql)
                return
        except psycopg.Error:
            pass
        self.close()
        self._create()

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None


_shared: dict[str, object] = {}


def shared_cluster() -> PostgresCluster:
    """This process's cluster, started on first use and stopped at exit: one per xdist worker
    however many test folders import the fixtures. A cluster that cannot start fails every
    test that needs it, with the reason (never a skip: CI installs PostgreSQL)."""
    if "error" in _shared:
        pytest.fail(str(_shared["error"]), pytrace=False)
    if "cluster" not in _shared:
        try:
            _shared["cluster"] = PostgresCluster().start()
        except (PostgresUnavailable, OSError, subprocess.SubprocessError) as error:
            _shared["error"] = f"cannot start PostgreSQL for the tests: {error}"
            pytest.fail(str(_shared["error"]), pytrace=False)
    return _shared["cluster"]


@pytest.fixture(scope="session")
def postgres_cluster() -> PostgresCluster:
    return shared_cluster()


@pytest.fixture(scope="session")
def postgres_template(postgres_cluster) -> str:
    if "template" not in _shared:
        _shared["template"] = postgres_cluster.create_template()
    return _shared["template"]


@pytest.fixture(scope="session")
def postgres_test_database(postgres_cluster, postgres_template) -> TestDatabase:
    if "database" not in _shared:
        _shared["database"] = TestDatabase(postgres_cluster, postgres_template)
    return _shared["database"]


@pytest.fixture
def postgres_url(postgres_cluster):
    """The URL of a brand-new, empty PostgreSQL database, dropped after the test."""
    name = postgres_cluster.create_database()
    yield postgres_cluster.url(name)
    postgres_cluster.drop_database(name)


if __name__ == "__main__":  # pragma: no cover - a manual check: python -m tests.postgres
    cluster = PostgresCluster().start()
    print(cluster.url("postgres"), file=sys.stderr)
    cluster.stop()
