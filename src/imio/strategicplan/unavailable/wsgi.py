"""The WSGI filter of the instance's pipeline (etc/zope.ini): 503 when the Zope application
raises a database error, instead of waitress's 500.

    [filter:unavailable]
    use = egg:imio.strategicplan#unavailable

What reaches it: the error of ``db.open()`` in ZPublisher's ``load_app`` (PostgreSQL down when
the request starts: no Zope error handling there), and any database error the publisher let
through. The application has not called ``start_response`` then (ZPublisher calls it once the
answer is complete); an error while the body is being sent is not caught.
"""

from imio.strategicplan import logger
from imio.strategicplan.unavailable.answer import DATABASE_ERRORS
from imio.strategicplan.unavailable.answer import first_line
from imio.strategicplan.unavailable.answer import HEADERS
from imio.strategicplan.unavailable.answer import unavailable
from ZPublisher.HTTPRequest import WSGIRequest
from ZPublisher.HTTPResponse import WSGIResponse

import sys


class UnavailableFilter:
    """503 « La base de données ne répond pas » for the database errors the application raises."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        try:
            return self.app(environ, start_response)
        except DATABASE_ERRORS as exc:
            logger.warning("database unreachable, answered 503: %s: %s", type(exc).__name__, first_line(exc))
            # a request of Zope's own kind for the answer's language (Plone's negotiation:
            # the pts_language cookie, Accept-Language); nothing is read from the body
            request = WSGIRequest(environ["wsgi.input"], environ, WSGIResponse())
            try:
                content_type, body = unavailable(request)
            finally:
                request.close()
            body = body.encode("utf-8")
            headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *HEADERS]
            start_response("503 Service Unavailable", headers, sys.exc_info())
            return [body]


def filter_app_factory(app, global_conf, **local_conf):
    """PasteDeploy's ``paste.filter_app_factory`` entry point ``unavailable``."""
    return UnavailableFilter(app)
