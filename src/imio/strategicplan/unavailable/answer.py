"""The 503 answer: JSON for REST clients, a short page otherwise, in the client's language."""

from imio.strategicplan import _
from zope.i18n import translate

import html
import json


RETRY_AFTER = "10"
MESSAGE = _("La base de données ne répond pas ; réessayez dans un instant.")
TITLE = _("Service momentanément indisponible")
HEADERS = (("Retry-After", RETRY_AFTER), ("Cache-Control", "no-store"))


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


def first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def wants_json(request):
    accept = request.getHeader("Accept") or ""
    return "application/json" in accept


def _text(message, request):
    """``message`` in the language the client asks for (Accept-Language, through Plone's
    negotiation on ``request``), else French, the sites' first language: the site's own language
    settings are in the unreachable database."""
    if not request.getHeader("Accept-Language"):
        return translate(message, target_language="fr")
    try:
        return translate(message, context=request)
    except Exception:
        return translate(message, target_language="fr")


def unavailable(request):
    """(content type, body) of the 503 for ``request`` (a Zope request); the status and
    ``HEADERS`` are the caller's to set."""
    message = _text(MESSAGE, request)
    if wants_json(request):
        return "application/json", json.dumps({"error": {"type": "ServiceUnavailable", "message": message}})
    title = html.escape(_text(TITLE, request))
    return "text/html; charset=utf-8", (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><h1>{title}</h1><p>{html.escape(message)}</p></body></html>\n"
    )
