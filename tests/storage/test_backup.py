"""Backup and restore (docs/deploy/backup.md): a restored site exports exactly the plan that was
backed up, with its blobs, for FileStorage (repozo + blob tar) and RelStorage (pg_dump/pg_restore)."""

from imio.strategicplan.testing import SEED_FILE
from imio.strategicplan.testing import SEED_PLAN_ID
from pathlib import Path
from tests.helpers import ok
from tests.storage.conftest import filestorage_instance
from tests.storage.conftest import relstorage_instance
from tests.storage.conftest import ROOT
from tests.storage.conftest import run
from tests.storage.test_relstorage import ADD_FILE
from tests.storage.test_relstorage import READ_FILE

import json
import os
import pytest
import subprocess
import sys


pytestmark = pytest.mark.cli

CHANGE = f"""
# after the backup: the plan renamed, a value deleted, the file deleted
from zope.component.hooks import setSite
import transaction
site = app.Plone
setSite(site)
plan = site["{SEED_PLAN_ID}"]
plan.title = "Plan modifié après la sauvegarde"
plan.manage_delObjects(["valeur-cooperation"])
site.manage_delObjects(["annexe.pdf"])
transaction.commit()
"""


def _script(name, *args, env=None):
    env = dict(os.environ, BIN=str(Path(sys.executable).parent), **(env or {}))
    return ok(
        subprocess.run([str(ROOT / "scripts" / name), *args], env=env, capture_output=True, text=True, timeout=300)
    )


def _site(home, conf):
    ok(run("strategicplan-create-site", "--zope-conf", str(conf), "--password", "secret", cwd=home))
    ok(run("strategicplan-import", "--zope-conf", str(conf), str(SEED_FILE), cwd=home))
    for name, text in (("add_file.py", ADD_FILE), ("read_file.py", READ_FILE), ("change.py", CHANGE)):
        (home / name).write_text(text)
    ok(run("zconsole", "run", str(conf), str(home / "add_file.py"), cwd=home))


def _state(home, conf):
    """(the plan's export, the file's digest)."""
    plan = json.loads(ok(run("strategicplan-export", "--zope-conf", str(conf), SEED_PLAN_ID, cwd=home)))
    return plan, ok(run("zconsole", "run", str(conf), str(home / "read_file.py"), cwd=home))


def _change(home, conf, saved):
    ok(run("zconsole", "run", str(conf), str(home / "change.py"), cwd=home))
    changed = json.loads(ok(run("strategicplan-export", "--zope-conf", str(conf), SEED_PLAN_ID, cwd=home)))
    assert changed["plan"]["title"] == "Plan modifié après la sauvegarde" and changed != saved[0]


def test_filestorage_repozo(tmp_path):
    home = tmp_path
    conf = filestorage_instance(home)
    _site(home, conf)
    saved = _state(home, conf)
    _script("backup", "filestorage", "--var", str(home / "var"))
    _change(home, conf, saved)
    _script("restore", "filestorage", "--var", str(home / "var"))
    assert _state(home, conf) == saved
    # the restored Data.fs checks clean
    check = subprocess.run(
        [sys.executable, "-m", "ZODB.scripts.fstest", str(home / "var/filestorage/Data.fs")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0 and not check.stdout.strip(), check.stdout + check.stderr


def test_postgres_pg_dump(postgres, tmp_path):
    home = tmp_path
    database, dsn = postgres.database()
    conf = relstorage_instance(home, dsn)
    _site(home, conf)
    saved = _state(home, conf)
    env = {"PGDATABASE_PLONE": database}
    _script("backup", "postgres", "--port", str(postgres.port), "--to", str(home / "backups"), env=env)
    _change(home, conf, saved)
    _script("restore", "postgres", "--port", str(postgres.port), "--from", str(home / "backups"), env=env)
    assert _state(home, conf) == saved
