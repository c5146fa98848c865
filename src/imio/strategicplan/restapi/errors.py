"""The add-on's REST errors in plone.restapi's shape: ``{"error": {"type", "message", ...}}``, with
the add-on's details inside (``field``, ``fields``, ``file``, ``line``, ``path``): docs/api.md."""

from zope.i18n import translate
from zope.i18nmessageid import Message


TYPES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    413: "RequestEntityTooLarge",
    503: "ServiceUnavailable",
}


def error(request, status, message, **details):
    """Set ``status`` on the response and return its body. ``message``: a msgid (translated in the
    request's language) or text; ``details``: the add-on's keys, those that are None left out."""
    request.response.setStatus(status)
    if isinstance(message, Message):
        message = translate(message, context=request)
    body = {"type": TYPES[status], "message": message}
    body.update((name, value) for name, value in details.items() if value is not None)
    return {"error": body}
