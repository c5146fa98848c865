"""A cluster for the cluster tests (docs/deploy/cluster.md): a site with the seed plan in a fresh
database of tests/storage's PostgreSQL, then two Zope instances on it and an HAProxy in front,
started once per module by `cluster/run start` (cluster/cluster.py) and stopped at the end.

HAProxy missing is a failure, not a skip: CI must run these tests (`make test-deps` installs it).
"""

from dataclasses import dataclass
from imio.strategicplan.testing import SEED_FILE
from tests.helpers import free_ports
from tests.helpers import load_script
from tests.helpers import ok
from tests.storage.conftest import BIN
from tests.storage.conftest import postgres  # noqa: F401
from tests.storage.conftest import relstorage_instance
from tests.storage.conftest import ROOT
from tests.storage.conftest import run

import pytest
import subprocess
import time


PASSWORD = "secret"
ADMIN = ("admin", PASSWORD)


# run by `cluster/run`; it lives beside the script, not in the package
cluster_module = load_script("cluster/cluster.py")


@dataclass
class ClusterUnderTest:
    """The module's cluster (``cluster``: a cluster/cluster.py Cluster) and how long it took to start."""

    cluster: object
    timings: dict

    @property
    def directory(self):
        return self.cluster.directory

    def url(self, where, path=""):
        """``where``: "balancer", 1 or 2 (an instance, directly); the site's URL + ``path``."""
        port = self.cluster.port if where == "balancer" else self.cluster.instance(where).port
        return f"http://localhost:{port}/Plone/{path}".rstrip("/")

    def cli(self, *args, timeout=240):
        """`cluster/run --dir <this cluster> ...`."""
        return subprocess.run(
            [str(ROOT / "cluster" / "run"), "--dir", str(self.directory), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def logs(self, lines=15):
        """The tail of every instance's event log and runwsgi output: for failure messages."""
        return "\n".join(
            cluster_module.tail(path, lines) for i in self.cluster.instances for path in (i.event_log, i.log)
        )

    def conflicts(self):
        """How many ConflictErrors the instances logged ("... Request will be retried")."""
        return sum(
            i.event_log.read_text(errors="replace").count("ConflictError at ")
            for i in self.cluster.instances
            if i.event_log.exists()
        )


@pytest.fixture(scope="module")
def site_cluster(postgres, tmp_path_factory):  # noqa: F811
    """The site with the seed plan in a fresh database, two instances and the balancer on it."""
    if cluster_module.haproxy.binary() is None:
        pytest.fail(
            "The cluster tests need Debian's haproxy: `make test-deps` (apt-get install haproxy)", pytrace=False
        )
    timings = {}
    started = time.monotonic()
    _, dsn = postgres.database()
    home = tmp_path_factory.mktemp("cluster")
    conf = relstorage_instance(home / "site", dsn)
    ok(run("strategicplan-create-site", "--zope-conf", str(conf), "--password", PASSWORD, cwd=home / "site"))
    ok(run("strategicplan-import", "--zope-conf", str(conf), str(SEED_FILE), cwd=home / "site"))
    timings["site"] = time.monotonic() - started
    port, first, second = free_ports(3)
    directory = home / "cluster"
    under_test = None
    started = time.monotonic()
    done = subprocess.run(
        [
            str(ROOT / "cluster" / "run"),
            "start",
            "--dir",
            str(directory),
            "--dsn",
            dsn,
            "--port",
            str(port),
            "--instance-ports",
            f"{first},{second}",
            "--bin",
            str(BIN),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    timings["start"] = time.monotonic() - started
    try:
        under_test = ClusterUnderTest(cluster_module.Cluster.load(directory), timings)
        if done.returncode:
            pytest.fail(f"cluster/run start failed:\n{done.stdout}\n{done.stderr}", pytrace=False)
        yield under_test
    finally:
        stopped = subprocess.run(
            [str(ROOT / "cluster" / "run"), "--dir", str(directory), "stop"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert stopped.returncode == 0, stopped.stderr
        print("\ncluster timings (s):", {k: round(v, 1) for k, v in timings.items()})


def wait_until(condition, timeout, message):
    """Poll ``condition`` (returns a true value when done) for ``timeout`` s; fails with ``message()``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"not reached after {timeout} s: {message()}", pytrace=False)
        time.sleep(0.2)
