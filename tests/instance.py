"""The instance's own ZCML in a functional test, as `make start` writes it: the cors.zcml that
scripts/instance_zcml.py writes from etc/cors.zcml.in with the origins of
$STRATEGICPLAN_CORS_ORIGINS (the file etc/site.zcml includes), loaded for one test and removed
after it. Not a layer: a layer beside the add-on's would stay set up for the rest of the session
(pytest-plone's layers live as long as it), its policy leaking into every later test."""

from plone.rest.interfaces import ICORSPolicy
from plone.testing.zca import stackConfigurationContext
from tests.helpers import load_script
from zope.component import getGlobalSiteManager
from zope.component.hooks import site
from zope.configuration import xmlconfig

import pytest


instance_zcml = load_script("scripts/instance_zcml.py")
# the deployment's environment: a production front-end and the development one
ORIGINS = "https://plan.imio.be, http://localhost:3000"


def _cors_policies(registry):
    return [r for r in registry.registeredAdapters() if r.provided is ICORSPolicy]


@pytest.fixture
def deployed(functional, tmp_path, monkeypatch):
    """The functional layer with the instance's ZCML, written with ORIGINS in the environment."""
    monkeypatch.setenv(instance_zcml.ORIGINS_VARIABLE, ORIGINS)
    path = instance_zcml.write(tmp_path)
    registry = getGlobalSiteManager()
    assert not _cors_policies(registry), "a CORS policy is registered already"
    with site(None):  # into the global registry, as Zope loads it, not the portal's own
        xmlconfig.file(str(path), context=stackConfigurationContext(functional["configurationContext"]))
    assert len(_cors_policies(registry)) == 1
    try:
        yield functional
    finally:
        for registration in _cors_policies(registry):
            registry.unregisterAdapter(
                registration.factory, registration.required, registration.provided, registration.name
            )
