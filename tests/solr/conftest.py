"""A real Solr 9 node for the Solr tests, started with solr/run-node (as `make solr` does).

By default the session starts its own node on a free port with a throw-away home, and stops it
at the end. SOLR_URL=http://127.0.0.1:8983/solr/plone runs the tests against a node that is
already running instead (`make solr`); the tests then add and delete their own documents only.
Java or Maven missing is a failure, not a skip: CI must run these tests.
"""

from pathlib import Path

import os
import pytest
import requests
import shutil
import socket
import subprocess
import time

REPO = Path(__file__).resolve().parents[2]
RUN_NODE = REPO / "solr" / "run-node"
# the first start builds the launcher and downloads Solr's jars from Maven Central
START_TIMEOUT = float(os.environ.get("SOLR_START_TIMEOUT", "600"))


def _answers(core_url):
    try:
        return requests.get(
            f"{core_url}/admin/ping", params={"wt": "json"}, timeout=2
        ).ok
    except requests.RequestException:
        return False


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path, lines=40):
    text = path.read_text(errors="replace") if path.exists() else "(no log)"
    return "\n".join(text.splitlines()[-lines:])


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

    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"The Solr tests need Java 17 and Maven; missing: {', '.join(missing)}. "
            "`make test-deps` installs them (Debian: default-jdk-headless maven)."
        )

    port = _free_port()
    home = tmp_path_factory.mktemp("solr-home")
    log = home.parent / f"{home.name}.log"
    with open(log, "wb") as out:
        node = subprocess.Popen(
            [str(RUN_NODE), "--port", str(port), "--home", str(home)],
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches pytest, which stops the node below
        )
    url = f"http://127.0.0.1:{port}/solr/plone"
    started = time.monotonic()
    try:
        while not _answers(url):
            if node.poll() is not None:
                pytest.fail(
                    f"The Solr node exited with {node.returncode} before answering; "
                    f"{log}:\n{_tail(log)}"
                )
            if time.monotonic() - started > START_TIMEOUT:
                pytest.fail(
                    f"The Solr node did not answer {url}/admin/ping within "
                    f"{START_TIMEOUT:.0f} s; {log}:\n{_tail(log)}"
                )
            time.sleep(0.5)
        yield url
    finally:
        node.terminate()  # SIGTERM: the node stops Solr cleanly
        try:
            node.wait(timeout=60)
        except subprocess.TimeoutExpired:
            node.kill()
            node.wait()
