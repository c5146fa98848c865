"""503 « La base de données ne répond pas » when RelStorage cannot reach PostgreSQL.

What arrives is the driver's exception as RelStorage re-raises it (``psycopg2.OperationalError``:
"Connection refused", "server closed the connection unexpectedly"; ``psycopg2.InterfaceError``:
"connection already closed"), mostly at the very start of a request: ``db.open()`` polls the
database for invalidations in ZPublisher's ``load_app``, before the publisher's exception
handling, where no exception view can answer and waitress serves a plain 500. So:

- ``guard_application`` wraps the application loader (``Zope2.bobo_application``): a load that
  fails on a database error gives a stand-in root that raises ``DatabaseUnavailable`` when the
  publisher starts traversing it, inside the publisher's exception handling (a ``PubStart``
  subscriber would be too early: ZPublisher then swallows the answer);
- ``DatabaseUnavailableView``, the exception view of these errors, answers 503 with
  ``Retry-After``: JSON ``{"type": "ServiceUnavailable", "message"}`` for REST clients, a short
  HTML page otherwise. An error later in a request (a load, the commit: "FATAL: the database
  system is shutting down", "server closed the connection unexpectedly") goes to it directly;
  it keeps the publisher's abort from polling the database again (``_no_poll_on_abort``).

Nothing is written by a request answered so: its transaction is aborted. One case is not a
failure: the commit went through (PostgreSQL said COMMIT) and the database failed just after, when
the connection polls for invalidations after the commit (``afterCompletion``); the publisher sees
the error and would answer 503 for a write that is saved, and a client retrying a POST would then
add it twice. The view sees the transaction committed and gives the request's own answer (its
status kept at ``IPubBeforeCommit`` by ``keep_status``, its body still in the response).
docs/deploy/faults.md.

This leans on Zope's and ZODB's internals, listed in docs/deploy/faults.md ("What this relies
on"): re-check them when Zope or ZODB is upgraded; tests/faults/test_postgres_down.py fails if
one of them changes.
"""

from imio.strategicplan import _
from imio.strategicplan import logger
from imio.strategicplan.i18n import localize
from Products.Five.browser import BrowserView
from zope.globalrequest import getRequest
from zope.i18n import translate

import html
import json
import transaction

RETRY_AFTER = "10"
MESSAGE = _("La base de données ne répond pas ; réessayez dans un instant.")
TITLE = _("Service momentanément indisponible")


def _database_errors():
    errors = []
    try:
        import psycopg2
    except ImportError:  # pragma: no cover - FileStorage only
        pass
    else:
        errors += [psycopg2.OperationalError, psycopg2.InterfaceError]
    try:
        from relstorage.adapters.interfaces import ReplicaClosedException
    except ImportError:  # pragma: no cover
        pass
    else:
        errors.append(ReplicaClosedException)
    return tuple(errors)


# RelStorage's "disconnected" exceptions for PostgreSQL (its driver's disconnected_exceptions)
DATABASE_ERRORS = _database_errors()


class DatabaseUnavailable(Exception):
    """The database did not answer when the request opened its connection."""


class _NoConnection:
    def close(self):
        pass


class _Unreachable:
    """The stand-in root of a request whose database connection could not be opened."""

    _p_jar = _NoConnection()

    def __init__(self, error):
        self._error = error

    def __of__(self, parent):
        # the first thing BaseRequest.traverse does with the root (after __bobo_traverse__,
        # whose errors it ignores)
        raise DatabaseUnavailable(str(self._error).strip()) from self._error


class GuardedApplication:
    """Zope's application loader; a database error while opening gives a stand-in root."""

    def __init__(self, wrapped):
        self._wrapped = wrapped

    def __getattr__(self, name):
        return getattr(self._wrapped, name)

    def __call__(self, connection=None):
        try:
            return self._wrapped(connection)
        except DATABASE_ERRORS as exc:
            if getRequest() is None:  # not a request: a script
                raise
            return _Unreachable(exc)


def guard_application(event):
    """Wrap ``Zope2.bobo_application`` once the database is open (IDatabaseOpenedWithRoot)."""
    import Zope2

    app = getattr(Zope2, "bobo_application", None)
    if DATABASE_ERRORS and app is not None and not isinstance(app, GuardedApplication):
        Zope2.bobo_application = GuardedApplication(app)


def _text(message):
    """``message`` in the language the client asks for (Accept-Language), else French, the sites'
    first language: the site's own language settings are in the unreachable database."""
    request = getRequest()
    if request is None or not request.getHeader("Accept-Language"):
        return translate(message, target_language="fr")
    try:
        return localize(message)
    except Exception:
        return translate(message, target_language="fr")


def _first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def wants_json(request):
    accept = request.getHeader("Accept") or ""
    return "application/json" in accept


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


STATUS_KEY = "imio.strategicplan.status_before_commit"


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
            logger.warning("database unreachable after a commit (the write is saved), answered %s: %s: %s",
                           status, type(self.context).__name__, _first_line(self.context))
            self.request.response.setStatus(status, lock=True)
            return self.request.response.body
        logger.warning("database unreachable, answered 503: %s: %s", type(self.context).__name__,
                       _first_line(self.context))
        message = _text(MESSAGE)
        response = self.request.response
        response.setStatus(503, lock=True)
        response.setHeader("Retry-After", RETRY_AFTER)
        response.setHeader("Cache-Control", "no-store")
        if wants_json(self.request):
            response.setHeader("Content-Type", "application/json")
            return json.dumps({"type": "ServiceUnavailable", "message": message})
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        title = html.escape(_text(TITLE))
        return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
                f"<body><h1>{title}</h1><p>{html.escape(message)}</p></body></html>\n")
