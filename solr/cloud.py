#!/usr/bin/env python3
"""A local SolrCloud for imio.strategicplan: one ZooKeeper and N Solr 9 nodes, each in its own JVM,
built from the same Maven Central jars as the standalone node (docs/solrcloud.md).

    solr/run-cloud [start] [--nodes 2] [--base-port 8983] [--dir var/solrcloud]
                   [--zk-timeout-ms 15000] [--haproxy-port PORT] [--bin .venv/bin]
    solr/run-cloud [--dir D] status | stop | stop-node N [--kill] | start-node N | upconfig

`start` starts ZooKeeper (port base+1000, Solr's convention: 8983 -> 9983) with the configset
`solr/configsets/plone` uploaded as `plone`, the nodes on base, base+1, ..., creates the collection
`plone` (2 shards x 2 replicas, each node holding one replica of each shard) unless ZooKeeper
already has it, waits until every replica is active, prints the addresses and returns. The JVMs
are programs of a supervisord of the cloud's own (D/supervisord.conf, scripts/supervise.py),
which keeps running in the background: `supervisorctl -c D/supervisord.conf status`. A node is
stopped with `stop-node N` (SIGTERM: a clean stop) or `stop-node N --kill` (SIGKILL: a lost
node; supervisord does not restart it), and started again with `start-node N` (same port and
home: it finds its replicas and recovers them). `upconfig` sends a changed configset to
ZooKeeper (`bin/solr zk upconfig`) and reloads the collection. With `--haproxy-port`, an HAProxy
(solr/haproxy.py) in front of the nodes is a program of the same supervisord.

Standard library only (the tests import this module; `solr/run-cloud` runs it with python3).
"""

from pathlib import Path

import argparse
import fcntl
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


HERE = Path(__file__).resolve().parent
CONFIGSET = HERE / "configsets" / "plone" / "conf"
CLASSPATH = HERE / "target" / "classpath.txt"
COLLECTION = "plone"
ZK_MAIN = "be.imio.strategicplan.solr.CloudZooKeeper"
NODE_MAIN = "be.imio.strategicplan.solr.CloudNode"
JAVA_OPTS = {"zookeeper": "-Xms32m -Xmx128m", "node": "-Xms128m -Xmx512m", "cli": "-Xmx256m"}


def _load(relative, name):
    """A script of the repository beside this one (scripts/supervise.py, solr/haproxy.py)."""
    spec = importlib.util.spec_from_file_location(name, HERE.parent / relative)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


supervise = _load("scripts/supervise.py", "strategicplan_scripts_supervise")
haproxy = _load("solr/haproxy.py", "strategicplan_solr_haproxy")
tail = supervise.tail


class CloudError(RuntimeError):
    """The cloud (or one of its processes) did not reach the expected state in time."""


