"""RelStorage on a real PostgreSQL: a FileStorage site moved with zodbconvert exports the same
plan, its blobs land in PostgreSQL, and an instance serves it (docs/deploy/relstorage.md)."""

from imio.strategicplan.testing import SEED_FILE
from imio.strategicplan.testing import SEED_PLAN_ID
from tests.helpers import ok
from tests.storage.conftest import filestorage_instance
from tests.storage.conftest import relstorage_instance
from tests.storage.conftest import run

import json
import pytest


pytestmark = pytest.mark.cli

ADD_FILE = """
# a File with a blob in the plan, to be moved with the rest
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.component.hooks import setSite
import transaction
site = app.Plone
setSite(site)
with api.env.adopt_user(username="admin"):
    api.content.create(container=site, type="File", id="annexe.pdf", title="Annexe",
                       file=NamedBlobFile(data=b"%PDF-1.4 annexe " * 4096, filename="annexe.pdf"))
transaction.commit()
"""

READ_FILE = """
import hashlib
print("blob", hashlib.sha256(app.Plone["annexe.pdf"].file.data).hexdigest(), len(app.Plone["annexe.pdf"].file.data))
"""

CONVERT = """
<filestorage source>
  path {home}/var/filestorage/Data.fs
  blob-dir {home}/var/blobstorage
</filestorage>
%import relstorage
<relstorage destination>
  keep-history false
  shared-blob-dir false
  blob-dir {home}/var/blobcache-convert
  <postgresql>
    dsn {dsn}
  </postgresql>
</relstorage>
"""


def test_zodbconvert_moves_the_site_to_postgresql(postgres, tmp_path):
    home = tmp_path
    fs_conf = filestorage_instance(home)
    ok(run("strategicplan-create-site", "--zope-conf", str(fs_conf), "--password", "secret", cwd=home))
    ok(run("strategicplan-import", "--zope-conf", str(fs_conf), str(SEED_FILE), cwd=home))
    (home / "add_file.py").write_text(ADD_FILE)
    (home / "read_file.py").write_text(READ_FILE)
    ok(run("zconsole", "run", str(fs_conf), str(home / "add_file.py"), cwd=home))
    before = ok(run("strategicplan-export", "--zope-conf", str(fs_conf), SEED_PLAN_ID, cwd=home))
    blob_before = ok(run("zconsole", "run", str(fs_conf), str(home / "read_file.py"), cwd=home))

    database, dsn = postgres.database()
    (home / "convert.conf").write_text(CONVERT.format(home=home, dsn=dsn))
    ok(run("zodbconvert", str(home / "convert.conf"), cwd=home, timeout=600))

    pg_conf = relstorage_instance(home, dsn)
    after = ok(run("strategicplan-export", "--zope-conf", str(pg_conf), SEED_PLAN_ID, cwd=home))
    assert json.loads(after) == json.loads(before)
    assert ok(run("zconsole", "run", str(pg_conf), str(home / "read_file.py"), cwd=home)) == blob_before
    # history-free, and the blob is in the database, not in a directory
    assert int(postgres.sql(database, "SELECT count(*) FROM object_state")) > 9000
    assert int(postgres.sql(database, "SELECT count(*) FROM blob_chunk")) >= 1
    assert postgres.sql(database, "SELECT to_regclass('transaction')") == ""  # no history tables
