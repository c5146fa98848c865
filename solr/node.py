#!/usr/bin/env python3
"""The local Solr node of `make solr` (solr/run-node: core `plone` on 127.0.0.1) under a supervisord
of its own in the node's home (docs/solr.md).

    solr/node.py start [--port 8983] [--home var/solr] [--log var/log/solr.log] [--bin .venv/bin]
                       [--timeout 90]
    solr/node.py stop [--home var/solr]

`start` starts the node and returns once it answers /solr/plone/admin/ping (at once when
something answers there already); the node runs on in the background, a program of the
supervisord of HOME/supervisord.conf (scripts/supervise.py). `stop` stops the node (SIGTERM: Solr
stops cleanly) and the supervisord. The Solr tests and bench/solr_search.py start their nodes
with ``Node`` too. Standard library only.
"""

from pathlib import Path

import argparse
import importlib.util
import sys
import time
import urllib.error
import urllib.request


HERE = Path(__file__).resolve().parent
RUN_NODE = HERE / "run-node"
CORE = "plone"


def _load_supervise():
    spec = importlib.util.spec_from_file_location(
        "strategicplan_scripts_supervise", HERE.parent / "scripts" / "supervise.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


supervise = _load_supervise()


class NodeError(RuntimeError):
    """The node did not answer in time, or exited before it did."""


def answers(core_url, timeout=2):
    try:
        with urllib.request.urlopen(f"{core_url}/admin/ping?wt=json", timeout=timeout) as reply:
            return reply.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


class Node:
    """solr/run-node on ``port`` with ``home`` (kept between starts: stopping and starting again
    keeps the core's documents), the program `solr` of the supervisord in ``home``."""

    def __init__(self, home, port=8983, log=None, bin_dir=None):
        self.home, self.port = Path(home).resolve(), port
        self.log = Path(log).resolve() if log else self.home.parent / f"{self.home.name}.log"
        self.url = f"http://127.0.0.1:{port}/solr/{CORE}"
        self.supervisor = supervise.Supervisor(self.home, bin_dir, name="solr")

    def program(self):
        return supervise.Program(
            "solr",
            [RUN_NODE, "--port", self.port, "--home", self.home],
            self.log,
            directory=HERE.parent,
            stopwaitsecs=60,
        )

    def start(self, timeout=90):
        """Start the node and wait until it answers; seconds waited. NodeError with the end of
        its log when it exits first or does not answer within ``timeout`` (then it is stopped)."""
        started = time.monotonic()
        self.log.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.supervisor.start([self.program()])
            self.supervisor.start_program("solr")
        except supervise.SupervisorError as error:
            raise NodeError(str(error)) from None
        while not answers(self.url):
            gone = self.supervisor.exited("solr")
            if gone:
                raise NodeError(f"the Solr node exited before answering ({gone}); {supervise.tail(self.log)}")
            if time.monotonic() - started > timeout:
                self.stop()
                raise NodeError(
                    f"the Solr node did not answer {self.url}/admin/ping within {timeout:.0f} s "
                    f"(stopped); {supervise.tail(self.log)}"
                )
            time.sleep(0.5)
        return time.monotonic() - started

    def stop(self):
        """Stop the node, keep the supervisord (``start`` again); False when it did not run."""
        return self.supervisor.stop_program("solr")

    def shutdown(self):
        """Stop the node and the supervisord; False when they did not run."""
        return self.supervisor.shutdown()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="solr/node.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["start", "stop"])
    parser.add_argument("--port", type=int, default=8983)
    parser.add_argument("--home", default="var/solr")
    parser.add_argument("--log", default="var/log/solr.log")
    parser.add_argument("--bin", help="the virtualenv's bin holding supervisord (default: .venv/bin)")
    parser.add_argument("--timeout", type=float, default=90, help="seconds to wait for the node (default 90)")
    options = parser.parse_args(argv)
    node = Node(options.home, options.port, options.log, options.bin)
    if options.command == "stop":
        print(f"Solr stopped ({node.home})" if node.shutdown() else f"No Solr node of {options.home} is running")
        return 0
    if answers(node.url):
        print(f"Solr already answers: {node.url}/admin/ping")
        return 0
    print(f"== Starting Solr on 127.0.0.1:{node.port} (home {options.home}, log {options.log})")
    try:
        waited = node.start(options.timeout)
    except NodeError as error:
        node.shutdown()
        print(f"solr/node.py: {error}", file=sys.stderr)
        return 1
    print(f"Solr answers after {waited:.0f} s: {node.url}")
    print(f"Processes: {node.supervisor.bin_dir / 'supervisorctl'} -c {node.supervisor.conf} status")
    return 0


if __name__ == "__main__":
    sys.exit(main())
