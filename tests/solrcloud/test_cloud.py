"""The plan search on a real SolrCloud (2 nodes, 2 shards x 2 replicas) behind HAProxy: the same
answers as the catalog, and still the same once a node is killed, an edit made meanwhile
included; the node comes back and recovers (tests/solrcloud/conftest.py starts the cloud)."""

from imio.strategicplan.search.query import search_plan
from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.helpers import json_session
from tests.solrcloud.conftest import bounded
from tests.solrcloud.conftest import haproxy_module
from tests.solrcloud.conftest import REPO
from tests.solrcloud.conftest import ZK_TIMEOUT_MS

import pytest
import requests
import subprocess
import sys
import transaction


pytestmark = pytest.mark.solr

QUERIES = [
    ("", {}),
    ("interoperabilite", {}),
    ("", {"type": ["Objective"]}),
    ("", {"type": ["Objective", "Indicator"], "health": ["on_track"]}),
    ("mettre", {"state": ["adopted"]}),
    ("", {"year": [2019, 2020]}),
]


def test_collection_is_two_shards_of_two_active_replicas(solr_cloud):
    cloud = solr_cloud.cloud
    status = cloud.status()
    nodes = {cloud.node_name(1), cloud.node_name(2)}
    assert set(status["live_nodes"]) == nodes
    assert status["collections"]["plone"]["configName"] == "plone"
    layout = cloud.layout()
    assert sorted(layout) == ["shard1", "shard2"]
    for shard, replicas in layout.items():
        # one replica of each shard on each node: either node alone holds the whole index
        assert {r["node_name"] for r in replicas} == nodes and len(replicas) == 2, (shard, replicas)
        assert all(r["state"] == "active" and r["live"] for r in replicas), (shard, replicas)
        assert sum(r["leader"] for r in replicas) == 1, (shard, replicas)


@pytest.mark.parametrize("where", ["node1", "node2", "haproxy"])
def test_every_address_answers_what_collective_solr_uses(solr_cloud, where):
    url = solr_cloud.url if where == "haproxy" else solr_cloud.cloud.url(int(where[-1]))
    assert requests.get(f"{url}/admin/ping", timeout=10).status_code == 200
    # the classic schema, as collective.solr reads it: from ZooKeeper in a cloud
    schema = requests.get(f"{url}/admin/file/", params={"file": "schema.xml"}, timeout=10)
    assert schema.status_code == 200
    assert schema.content == (REPO / "solr" / "configsets" / "plone" / "conf" / "schema.xml").read_bytes()
    # XML by default, as collective.solr parses its answers
    select = requests.get(f"{url}/select", params={"q": "*:*", "rows": 0}, timeout=10)
    assert select.status_code == 200 and select.text.startswith("<?xml"), select.text
    update = requests.post(f"{url}/update", data="<commit/>", headers={"Content-Type": "text/xml"}, timeout=30)
    assert update.status_code == 200 and '<int name="status">0</int>' in update.text, update.text


