"""The 503 of a database error inside the publisher (a load during traversal, the commit).

Nothing is written by a request answered so: its transaction is aborted. One case is not a
failure: the commit went through (PostgreSQL said COMMIT) and the database failed just after, when
the connection polls for invalidations after the commit (``afterCompletion``); the publisher sees
the error and would answer 503 for a write that is saved, and a client retrying a POST would then
add it twice. The view sees the transaction committed and gives the request's own answer (its
status kept at ``IPubBeforeCommit`` by ``keep_status``, its body still in the response).

This leans on Zope's and ZODB's internals, listed in docs/deploy/faults.md ("What this relies
on"): re-check them when Zope or ZODB is upgraded; tests/faults/test_postgres_down.py and
tests/services/test_unreachable_after_commit.py fail if one of them changes.
"""

from imio.strategicplan import logger
from imio.strategicplan.unavailable.answer import first_line
from imio.strategicplan.unavailable.answer import HEADERS
from imio.strategicplan.unavailable.answer import unavailable
from Products.Five.browser import BrowserView

import transaction


STATUS_KEY = "imio.strategicplan.status_before_commit"


def _no_poll_on_abort(request):
    """Keep the publisher's abort of this request from polling the unreachable database, and
    the error log from loading objects.

    ZPublisher aborts the transaction after this view; the abort makes the ZODB connection poll
    for invalidations (``afterCompletion``), which raises again and replaces the 503 by waitress's
    500. The connection skips that poll in explicit mode; it is back in implicit mode (and polls)
    when the next request opens it (``Connection.open``).
    """
    parents = request.get("PARENTS") or []
    for obj in reversed(parents):
        jar = getattr(obj, "_p_jar", None)
        if jar is not None and hasattr(jar, "explicit_transactions"):
            jar.explicit_transactions = True
            break
    # and the error log (Products.SiteErrorLog's PubFailure subscriber) from looking for its
    # persistent log in the objects traversed: loading them raises again
    request.other.pop("PUBLISHED", None)
    del parents[:]


def keep_status(event):
    """IPubBeforeCommit: the request's answer is ready; keep its status (the publisher replaces
    it with the error's when the commit raises)."""
    event.request.environ[STATUS_KEY] = event.request.response.getStatus()


def _committed():
    # transaction's Status.COMMITTED; commit() leaves the transaction so when a synchronizer's
    # afterCompletion raises after the storage committed
    return transaction.get().status == "Committed"


class DatabaseUnavailableView(BrowserView):
    """503: the database does not answer; JSON for REST clients, a short page otherwise."""

    def __call__(self):
        _no_poll_on_abort(self.request)
        status = self.request.environ.get(STATUS_KEY)
        if status is not None and _committed():
            logger.warning(
                "database unreachable after a commit (the write is saved), answered %s: %s: %s",
                status,
                type(self.context).__name__,
                first_line(self.context),
            )
            self.request.response.setStatus(status, lock=True)
            return self.request.response.body
        logger.warning(
            "database unreachable, answered 503: %s: %s", type(self.context).__name__, first_line(self.context)
        )
        content_type, body = unavailable(self.request)
        response = self.request.response
        response.setStatus(503, lock=True)
        for name, value in HEADERS:
            response.setHeader(name, value)
        response.setHeader("Content-Type", content_type)
        return body
