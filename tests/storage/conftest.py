"""A real PostgreSQL for the storage tests, started with postgres/pg (as `make pg-start` does)
in a throw-away directory on a free port. A missing PostgreSQL is a failure, not a skip: CI must
run these tests (`make test-deps` installs Debian's postgresql)."""

from pathlib import Path
from tests.helpers import free_port

import os
import pytest
import shutil
import subprocess
import sys
import tempfile
import uuid


ROOT = Path(__file__).resolve().parents[2]
PG = ROOT / "postgres" / "pg"
BIN = Path(sys.executable).parent


class Postgres:
    """The session's PostgreSQL server; ``database()`` creates a new, empty database."""

    def __init__(self, directory, port):
        self.directory, self.port = directory, port

    def pg(self, *args, database="plone"):
        env = dict(os.environ, PGDATABASE_PLONE=database)
        done = subprocess.run(
            [str(PG), *args, "--dir", str(self.directory), "--port", str(self.port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"postgres/pg {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout.strip()

    def database(self):
        name = f"plone_{uuid.uuid4().hex[:8]}"
        self.pg("start", database=name)  # running already: creates the database only
        return name, self.pg("dsn", database=name)

    def sql(self, database, statement):
        env = dict(os.environ, PGPASSWORD="plone")
        done = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "plone", "-d", database, "-tAc", statement],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()


def serve_postgres(prefix):
    """A generator for fixtures: a PostgreSQL server started on a free port in a new directory,
    stopped and removed after. Not under pytest's tmp_path (mode 0700): the server runs as the
    postgres user when the tests run as root, and must reach its directory."""
    base = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(base, 0o755)
    server = Postgres(base / "data", free_port())
    server.pg("start")
    yield server
    server.pg("stop")
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    yield from serve_postgres("strategicplan-pg-")


def run(*args, cwd, timeout=300):
    """A console script of the virtualenv, in ``cwd``."""
    env = dict(os.environ, zope_i18n_compile_mo_files="true")
    return subprocess.run(
        [str(BIN / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


def filestorage_instance(home):
    """A Zope instance on FileStorage written from etc/zope.conf.in, in ``home``."""
    for sub in ("filestorage", "blobstorage", "log", "cache"):
        (home / "var" / sub).mkdir(parents=True, exist_ok=True)
    (home / "etc").mkdir(exist_ok=True)
    conf = home / "etc" / "zope.conf"
    conf.write_text((ROOT / "etc" / "zope.conf.in").read_text().replace("@ROOT@", str(home)))
    return conf


def relstorage_instance(home, dsn, name="instance1"):
    """A Zope instance on RelStorage written from etc/zope-postgres.conf.in, in ``home``."""
    for sub in ("log", "cache", name):
        (home / "var" / sub).mkdir(parents=True, exist_ok=True)
    (home / "etc").mkdir(exist_ok=True)
    conf = home / "etc" / f"zope-postgres-{name}.conf"
    text = (ROOT / "etc" / "zope-postgres.conf.in").read_text()
    conf.write_text(text.replace("@ROOT@", str(home)).replace("@NAME@", name).replace("@DSN@", dsn))
    return conf
