"""A real Solr 9 node for the Solr tests, started with solr/node.py (what `make solr` runs: solr/run-node
under a supervisord of the node's own).

By default the session starts its own node on a free port with a throw-away home, and stops it
at the end. SOLR_URL=http://127.0.0.1:8983/solr/plone runs the tests against a node that is
already running instead (`make solr`); the tests then add and delete their own documents only.
Java or Maven missing is a failure, not a skip: CI must run these tests.
"""

from tests.helpers import free_port
from tests.helpers import load_script

import os
import pytest
import requests
import shutil


# the first start builds the launcher and downloads Solr's jars from Maven Central
START_TIMEOUT = float(os.environ.get("SOLR_START_TIMEOUT", "600"))
node_module = load_script("solr/node.py")


def _answers(core_url):
    try:
        return requests.get(f"{core_url}/admin/ping", params={"wt": "json"}, timeout=2).ok
    except requests.RequestException:
        return False


class SolrNode(node_module.Node):
    """solr/node.py's node on a free port with ``home`` (kept between starts: stopping and
    starting again keeps the core's documents); a failed start fails the test."""

    def __init__(self, home):
        super().__init__(home, free_port())

    def start(self):
        try:
            super().start(timeout=START_TIMEOUT)
        except node_module.NodeError as error:
            pytest.fail(str(error), pytrace=False)
        return self


def _check_tools():
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"The Solr tests need Java 17 and Maven; missing: {', '.join(missing)}. "
            "`make test-deps` installs them (Debian: default-jdk-headless maven)."
        )


@pytest.fixture(scope="session")
def solr_url(tmp_path_factory):
    """The URL of the core `plone` of a running Solr node (…/solr/plone)."""
    given = os.environ.get("SOLR_URL")
    if given:
        given = given.rstrip("/")
        if not _answers(given):
            pytest.fail(f"SOLR_URL={given} does not answer /admin/ping")
        yield given
        return
    _check_tools()
    node = SolrNode(tmp_path_factory.mktemp("solr-home"))
    try:
        yield node.start().url
    finally:
        node.shutdown()


@pytest.fixture
def own_solr_node(tmp_path_factory, solr_url):
    """A second Solr node of the test's own, to stop and start again (after the shared one)."""
    _check_tools()
    node = SolrNode(tmp_path_factory.mktemp("solr-own"))
    try:
        yield node.start()
    finally:
        node.shutdown()


def _index_version(core_url):
    """The version of the core's index: it changes with every commit that changed documents."""
    reply = requests.get(f"{core_url}/admin/luke", params={"numTerms": 0, "wt": "json"}, timeout=10)
    reply.raise_for_status()
    return reply.json()["index"]["version"]


_clean = {}  # core URL -> index version once it held exactly the layer's site


@pytest.fixture
def solr_site(functional, solr_url):
    """The test's site with the `solr` profile installed and collective.solr pointed at the test
    node (committed, so the test server uses it too). The core holds exactly the layer's site
    (the seed plan) when the test starts: after a test that wrote to Solr, it is emptied and
    filled again by the same `sync` users run."""
    from imio.strategicplan.search import solr
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from urllib.parse import urlsplit

    import transaction

    portal = functional["portal"]
    parts = urlsplit(solr_url)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    solr.enable(portal, host=parts.hostname, port=parts.port, base=parts.path)
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    if _clean.get(solr_url) != _index_version(solr_url):
        connection = solr.connect()
        connection.deleteByQuery("*:*")
        connection.commit()
        solr.sync(portal)
        _clean[solr_url] = _index_version(solr_url)
    yield portal
    transaction.abort()
