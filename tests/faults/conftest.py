"""Fault tests (docs/deploy/faults.md): a Zope instance served by runwsgi in a throw-away
directory, killed or cut from its database while it works. The PostgreSQL fixtures and the
instance writers are tests/storage's."""

from imio.strategicplan.testing import SEED_FILE
from pathlib import Path
from tests.helpers import free_port
from tests.helpers import load_script
from tests.helpers import ok
from tests.storage.conftest import BIN
from tests.storage.conftest import filestorage_instance  # noqa: F401
from tests.storage.conftest import postgres  # noqa: F401
from tests.storage.conftest import relstorage_instance  # noqa: F401
from tests.storage.conftest import ROOT
from tests.storage.conftest import run  # noqa: F401
from tests.storage.conftest import serve_postgres

import base64
import http.client
import json
import os
import pytest
import socket
import subprocess
import sys
import time


ADMIN = ("admin", "secret")
supervise = load_script("scripts/supervise.py")
sys.path.insert(0, str(ROOT / "bench"))
from generate_plan import count  # noqa: E402
from generate_plan import generate  # noqa: E402


def plan_file(directory, nodes):
    """A generated plan of about ``nodes`` nodes written in ``directory``: (path, plan id, node count)."""
    data = generate(nodes)
    path = Path(directory) / f"plan-{nodes}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, data["plan"]["id"], count(data["plan"])


def cpu_seconds(pid):
    """User + system CPU time of a process so far (a sign of progress that the machine's load does
    not stretch, unlike wall time)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def create_site(home, conf, seed=True):
    ok(run("strategicplan-create-site", "--zope-conf", str(conf), "--password", ADMIN[1], cwd=home))
    if seed:
        ok(run("strategicplan-import", "--zope-conf", str(conf), str(SEED_FILE), cwd=home))


CHECK = r"""
# Run by `zconsole run <conf> check.py <plan id>`: prints one JSON line describing the site.
import json, sys
from Products.CMFCore.interfaces import IContentish
from zope.component.hooks import setSite

plan_id = sys.argv[-1]
site = app.Plone
setSite(site)
catalog = site.portal_catalog._catalog
site_path = "/".join(site.getPhysicalPath())
plan_path = f"{site_path}/{plan_id}"
report = {"present": plan_id in site.objectIds(), "nodes": 0, "objects": 0, "brains": len(catalog.paths),
          "brains_under_plan": 0, "ghost_brains": [], "unindexed": [], "unloadable": []}

# every catalog entry: its object exists, at exactly that path, and its record loads
for rid, path in list(catalog.paths.items()):
    if path == plan_path or path.startswith(plan_path + "/"):
        report["brains_under_plan"] += 1
    obj = app.unrestrictedTraverse(path, None)
    if obj is None or "/".join(obj.getPhysicalPath()) != path:
        report["ghost_brains"].append(path)
    catalog.getMetadataForRID(rid)
    catalog.getIndexDataForRID(rid)


# every object of the site loads; every content item has its catalog entry
def walk(obj):
    for child in obj.objectValues():
        report["objects"] += 1
        path = "/".join(child.getPhysicalPath())
        try:
            if getattr(child, "_p_jar", None) is not None:
                child._p_activate()
        except Exception as exc:
            report["unloadable"].append(f"{path}: {exc!r}")
            continue
        if path == plan_path or path.startswith(plan_path + "/"):
            report["nodes"] += 1
        if IContentish.providedBy(child) and catalog.uids.get(path) is None:
            report["unindexed"].append(path)
        if getattr(child, "isPrincipiaFolderish", False) and hasattr(child, "objectValues"):
            walk(child)


walk(site)
print("CHECK " + json.dumps(report))
"""


def check_site(home, conf, plan_id):
    """The CHECK report of the instance's site for ``plan_id`` (a dict)."""
    script = Path(home) / "check.py"
    script.write_text(CHECK)
    out = ok(run("zconsole", "run", str(conf), str(script), plan_id, cwd=home, timeout=600))
    line = next(line for line in out.splitlines() if line.startswith("CHECK "))
    return json.loads(line[len("CHECK ") :])


