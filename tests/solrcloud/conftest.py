"""A real SolrCloud for the SolrCloud tests, started once per session: ZooKeeper and two Solr 9
nodes, each in its own JVM (solr/cloud.py, what `solr/run-cloud` runs), the collection `plone`
with 2 shards x 2 replicas, and an HAProxy in front of the nodes (solr/haproxy.py), which the test
site's collective.solr talks to; all of them programs of the cloud's own supervisord.

Java, Maven or haproxy missing is a failure, not a skip: CI must run these tests.
"""

from dataclasses import dataclass
from pathlib import Path
from tests.helpers import free_ports
from tests.helpers import load_script

import os
import pytest
import shutil
import transaction


REPO = Path(__file__).resolve().parents[2]
# the first start builds the launchers and downloads Solr's jars from Maven Central
START_TIMEOUT = float(os.environ.get("SOLR_START_TIMEOUT", "600"))
# how long ZooKeeper keeps a killed node's session (and so its leaders): short for the tests
ZK_TIMEOUT_MS = 8000


# the launcher's modules live beside the configset, not in the package
cloud_module = load_script("solr/cloud.py")
haproxy_module = cloud_module.haproxy
FAILURES = (cloud_module.CloudError, haproxy_module.HAProxyError)


@dataclass
class SolrCloudUnderTest:
    """The session's cloud (``cloud``: a solr/cloud.py Cloud) and HAProxy (``proxy``)."""

    cloud: object
    proxy: object

    @property
    def url(self):
        """The collection through HAProxy: what the test site's collective.solr talks to."""
        return f"http://127.0.0.1:{self.proxy.port}/solr/{cloud_module.COLLECTION}"


def bounded(wait, *args, **kwargs):
    """Run one of the cloud's or HAProxy's bounded waits; its error (with the nodes' log tails)
    as the test's failure."""
    try:
        return wait(*args, **kwargs)
    except FAILURES as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def solr_cloud(tmp_path_factory):
    """The running cloud and its HAProxy; stopped at the end of the session."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if haproxy_module.binary() is None:
        missing.append("haproxy")
    if missing:
        pytest.fail(
            f"The SolrCloud tests need Java 17, Maven and HAProxy; missing: {', '.join(missing)}. "
            "`make test-deps` installs them (Debian: default-jdk-headless maven haproxy).",
            pytrace=False,
        )
    directory = tmp_path_factory.mktemp("solrcloud")
    node1, node2, zk, balancer = free_ports(4)
    cloud = cloud_module.Cloud(directory, [node1, node2], zk, zk_timeout_ms=ZK_TIMEOUT_MS, haproxy_port=balancer)
    try:
        try:
            cloud.start(timeout=START_TIMEOUT)
            cloud.proxy.wait_states({"node1": "UP", "node2": "UP"})
        except FAILURES as error:
            pytest.fail(str(error), pytrace=False)
        yield SolrCloudUnderTest(cloud, cloud.proxy)
    finally:
        cloud.stop()


@pytest.fixture
def cloud_site(functional, solr_cloud):
    """The test's site with the `solr` profile, collective.solr pointed at HAProxy (committed, so
    the test server uses it too), and the collection holding exactly the site (the seed plan),
    sent by the same `sync` users run."""
    from imio.strategicplan.search import solr
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    solr.enable(portal, host="127.0.0.1", port=solr_cloud.proxy.port, base=f"/solr/{cloud_module.COLLECTION}")
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    connection = solr.connect()
    connection.deleteByQuery("*:*")
    connection.commit()
    assert solr.sync(portal).indexed == 70  # the site and the seed plan's 69 items
    yield portal
    transaction.abort()
