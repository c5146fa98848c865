#!/usr/bin/env python3
"""An HAProxy in front of Solr nodes: one address for collective.solr (which talks to one host and
port) that keeps answering when the node behind it dies (docs/solrcloud.md).

    python3 solr/haproxy.py --port 8990 --node 127.0.0.1:8983 --node 127.0.0.1:8984 > haproxy.cfg
    haproxy -f haproxy.cfg

Each node is checked with `GET /solr/plone/admin/ping` every half second: two failures take it out,
two successes bring it back. A request sent to a node that refuses the connection or closes it
without an answer (a node just lost, not yet marked down) is sent again to another node.
Debian's `haproxy` package (2.6) runs it: `solr/run-cloud --haproxy-port` and cluster/run run it
in the foreground (`haproxy -db`) under their group's supervisord (scripts/supervise.py). Standard
library only.
"""

from pathlib import Path

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time


CHECK_PATH = "/solr/plone/admin/ping"


def preamble(written_by, stats_socket=None):
    """The first lines of an haproxy.cfg: who wrote it, then its ``global`` section (the stats
    socket that ``HAProxy`` reads the servers' states from). Shared with
    cluster/cluster.py, whose ``defaults`` differ (timeouts, what is retried)."""
    lines = [f"# written by imio.strategicplan's {written_by}", "global", "    maxconn 512"]
    if stats_socket:
        lines.append(f"    stats socket {stats_socket} mode 600 level admin")
    return lines


def config(port, nodes, bind="127.0.0.1", check_path=CHECK_PATH, stats_socket=None):
    """The text of an haproxy.cfg balancing ``port`` over ``nodes`` ("host:port" of Solr nodes)."""
    lines = preamble("solr/haproxy.py: Solr nodes behind one address", stats_socket)
    lines += [
        "",
        "defaults",
        "    mode http",
        "    timeout connect 2s",
        # collective.solr waits 10 s for an update and 5 s for a search (profile `solr`)
        "    timeout client 120s",
        "    timeout server 120s",
        "    timeout check 2s",
        # a node that refuses the connection or drops it without answering: try again, on
        # another node each time (Solr's updates are idempotent: documents are keyed by UID)
        "    retries 2",
        "    option redispatch 1",
        "    retry-on conn-failure empty-response",
        "",
        "frontend solr",
        f"    bind {bind}:{port}",
        "    default_backend solr_nodes",
        "",
        "backend solr_nodes",
        "    balance roundrobin",
        "    option httpchk",
        f"    http-check send meth GET uri {check_path}",
        "    http-check expect status 200",
        "    default-server inter 500ms fall 2 rise 2",
    ]
    for number, node in enumerate(nodes, 1):
        lines.append(f"    server node{number} {node} check")
    return "\n".join(lines) + "\n"


def binary():
    """The haproxy program: on the PATH, or Debian's /usr/sbin/haproxy (not on a user's PATH)."""
    found = shutil.which("haproxy")
    if found is None and os.access("/usr/sbin/haproxy", os.X_OK):
        found = "/usr/sbin/haproxy"
    return found


class HAProxyError(RuntimeError):
    """HAProxy did not start, or its servers did not reach the expected state in time."""


class HAProxy:
    """An HAProxy of our own (never the system service): its config, log and stats socket under
    ``directory``. Its process is a program of the group's supervisord (``program()``)."""

    def __init__(self, directory, port, nodes, check_path=CHECK_PATH):
        self.directory = Path(directory)
        self.port, self.nodes, self.check_path = port, list(nodes), check_path
        self.config_file = self.directory / "haproxy.cfg"
        self.socket = self.directory / "haproxy.sock"
        self.log = self.directory / "haproxy.log"

    def config(self):
        return config(self.port, self.nodes, check_path=self.check_path, stats_socket=self.socket)

    def write(self):
        """Write the config and check it (`haproxy -c`); HAProxyError when it is refused."""
        program = binary()
        if program is None:
            raise HAProxyError("'haproxy' not found: apt-get install haproxy")
        self.directory.mkdir(parents=True, exist_ok=True)
        self.config_file.write_text(self.config())
        checked = subprocess.run([program, "-c", "-q", "-f", str(self.config_file)], capture_output=True, text=True)
        if checked.returncode:
            raise HAProxyError(f"haproxy -c refused {self.config_file}:\n{checked.stdout}{checked.stderr}")

    def command_line(self):
        """HAProxy in the foreground (-db), as supervisord runs it."""
        return [binary() or "haproxy", "-db", "-f", str(self.config_file)]

    def wait_listening(self, exited=lambda: None, timeout=10):
        """Wait until HAProxy accepts connections on its port; ``exited()`` says when its process
        ended (a reason, else None)."""
        deadline = time.monotonic() + timeout
        while not self._listens():
            gone = exited()
            if gone:
                raise HAProxyError(f"haproxy exited ({gone}):\n{self._tail()}")
            if time.monotonic() > deadline:
                raise HAProxyError(f"haproxy does not listen on 127.0.0.1:{self.port}:\n{self._tail()}")
            time.sleep(0.1)

    def _listens(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def _tail(self, lines=20):
        text = self.log.read_text(errors="replace") if self.log.exists() else "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def command(self, text):
        """The answer of HAProxy's stats socket to ``text`` (e.g. "show stat")."""
        with socket.socket(socket.AF_UNIX) as client:
            client.settimeout(5)
            client.connect(str(self.socket))
            client.sendall(text.encode() + b"\n")
            chunks = []
            while chunk := client.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def states(self):
        """{server name: status} of the Solr nodes as HAProxy sees them ("UP", "DOWN", ...)."""
        lines = self.command("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        found = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(",")))
            if row.get("pxname") == "solr_nodes" and row.get("svname") not in ("BACKEND", None):
                found[row["svname"]] = row["status"]
        return found

    def wait_states(self, expected, timeout=30):
        """Wait until the servers are in the ``expected`` states ({"node1": "UP", ...})."""
        deadline = time.monotonic() + timeout
        while True:
            seen = self.states()
            if all(seen.get(name, "").startswith(state) for name, state in expected.items()):
                return seen
            if time.monotonic() > deadline:
                raise HAProxyError(f"HAProxy sees {seen}, not {expected}, after {timeout} s:\n{self._tail()}")
            time.sleep(0.2)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True, help="where collective.solr connects")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--node", action="append", required=True, help="host:port of a Solr node (repeat)")
    parser.add_argument("--check-path", default=CHECK_PATH)
    parser.add_argument("--stats-socket")
    options = parser.parse_args(argv)
    sys.stdout.write(
        config(
            options.port,
            options.node,
            bind=options.bind,
            check_path=options.check_path,
            stats_socket=options.stats_socket,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
