"""strategicplan-upgrade: the add-on's pending upgrades on every site of a database, each site in
its own transaction (docs/deploy/topology.md, "Upgrades")."""

from tests.helpers import ok
from tests.storage.conftest import filestorage_instance
from tests.storage.conftest import run

import pytest


pytestmark = pytest.mark.cli

SET_UP = """
from plone.base.utils import get_installer
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.component.hooks import setSite
import transaction
# B: as a site still at 1004 (before the thresholds' settings); C: the add-on uninstalled
setSite(app.B)
for name in ("imio.strategicplan.on_track_threshold", "imio.strategicplan.at_risk_threshold"):
    del getUtility(IRegistry).records[name]
app.B.portal_setup.setLastVersionForProfile("imio.strategicplan:default", "1004")
setSite(app.C)
get_installer(app.C).uninstall_product("imio.strategicplan")
transaction.commit()
"""

CHECK = """
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.component.hooks import setSite
setSite(app.B)
print("B", app.B.portal_setup.getLastVersionForProfile("imio.strategicplan:default"),
      getUtility(IRegistry).get("imio.strategicplan.on_track_threshold"))
"""


def test_upgrade_every_site(tmp_path):
    conf = filestorage_instance(tmp_path)
    for site in ("A", "B", "C"):
        ok(run("strategicplan-create-site", "--zope-conf", str(conf), "--site", site, "--password", "x", cwd=tmp_path))
    (tmp_path / "set_up.py").write_text(SET_UP)
    (tmp_path / "check.py").write_text(CHECK)
    ok(run("zconsole", "run", str(conf), str(tmp_path / "set_up.py"), cwd=tmp_path))

    dry = ok(run("strategicplan-upgrade", "--zope-conf", str(conf), "--dry-run", cwd=tmp_path))
    assert dry.splitlines() == [
        "A: up to date (1007)",
        "B: 1004 -> 1007, 3 step(s): Control panel: indicators' status thresholds; "
        "Staff group: local roles instead of global ones; "
        "Plan items' metadata: folder order, roll-up and follow-up fields",
        "C: imio.strategicplan not installed, skipped",
    ]
    assert "B ('1004',) None" in ok(run("zconsole", "run", str(conf), str(tmp_path / "check.py"), cwd=tmp_path))

    done = ok(run("strategicplan-upgrade", "--zope-conf", str(conf), cwd=tmp_path))
    assert done.splitlines() == [
        "A: up to date (1007)",
        "B: 1004 -> 1007",
        "C: imio.strategicplan not installed, skipped",
    ]
    assert "B ('1007',) 90" in ok(run("zconsole", "run", str(conf), str(tmp_path / "check.py"), cwd=tmp_path))
    again = ok(run("strategicplan-upgrade", "--zope-conf", str(conf), "--site", "B", cwd=tmp_path))
    assert again.strip() == "B: up to date (1007)"