def test_run_cloud_status_reads_the_running_cloud(solr_cloud):
    cloud = solr_cloud.cloud
    done = subprocess.run(
        [str(REPO / "solr" / "run-cloud"), "--dir", str(cloud.directory), "status"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert cloud.url(1) in done.stdout and cloud.url(2) in done.stdout and "every replica active" in done.stdout


def test_run_cloud_upconfig_sends_the_configset_and_reloads(solr_cloud):
    cloud = solr_cloud.cloud
    done = subprocess.run(
        [str(REPO / "solr" / "run-cloud"), "--dir", str(cloud.directory), "upconfig"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    bounded(cloud.wait_active, timeout=60)
    schema = requests.get(f"{solr_cloud.url}/admin/file/", params={"file": "schema.xml"}, timeout=10)
    assert schema.content == (REPO / "solr" / "configsets" / "plone" / "conf" / "schema.xml").read_bytes()


def test_haproxy_config_is_valid(tmp_path):
    config = tmp_path / "haproxy.cfg"
    written = subprocess.run(
        [
            sys.executable,
            str(REPO / "solr" / "haproxy.py"),
            "--port",
            "8990",
            "--node",
            "127.0.0.1:8983",
            "--node",
            "127.0.0.1:8984",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    config.write_text(written)
    assert "http-check send meth GET uri /solr/plone/admin/ping" in written
    checked = subprocess.run([haproxy_module.binary(), "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _answers(plan, backend):
    """Each query's total, item UIDs and facet counts."""
    found = {}
    for text, filters in QUERIES:
        result = search_plan(plan, text, filters, b_size=100, backend=backend)
        uids = sorted(item["UID"] if isinstance(item, dict) else item.UID for item in result.items)
        assert result.total == len(uids) > 0, (text, filters, result.total)
        found[text, repr(filters)] = {"total": result.total, "uids": uids, "facets": result.facets}
    return found


def _num_found(url, **params):
    answer = requests.get(f"{url}/select", params={"q": "*:*", "rows": 0, "wt": "json", **params}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["response"]["numFound"]


@pytest.fixture
def sessions(cloud_site):
    made = {}
    for name, auth in (("manager", (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)), ("anonymous", None)):
        made[name] = json_session(cloud_site.absolute_url(), auth)
    yield made
    for session in made.values():
        session.close()


def _rest_search(session, q):
    answer = session.get(f"{SEED_PLAN_ID}/@plan-search", params={"q": q, "b_size": 100})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_search_answers_the_same_with_a_node_lost(cloud_site, solr_cloud, sessions):
    cloud, proxy = solr_cloud.cloud, solr_cloud.proxy
    plan = cloud_site[SEED_PLAN_ID]
    before = _answers(plan, "solr")
    assert before == _answers(plan, "catalog")
    total = _num_found(solr_cloud.url)
    assert total == 70

    # the node with the most shard leaders (the Overseer's on a tie): its shards must elect new
    # leaders before they accept updates again
    overseer = cloud.overseer()
    leaders = [r["node_name"] for replicas in cloud.layout().values() for r in replicas if r["leader"]]
    lost = max((1, 2), key=lambda n: (leaders.count(cloud.node_name(n)), n == overseer))
    kept = 3 - lost
    cloud.stop_node(lost, kill=True)  # SIGKILL: the process is gone, no goodbye to ZooKeeper
    # at once, before ZooKeeper or HAProxy noticed: HAProxy sends a refused request again to
    # the other node, which skips the lost node's replicas
    assert _answers(plan, "solr") == before
    assert _num_found(solr_cloud.url) == total
    # ZooKeeper drops the node when its session expires; its leaders move to the other node
    bounded(cloud.wait_gone, lost, timeout=ZK_TIMEOUT_MS / 1000 + 30)
    assert cloud.supervisor.info(f"node{lost}")["statename"] == "EXITED"  # not restarted by supervisord
    bounded(cloud.wait_serving, timeout=60)
    assert {r["node_name"] for replicas in cloud.layout().values() for r in replicas if r["leader"]} == {
        cloud.node_name(kept)
    }
    bounded(proxy.wait_states, {f"node{lost}": "DOWN", f"node{kept}": "UP"})
    assert _answers(plan, "solr") == before
    assert _num_found(solr_cloud.url) == _num_found(cloud.url(kept)) == total
    assert _rest_search(sessions["anonymous"], "interoperabilite")["backend"] == "solr"

    # an edit while the node is down: indexed at commit through HAProxy, and found
    objective = api.content.find(context=plan, portal_type="Objective", sort_on="path")[0]
    edited = sessions["manager"].patch(objective.getURL(), json={"title": "Objectif zorglub"})
    assert edited.status_code == 204, edited.text
    transaction.begin()  # this thread sees what the server committed
    found = _rest_search(sessions["anonymous"], "zorglub")
    assert found["backend"] == "solr" and [i["UID"] for i in found["items"]] == [objective.UID]
    during = _answers(plan, "solr")
    assert during == _answers(plan, "catalog")
    assert _num_found(solr_cloud.url) == total

    # the node comes back: its replicas recover from the leaders, the edit included
    bounded(cloud.start_node, lost)
    bounded(cloud.wait_active, timeout=120)
    bounded(proxy.wait_states, {"node1": "UP", "node2": "UP"})
    cores = [
        r["core"] for replicas in cloud.layout().values() for r in replicas if r["node_name"] == cloud.node_name(lost)
    ]
    assert len(cores) == 2
    base = cloud.base_url(lost)
    # each core on its own (distrib=false): together they hold every document, the edit too
    assert sum(_num_found(f"{base}/{core}", distrib="false") for core in cores) == total
    assert sum(_num_found(f"{base}/{core}", distrib="false", q="Title:zorglub") for core in cores) == 1
    assert _answers(plan, "solr") == during
    for number in (1, 2):
        assert _num_found(cloud.url(number)) == total
