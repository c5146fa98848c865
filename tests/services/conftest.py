"""Fixtures of the REST tests."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession

import pytest


@pytest.fixture
def manager(functional):
    """A JSON session on the live test server as the site owner (a Manager)."""
    api = RelativeSession(functional["portal"].absolute_url())
    api.headers.update({"Accept": "application/json"})
    api.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    yield api
    api.close()


@pytest.fixture
def anonymous(functional):
    """A JSON session on the live test server, not logged in."""
    session = RelativeSession(functional["portal"].absolute_url())
    session.headers.update({"Accept": "application/json"})
    yield session
    session.close()
