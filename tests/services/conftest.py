"""Fixtures of the REST tests."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.helpers import json_session

import pytest


@pytest.fixture
def manager(functional):
    """A JSON session on the live test server as the site owner (a Manager)."""
    session = json_session(functional["portal"].absolute_url(), (SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    yield session
    session.close()


@pytest.fixture
def anonymous(functional):
    """A JSON session on the live test server, not logged in."""
    session = json_session(functional["portal"].absolute_url())
    yield session
    session.close()
