"""Upgrade 1002 -> 1003: the plan indexes are added and filled."""

from imio.strategicplan.testing import SEED_PLAN_ID
from imio.strategicplan.upgrades.v1003 import INDEXES
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


PROFILE = "imio.strategicplan:default"


class TestUpgrade1003:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")
        self.catalog = api.portal.get_tool("portal_catalog")
        for index in INDEXES:  # what 1002 had: no such indexes
            self.catalog.delIndex(index)
        self.setup.setLastVersionForProfile(PROFILE, "1002")

    def test_upgrade(self):
        assert [(s["ssource"], s["sdest"]) for s in self.setup.listUpgrades(PROFILE)][0] == ("1002", "1003")
        self.setup.upgradeProfile(PROFILE, dest="1003")
        assert self.setup.getLastVersionForProfile(PROFILE) == ("1003",)
        assert set(INDEXES) <= set(self.catalog.indexes())
        plan = self.portal[SEED_PLAN_ID]
        assert len(self.catalog.unrestrictedSearchResults(plan_uid=plan.UID())) == 69
        assert len(self.catalog.unrestrictedSearchResults(year=2021)) == 1
        assert len(self.catalog.unrestrictedSearchResults(health="on_track")) == 25
        assert len(self.catalog.unrestrictedSearchResults(pillars=plan["pilier-3"].UID())) == 1
