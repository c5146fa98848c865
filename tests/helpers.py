"""Small helpers shared by the test packages that start servers of their own."""

from pathlib import Path

import importlib.util
import socket


REPO = Path(__file__).resolve().parents[1]


def free_ports(count=1):
    """``count`` distinct TCP ports free on 127.0.0.1 (all held open together while chosen)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def free_port():
    return free_ports(1)[0]


def ok(done):
    """The stdout of a finished console script or command; fails with the end of its output otherwise."""
    assert done.returncode == 0, f"{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def load_script(relative):
    """A standard-library script of the repository outside the package (``cluster/cluster.py``,
    ``solr/cloud.py``...), loaded as a module under a name of its own."""
    path = REPO / relative
    name = "strategicplan_" + "_".join(Path(relative).with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def json_session(url, auth=None):
    """A session on a live test server asking for JSON (plone.restapi), relative to ``url``;
    ``auth``: (login, password) or None for anonymous. The caller closes it."""
    from plone.restapi.testing import RelativeSession

    session = RelativeSession(url)
    session.headers.update({"Accept": "application/json"})
    session.auth = auth
    return session