def assert_all_or_nothing(report, nodes):
    """The plan is absent with no catalog entry, or present with all its nodes; the catalog
    agrees with the content everywhere; every object loads. Returns "none" or "all"."""
    assert not report["ghost_brains"], report["ghost_brains"][:10]
    assert not report["unindexed"], report["unindexed"][:10]
    assert not report["unloadable"], report["unloadable"][:10]
    if not report["present"]:
        assert report["nodes"] == 0 and report["brains_under_plan"] == 0, report
        return "none"
    assert report["nodes"] == nodes and report["brains_under_plan"] == nodes, report
    return "all"


def zodb_script(tool, datafs):
    """The output of ``python -m ZODB.scripts.<tool> Data.fs`` ("" when silent)."""
    done = subprocess.run(
        [sys.executable, "-m", f"ZODB.scripts.{tool}", str(datafs)], capture_output=True, text=True, timeout=300
    )
    return (done.stdout + done.stderr).strip() if done.returncode or done.stdout.strip() else ""


def fstest(datafs):
    """ZODB's fstest and fsrefs on a Data.fs: both silent when it checks clean."""
    for tool in ("fstest", "fsrefs"):
        output = zodb_script(tool, datafs)
        assert not output, f"{tool}: {output}"


@pytest.fixture(scope="module")
def own_postgres():
    """A PostgreSQL server of the module's own (the session's serves other tests: these stop it)."""
    yield from serve_postgres("strategicplan-faults-pg-")


class Server:
    """``runwsgi`` serving the instance of ``conf`` on a free 127.0.0.1 port: the program `zope` of a
    supervisord in ``home`` (scripts/supervise.py, as the cluster's instances), never restarted."""

    def __init__(self, home, conf):
        self.home, self.port, self.pid = Path(home), free_port(), None
        text = (ROOT / "etc" / "zope.ini").read_text()
        assert "%(here)s/zope.conf" in text and "listen = localhost:%(http_port)s" in text, "etc/zope.ini changed"
        self.ini = Path(conf).with_suffix(".ini")
        self.ini.write_text(
            text.replace("%(here)s/zope.conf", str(conf)).replace(
                "listen = localhost:%(http_port)s", f"listen = 127.0.0.1:{self.port}"
            )
        )
        self.log = self.home / "var" / "log" / f"runwsgi-{self.port}.log"
        self.supervisor = supervise.Supervisor(self.home / "supervisor", BIN, name="faults")

    def start(self, timeout=120):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.supervisor.start(
            [
                supervise.Program(
                    "zope",
                    [BIN / "runwsgi", self.ini],
                    self.log,
                    directory=self.home,
                    environment={"zope_i18n_compile_mo_files": "true"},
                )
            ]
        )
        self.supervisor.start_program("zope")
        self.pid = self.supervisor.pid("zope")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            gone = self.supervisor.exited("zope")
            assert not gone, f"runwsgi exited ({gone}):\n{self.log.read_text()[-3000:]}"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.3)
        raise AssertionError(f"runwsgi did not listen within {timeout} s")

    def kill(self):
        """kill -9 of the Zope process (its pid from supervisord, which leaves it down)."""
        assert self.supervisor.kill("zope"), "the Zope process was not running"

    def stop(self):
        self.supervisor.shutdown()

    def client(self, **kwargs):
        return Client(self.port, **kwargs)


class Client:
    """Requests to 127.0.0.1 as admin; returns (status, headers, body: JSON when it is)."""

    def __init__(self, port, auth=ADMIN, timeout=120):
        self.port, self.auth, self.timeout = port, auth, timeout

    def request(self, method, path, body=None, accept="application/json", raw=None, language=None):
        headers = {"Accept": accept}
        if language:
            headers["Accept-Language"] = language
        if self.auth:
            headers["Authorization"] = "Basic " + base64.b64encode(":".join(self.auth).encode()).decode()
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            headers["Content-Type"] = "application/json"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            payload = response.read()
        finally:
            conn.close()
        content_type = response.getheader("Content-Type") or ""
        if payload and content_type.startswith("application/json"):
            payload = json.loads(payload)
        return response.status, dict(response.getheaders()), payload
