"""The JSON body of a request to one of the plan endpoints."""

from imio.strategicplan import _
from imio.strategicplan.i18n import localize

import json


class BodyError(ValueError):
    """The body cannot be used: the message is in the request's language; ``field`` names the
    field at fault, when one is."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def json_object(request):
    """The request body as a dict (``{}`` when empty); raises BodyError (answer 400) otherwise."""
    body = request.get("BODY") or b""
    if not body.strip():
        return {}
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BodyError(localize(_("Le corps de la requête n'est pas du JSON valide."))) from None
    if not isinstance(data, dict):
        raise BodyError(localize(_("Le corps de la requête doit être un objet JSON.")))
    return data
