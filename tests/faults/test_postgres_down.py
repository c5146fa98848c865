"""PostgreSQL stopped while clients write through a RelStorage instance (docs/deploy/faults.md):
every request gets 503 « La base de données ne répond pas » (JSON for REST clients, a short page
otherwise), the instance recovers by itself once PostgreSQL is back, and nothing is half-written:
each write answered 2xx is there, each answered 503 is not. The instance is served with
etc/zope.ini's pipeline, its `unavailable` filter included (src/imio/strategicplan/unavailable/)."""

from imio.strategicplan.testing import SEED_PLAN_ID
from tests.faults.conftest import create_site
from tests.faults.conftest import relstorage_instance
from tests.faults.conftest import Server

import pytest
import threading
import time


pytestmark = pytest.mark.cli

MESSAGE = "La base de données ne répond pas ; réessayez dans un instant."
MESSAGE_EN = "The database is not answering; please try again in a moment."
PLAN = f"/Plone/{SEED_PLAN_ID}"
OBJECTIVE = f"{PLAN}/valeur-maitrise/objectif-respecter-le-plan-financier-2020-2022"
INDICATOR = f"{PLAN}/valeur-maitrise/indicateur-clotures-comptables-trimestrielles"


class Writer(threading.Thread):
    """Writes in a loop, each write with its own number; keeps (number, status, phase) of each."""

    def __init__(self, client, write):
        super().__init__(daemon=True)
        self.client, self.write, self.results, self.phase, self.done = client, write, [], "up", False

    def run(self):
        n = 0
        while not self.done:
            n += 1
            phase = self.phase
            try:
                status, headers, body = self.write(self.client, n)
            except Exception as exc:  # no answer at all would be a failure too
                status, headers, body = None, {}, repr(exc)
            self.results.append((n, status, phase, headers.get("Content-Type"), body))
            time.sleep(0.02)

    def count(self, status, phase):
        return sum(1 for _, s, p, _, _ in self.results if s == status and p == phase)


def patch_description(client, n):
    return client.request("PATCH", OBJECTIVE, {"description": f"écriture {n}"})


def post_measurement(client, n):
    return client.request("POST", f"{INDICATOR}/@measurements", {"date": "2021-03-31", "value": n})


def wait_for(condition, timeout, what, writers=()):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}: " + "; ".join(
            repr([r[:3] + (str(r[4])[:200],) for r in w.results[-3:]]) for w in writers
        )
        time.sleep(0.05)


def test_postgres_stopped_during_writes(own_postgres, tmp_path):
    home = tmp_path
    database, dsn = own_postgres.database()
    conf = relstorage_instance(home, dsn)
    create_site(home, conf)
    server = Server(home, conf).start()
    writers = [
        Writer(server.client(timeout=60), patch_description),
        Writer(server.client(timeout=60), post_measurement),
    ]
    reader = server.client(timeout=60)
    try:
        for writer in writers:
            writer.start()
        wait_for(
            lambda: all(w.count(w.results[0][1] if w.results else 0, "up") >= 3 for w in writers),
            60,
            "writes before the stop",
            writers,
        )
        start = time.monotonic()
        own_postgres.pg("stop")
        stopped_in = time.monotonic() - start
        for writer in writers:
            writer.phase = "down"
        wait_for(lambda: all(w.count(503, "down") >= 5 for w in writers), 30, "503s while PostgreSQL is down", writers)
        # reads fail the same way; REST clients get JSON, browsers a short page
        status, headers, body = reader.request("GET", OBJECTIVE)
        assert (status, headers["Content-Type"], body) == (
            503,
            "application/json",
            {"error": {"type": "ServiceUnavailable", "message": MESSAGE}},
        )
        assert (headers["Retry-After"], headers["Cache-Control"]) == ("10", "no-store")
        status, headers, body = reader.request("GET", OBJECTIVE, accept="text/html")
        assert status == 503 and headers["Content-Type"].startswith("text/html"), (status, headers)
        assert MESSAGE in body.decode("utf-8") and "Traceback" not in body.decode("utf-8")
        # in the client's language when it asks for one (French otherwise: the site's settings
        # are in the database)
        status, headers, body = reader.request("GET", OBJECTIVE, language="en")
        assert (status, body) == (503, {"error": {"type": "ServiceUnavailable", "message": MESSAGE_EN}})
    finally:
        # the server is ours: started again whatever happened
        own_postgres.pg("start")
    try:
        for writer in writers:
            writer.phase = "back"
        start = time.monotonic()
        wait_for(
            lambda: all(sum(1 for r in w.results if r[2] == "back" and r[1] in (200, 201, 204)) >= 3 for w in writers),
            60,
            "writes after PostgreSQL is back",
            writers,
        )
        recovered_in = time.monotonic() - start
    finally:
        for writer in writers:
            writer.done = True
        for writer in writers:
            writer.join(timeout=60)
    assert server.supervisor.pid("zope") == server.pid  # the same process: recovered without a restart
    # the 503s are in the access log: the filter sits inside translogger (etc/zope.ini)
    assert '" 503 ' in (home / "var" / "log" / "access.log").read_text()
    print(
        "observed",
        {
            "stopped_in": round(stopped_in, 2),
            "recovered_in": round(recovered_in, 2),
            **{
                w.write.__name__: {
                    phase: sorted({str(s) for _, s, p, _, _ in w.results if p == phase})
                    for phase in ("up", "down", "back")
                }
                for w in writers
            },
        },
    )
    try:
        for writer, created in zip(writers, (204, 201)):
            statuses = {status for _, status, _, _, _ in writer.results}
            assert statuses <= {created, 503}, [r for r in writer.results if r[1] not in (created, 503)][:3]
            for _, status, _, content_type, body in writer.results:
                if status == 503:
                    assert content_type == "application/json"
                    assert body == {"error": {"type": "ServiceUnavailable", "message": MESSAGE}}
        # nothing half-written: exactly the writes answered 2xx are there
        patches, posts = writers
        written = [n for n, status, _, _, _ in patches.results if status == 204]
        status, _, objective = reader.request("GET", OBJECTIVE)
        assert status == 200 and objective["description"] == f"écriture {written[-1]}"
        status, _, indicator = reader.request("GET", INDICATOR)
        values = sorted(int(m["value"]) for m in indicator["measurements"])
        assert values == sorted(n for n, status, _, _, _ in posts.results if status == 201)
    finally:
        server.stop()
