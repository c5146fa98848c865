"""Messages in the language of the request being answered (French first, English second)."""

from zope.globalrequest import getRequest
from zope.i18n import translate


def localize(message):
    """``message`` (an i18n Message) as text in the current request's language.

    Without a request (a console script) it is French, the site's first language.
    """
    request = getRequest()
    if request is None:
        return translate(message, target_language="fr")
    return translate(message, context=request)
