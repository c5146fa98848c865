"""Site policy applied by `strategicplan-create-site` (and the test layer): French first."""

from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def configure_languages(site, default="fr", available=("fr", "en")):
    """French by default, English for browsers and clients that ask for it."""
    registry = getUtility(IRegistry)
    registry["plone.default_language"] = default
    registry["plone.available_languages"] = list(available)
    registry["plone.use_request_negotiation"] = True
    site.setLanguage(default)
