"""A write committed just before the database fails keeps its own answer, not a 503.

With RelStorage, after PostgreSQL says COMMIT the ZODB connection polls it for invalidations
(``Connection.afterCompletion``); PostgreSQL dying in that instant raises from the publisher's
commit, which then answered 503 for a write that is saved: a client retrying the POST added the
measurement twice. Seen once in tests/faults/test_postgres_down.py (CI, 2026-11-28), whose timing
cannot be chosen. Here the same error is raised at the same place on purpose: a transaction
synchronizer whose ``afterCompletion`` raises psycopg2's OperationalError once, after the real
commit of the test server's storage. That synchronizer is the only stand-in; the publisher,
exception view, transaction and storage are the real ones.
"""

from imio.strategicplan.testing import SEED_PLAN_ID
from zope.component import getGlobalSiteManager
from ZPublisher.interfaces import IPubBeforeCommit

import psycopg2
import pytest
import transaction


INDICATOR = f"{SEED_PLAN_ID}/valeur-cooperation/indicateur-nombre-de-reunions-avec-les-membres"
HEADER = "X-Test-Database-Dies-After-Commit"
KEEP = []  # transaction managers hold their synchronizers weakly


class DiesAfterCommit:
    """Raises once in afterCompletion, as RelStorage's poll does when PostgreSQL just died."""

    def __init__(self, manager):
        self.manager = manager

    def beforeCompletion(self, txn):
        pass

    def newTransaction(self, txn):
        pass

    def afterCompletion(self, txn):
        self.manager.unregisterSynch(self)
        if txn.status == "Committed":
            raise psycopg2.OperationalError("server closed the connection unexpectedly")


def _dies_after_commit(event):
    if event.request.getHeader(HEADER):
        synch = DiesAfterCommit(transaction.manager)
        KEEP.append(synch)
        transaction.manager.registerSynch(synch)


@pytest.fixture
def database_dies_after_commit():
    registry = getGlobalSiteManager()
    registry.registerHandler(_dies_after_commit, (IPubBeforeCommit,))
    yield {HEADER: "1"}
    registry.unregisterHandler(_dies_after_commit, (IPubBeforeCommit,))
    KEEP.clear()


def test_a_committed_post_keeps_its_answer(functional, manager, database_dies_after_commit):
    response = manager.post(
        f"{INDICATOR}/@measurements", json={"date": "2021-03-31", "value": 12}, headers=database_dies_after_commit
    )
    assert KEEP, "the failure was not injected"
    assert response.status_code == 201, response.text
    assert response.json()["measurement"] == {"date": "2021-03-31", "value": 12.0, "comment": None}
    # saved once: the client has no reason to send it again
    assert manager.get(INDICATOR).json()["measurements"] == [{"date": "2021-03-31", "value": 12.0, "comment": None}]


def test_a_committed_patch_keeps_its_answer(functional, manager, database_dies_after_commit):
    response = manager.patch(
        INDICATOR, json={"description": "écrit avant la panne"}, headers=database_dies_after_commit
    )
    assert response.status_code == 204, response.text
    assert manager.get(INDICATOR).json()["description"] == "écrit avant la panne"