def build():
    """Build the launchers with Maven when solr/pom.xml or solr/src changed since the last build
    that succeeded here (the first build downloads Solr's jars into ~/.m2)."""
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            raise CloudError(f"'{tool}' not found: install Java 17 and Maven (make test-deps)")
    (HERE / "target").mkdir(exist_ok=True)
    # Maven leaves classpath.txt untouched when it did not change: our own stamp says when the
    # last build succeeded
    stamp = HERE / "target" / ".cloud-built"
    with open(HERE / "target" / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test sessions starting at once build once
        if stamp.exists() and CLASSPATH.exists() and CLASSPATH.stat().st_size:
            built = stamp.stat().st_mtime
            sources = [HERE / "pom.xml", *(p for p in (HERE / "src").rglob("*") if p.is_file())]
            if all(p.stat().st_mtime <= built for p in sources):
                return
        print("== Building the Solr launchers (mvn package; the first build downloads Solr's jars)", file=sys.stderr)
        done = subprocess.run(
            ["mvn", "-q", "-B", "-Dstyle.color=never", "-f", str(HERE / "pom.xml"), "package"],
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise CloudError(f"mvn package failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
        stamp.touch()


def java(main, kind, *args):
    """The command line of one JVM of the cloud."""
    classpath = f"{HERE / 'target' / 'classes'}:{CLASSPATH.read_text().strip()}"
    opts = os.environ.get(f"SOLRCLOUD_{kind.upper()}_JAVA_OPTS", JAVA_OPTS[kind]).split()
    return ["java", *opts, "-Dlog4j2.configurationFile=log4j2-cloud.xml", "-cp", classpath, main, *args]


def http_json(url, params=None, timeout=10):
    """GET ``url`` with ``params`` and wt=json; the decoded answer."""
    query = urllib.parse.urlencode({**(params or {}), "wt": "json"}, doseq=True)
    with urllib.request.urlopen(f"{url}?{query}", timeout=timeout) as answer:
        return json.load(answer)


def answers(url, timeout=2):
    """True when ``url`` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


class Cloud:
    """ZooKeeper and the Solr nodes of a local SolrCloud under ``directory`` (and, with
    ``haproxy_port``, an HAProxy in front of the nodes), programs of the cloud's supervisord."""

    def __init__(
        self, directory, node_ports, zk_port, zk_timeout_ms=15000, shards=2, replicas=2, haproxy_port=None, bin_dir=None
    ):
        self.directory = Path(directory).resolve()
        self.node_ports, self.zk_port = list(node_ports), zk_port
        self.zk_timeout_ms, self.shards, self.replicas = zk_timeout_ms, shards, replicas
        self.zk_address = f"127.0.0.1:{zk_port}"
        self.zk_dir = self.directory / "zookeeper"
        self.supervisor = supervise.Supervisor(self.directory, bin_dir, name="solrcloud")
        self.haproxy_port = haproxy_port
        self.proxy = None
        if haproxy_port:
            self.proxy = haproxy.HAProxy(
                self.directory / "haproxy", haproxy_port, [f"127.0.0.1:{port}" for port in self.node_ports]
            )

    def programs(self):
        """ZooKeeper, the nodes and HAProxy as supervisord runs them (stopped in reverse order)."""
        found = [
            supervise.Program(
                "zookeeper",
                java(
                    ZK_MAIN,
                    "zookeeper",
                    "--port",
                    self.zk_port,
                    "--dir",
                    self.zk_dir,
                    "--configset",
                    CONFIGSET,
                    "--configset-name",
                    COLLECTION,
                ),
                self.log("zookeeper"),
                directory=HERE.parent,
                priority=1,
                stopwaitsecs=60,
            )
        ]
        for number in range(1, len(self.node_ports) + 1):
            command = java(
                NODE_MAIN,
                "node",
                "--port",
                self.port(number),
                "--home",
                self.directory / f"node{number}",
                "--zk",
                self.zk_address,
                "--zk-timeout-ms",
                self.zk_timeout_ms,
            )
            found.append(
                supervise.Program(
                    f"node{number}",
                    command,
                    self.log(f"node{number}"),
                    directory=HERE.parent,
                    priority=2,
                    stopwaitsecs=60,
                )
            )
        if self.proxy is not None:
            found.append(
                supervise.Program("haproxy", self.proxy.command_line(), self.proxy.log, priority=3, stopwaitsecs=10)
            )
        return found

    def log(self, name):
        """The output of program ``name`` (zookeeper, node1...)."""
        return self.proxy.log if name == "haproxy" else self.directory / f"{name}.log"

    # -- addresses

    def port(self, number):
        return self.node_ports[number - 1]

    def base_url(self, number):
        return f"http://127.0.0.1:{self.port(number)}/solr"

    def url(self, number):
        """The collection's URL on node ``number`` (what collective.solr talks to)."""
        return f"{self.base_url(number)}/{COLLECTION}"

    def node_name(self, number):
        return f"127.0.0.1:{self.port(number)}_solr"

    def number(self, node_name):
        return next(n for n in range(1, len(self.node_ports) + 1) if self.node_name(n) == node_name)

    def save(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "cloud.json").write_text(
            json.dumps(
                {
                    "node_ports": self.node_ports,
                    "zk_port": self.zk_port,
                    "zk_timeout_ms": self.zk_timeout_ms,
                    "shards": self.shards,
                    "replicas": self.replicas,
                    "haproxy_port": self.haproxy_port,
                    "bin_dir": str(self.supervisor.bin_dir),
                },
                indent=2,
            )
            + "\n"
        )

    @classmethod
    def load(cls, directory, **changes):
        """The cloud that `start` laid out in ``directory`` (``changes``: haproxy_port, bin_dir)."""
        saved = Path(directory) / "cloud.json"
        if not saved.exists():
            raise CloudError(f"no cloud in {directory} ({saved} missing): `solr/run-cloud start` first")
        data = json.loads(saved.read_text())
        data.update({key: value for key, value in changes.items() if value})
        return cls(directory, **data)

    # -- life cycle

    def start(self, timeout=300):
        """Start ZooKeeper and every node, create the collection if needed, wait until every
        replica is active, then start HAProxy. CloudError (with the log's tail) when something does
        not come up."""
        build()
        self.save()
        deadline = time.monotonic() + timeout
        try:
            if self.proxy is not None:
                self.proxy.write()
            self.supervisor.start(self.programs())
            if self.supervisor.pid("zookeeper") is None:
                (self.zk_dir / "zookeeper.ready").unlink(missing_ok=True)
                self.supervisor.start_program("zookeeper")
                self._wait(
                    lambda: (self.zk_dir / "zookeeper.ready").exists(),
                    "zookeeper",
                    deadline,
                    "ZooKeeper did not get ready (configset uploaded)",
                )
            for number in range(1, len(self.node_ports) + 1):
                self.supervisor.start_program(f"node{number}")
            for number in range(1, len(self.node_ports) + 1):
                self.wait_node(number, deadline)
            if COLLECTION not in self.status()["collections"]:
                self.create_collection(deadline)
            self.wait_active(deadline - time.monotonic())
            if self.proxy is not None:
                self.supervisor.start_program("haproxy")
                self.proxy.wait_listening(lambda: self.supervisor.exited("haproxy"))
        except (supervise.SupervisorError, haproxy.HAProxyError) as error:
            raise CloudError(str(error)) from None

    def start_node(self, number, timeout=120):
        """Start node ``number`` again and wait until it answers (its replicas may still recover:
        ``wait_active``)."""
        try:
            self.supervisor.start_program(f"node{number}")
        except supervise.SupervisorError as error:
            raise CloudError(str(error)) from None
        self.wait_node(number, time.monotonic() + timeout)

    def stop_node(self, number, kill=False):
        """Stop node ``number`` for real: SIGTERM (clean) or SIGKILL (lost; ZooKeeper notices when
        its session expires, zk_timeout_ms later). False when it did not run."""
        name = f"node{number}"
        try:
            return self.supervisor.kill(name) if kill else self.supervisor.stop_program(name)
        except supervise.SupervisorError as error:
            raise CloudError(str(error)) from None

    def stop(self):
        """Stop HAProxy, the nodes, then ZooKeeper, then the supervisord (the data stay in the
        directory). False when it did not run."""
        try:
            return self.supervisor.shutdown()
        except supervise.SupervisorError as error:
            raise CloudError(str(error)) from None

    def _wait(self, condition, name, deadline, what):
        while not condition():
            gone = self.supervisor.exited(name)
            if gone:
                raise CloudError(f"{name} exited ({gone}): {what}\n{tail(self.log(name))}")
            if time.monotonic() > deadline:
                raise CloudError(f"{what} in time (timeout)\n{tail(self.log(name))}")
            time.sleep(0.3)

    def wait_node(self, number, deadline):
        """Wait until node ``number`` is registered in ZooKeeper and answers."""
        self._wait(
            lambda: answers(f"{self.base_url(number)}/admin/info/health"),
            f"node{number}",
            deadline,
            f"Solr node {number} ({self.base_url(number)}) did not answer /admin/info/health",
        )

    # -- the collection

    def any_url(self):
        """The base URL of a node that answers."""
        for number in range(1, len(self.node_ports) + 1):
            if answers(f"{self.base_url(number)}/admin/info/health", timeout=1):
                return self.base_url(number)
        raise CloudError("no Solr node answers")

    def status(self):
        """The cluster's status (Collections API CLUSTERSTATUS): live_nodes, collections..."""
        return http_json(f"{self.any_url()}/admin/collections", {"action": "CLUSTERSTATUS"})["cluster"]

    def create_collection(self, deadline):
        """Create the collection (Collections API CREATE) on the configset uploaded to ZooKeeper,
        then check that no node holds two replicas of one shard."""
        params = {
            "action": "CREATE",
            "name": COLLECTION,
            "collection.configName": COLLECTION,
            "numShards": self.shards,
            "replicationFactor": self.replicas,
            "waitForFinalState": "true",
        }
        timeout = max(deadline - time.monotonic(), 30)
        try:
            answer = http_json(f"{self.base_url(1)}/admin/collections", params, timeout=timeout)
        except urllib.error.HTTPError as error:
            raise CloudError(
                f"creating the collection failed: {error.read().decode(errors='replace')[:2000]}"
                f"\n{tail(self.log('node1'))}"
            ) from error
        if answer.get("failure"):
            raise CloudError(f"creating the collection failed: {answer['failure']}")
        for shard, replicas in self.layout().items():
            nodes = [replica["node_name"] for replica in replicas]
            if len(nodes) != len(set(nodes)):
                raise CloudError(f"{shard} has two replicas on one node: {nodes}")

    def layout(self):
        """{shard: [replica]}, each replica with its core, node_name, state, leader (bool) and
        live (its node is in live_nodes)."""
        cluster = self.status()
        live = set(cluster.get("live_nodes", ()))
        collection = cluster["collections"].get(COLLECTION)
        if collection is None:
            return {}
        return {
            shard: [
                {
                    "name": name,
                    "core": replica["core"],
                    "node_name": replica["node_name"],
                    "state": replica["state"],
                    "leader": replica.get("leader") == "true",
                    "live": replica["node_name"] in live,
                }
                for name, replica in sorted(data["replicas"].items())
            ]
            for shard, data in sorted(collection["shards"].items())
        }

    def problems(self, expect_nodes=None):
        """What keeps the collection from being whole: each shard ``replicas`` active replicas on
        live nodes (on ``expect_nodes`` when given) with a leader. [] when whole."""
        found = []
        layout = self.layout()
        if len(layout) != self.shards:
            found.append(f"{len(layout)} shards instead of {self.shards}")
        for shard, replicas in layout.items():
            active = [r for r in replicas if r["state"] == "active" and r["live"]]
            if len(active) != self.replicas:
                found.append(
                    f"{shard}: {len(active)} of {self.replicas} replicas active: "
                    + ", ".join(
                        f"{r['core']} on {r['node_name']} {r['state']}{'' if r['live'] else ' (node gone)'}"
                        for r in replicas
                    )
                )
            if not any(r["leader"] for r in active):
                found.append(f"{shard}: no active leader")
        return found

    def wait_active(self, timeout=120):
        """Wait until every shard has all its replicas active on live nodes, with a leader."""
        self.wait_for(lambda: not self.problems(), timeout, "the collection's replicas are not all active")

    def wait_serving(self, timeout=120):
        """Wait until every shard has an active leader on a live node (updates are accepted),
        whatever the state of the other replicas (a node down)."""

        def serving():
            return all(
                any(r["leader"] and r["live"] and r["state"] == "active" for r in replicas)
                for replicas in self.layout().values()
            )

        self.wait_for(serving, timeout, "not every shard has an active leader")

    def wait_gone(self, number, timeout=120):
        """Wait until ZooKeeper no longer lists node ``number`` as live (its session expired)."""
        self.wait_for(
            lambda: self.node_name(number) not in self.status()["live_nodes"],
            timeout,
            f"node {number} is still listed in live_nodes",
        )

    def wait_for(self, condition, timeout, what):
        deadline = time.monotonic() + timeout
        last = None
        while True:
            try:
                if condition():
                    return
            except (CloudError, OSError, KeyError, ValueError) as error:
                last = error
            if time.monotonic() > deadline:
                try:
                    state = "\n".join(self.problems()) or "(no problem seen now)"
                except (CloudError, OSError, KeyError, ValueError) as error:
                    state = f"(cluster status unreadable: {error})"
                logs = "\n".join(tail(self.log(f"node{n}"), 15) for n in range(1, len(self.node_ports) + 1))
                raise CloudError(f"{what} after {timeout:.0f} s (last error: {last})\n{state}\n{logs}")
            time.sleep(0.3)

    def upconfig(self):
        """Upload solr/configsets/plone to ZooKeeper again with Solr's own `bin/solr zk upconfig`
        (SolrCLI, from the same jars), then reload the collection on every node (Collections API
        RELOAD): how a configset change reaches a running cloud."""
        command = java(
            "org.apache.solr.cli.SolrCLI",
            "cli",
            "zk",
            "upconfig",
            "-n",
            COLLECTION,
            "-d",
            str(CONFIGSET.parent),
            "-z",
            self.zk_address,
        )
        # SolrCLI resolves configset names under the install dir, which this cloud has none of
        command.insert(1, f"-Dsolr.install.dir={HERE}")
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise CloudError(f"bin/solr zk upconfig failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        http_json(f"{self.any_url()}/admin/collections", {"action": "RELOAD", "name": COLLECTION}, timeout=120)

    def overseer(self):
        """The number of the node that is the Overseer (Solr's cluster coordinator)."""
        answer = http_json(f"{self.any_url()}/admin/collections", {"action": "OVERSEERSTATUS"})
        return self.number(answer["leader"])

    def describe(self):
        lines = [
            f"ZooKeeper: {self.zk_address} (zkHost)  pid {self.supervisor.pid('zookeeper')}  "
            f"log {self.log('zookeeper')}"
        ]
        for number in range(1, len(self.node_ports) + 1):
            lines.append(
                f"node {number}: {self.url(number)}  pid {self.supervisor.pid(f'node{number}')}  "
                f"log {self.log(f'node{number}')}"
            )
        if self.proxy is not None:
            lines.append(
                f"HAProxy: http://127.0.0.1:{self.proxy.port}/solr/{COLLECTION}  "
                f"pid {self.supervisor.pid('haproxy')}  config {self.proxy.config_file}"
            )
        for shard, replicas in self.layout().items():
            lines.append(
                f"{COLLECTION} {shard}: "
                + ", ".join(
                    f"{r['core']}@{self.number(r['node_name'])} {r['state']}{' leader' if r['leader'] else ''}"
                    for r in replicas
                )
            )
        return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="solr/run-cloud", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command",
        nargs="?",
        default="start",
        choices=["start", "stop", "status", "stop-node", "start-node", "upconfig"],
    )
    parser.add_argument("number", nargs="?", type=int, help="the node (1, 2...) of stop-node and start-node")
    parser.add_argument("--dir", default="var/solrcloud", help="where the cloud lives (default var/solrcloud)")
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--base-port", type=int, default=int(os.environ.get("SOLR_PORT", 8983)))
    parser.add_argument("--zk-port", type=int, help="default: base port + 1000")
    parser.add_argument(
        "--zk-timeout-ms",
        type=int,
        default=15000,
        help="ZooKeeper session timeout: how long a killed node stays 'live' (default 15000)",
    )
    parser.add_argument("--haproxy-port", type=int, help="also run an HAProxy in front of the nodes on this port")
    parser.add_argument("--bin", help="the virtualenv's bin holding supervisord (default: .venv/bin)")
    parser.add_argument("--kill", action="store_true", help="stop-node with SIGKILL (a lost node)")
    options = parser.parse_args(argv)
    directory = Path(options.dir).resolve()
    started = time.monotonic()
    try:
        if options.command == "start":
            if (directory / "cloud.json").exists():
                cloud = Cloud.load(directory, haproxy_port=options.haproxy_port, bin_dir=options.bin)
            else:
                ports = [options.base_port + i for i in range(options.nodes)]
                cloud = Cloud(
                    directory,
                    ports,
                    options.zk_port or options.base_port + 1000,
                    options.zk_timeout_ms,
                    haproxy_port=options.haproxy_port,
                    bin_dir=options.bin,
                )
            cloud.start()
            print(f"SolrCloud ready in {time.monotonic() - started:.1f} s ({directory})")
            print(cloud.describe())
            print(f"Processes: {cloud.supervisor.bin_dir / 'supervisorctl'} -c {cloud.supervisor.conf} status")
            print(
                f"Stop a node: solr/run-cloud --dir {options.dir} stop-node {len(cloud.node_ports)} [--kill]; "
                f"again: solr/run-cloud --dir {options.dir} start-node {len(cloud.node_ports)}"
            )
            return 0
        cloud = Cloud.load(directory)
        if options.command == "stop":
            print("SolrCloud stopped" if cloud.stop() else f"SolrCloud of {directory} was not running")
            return 0
        if not cloud.supervisor.running():
            raise CloudError(f"the SolrCloud of {directory} is not running: `solr/run-cloud start` first")
        if options.command == "upconfig":
            cloud.upconfig()
            print(f"configset {CONFIGSET.parent} uploaded as {COLLECTION}, collection reloaded")
        elif options.command == "status":
            print(cloud.describe())
            problems = cloud.problems()
            print("\n".join(problems) if problems else "every replica active")
            return 1 if problems else 0
        elif options.command in ("stop-node", "start-node"):
            if options.number is None or not 1 <= options.number <= len(cloud.node_ports):
                parser.error(f"{options.command} needs a node number from 1 to {len(cloud.node_ports)}")
            if options.command == "stop-node":
                done = cloud.stop_node(options.number, kill=options.kill)
                state = ("killed" if options.kill else "stopped") if done else "was not running"
                print(f"node {options.number} {state}")
            else:
                cloud.start_node(options.number)
                cloud.wait_active()
                print(f"node {options.number} back, every replica active after {time.monotonic() - started:.1f} s")
    except CloudError as error:
        print(f"run-cloud: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
