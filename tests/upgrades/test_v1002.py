"""Upgrade 1001 -> 1002: the plan tree's catalog metadata is added and filled."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import Missing
import pytest


PROFILE = "imio.strategicplan:default"
COLUMNS = ("health", "progress", "indicator_summary")


class TestUpgrade1002:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")
        self.catalog = api.portal.get_tool("portal_catalog")
        for column in COLUMNS:  # what 1001 had: no such metadata
            self.catalog.delColumn(column)
        self.setup.setLastVersionForProfile(PROFILE, "1001")

    def test_upgrade(self):
        assert [(s["ssource"], s["sdest"]) for s in self.setup.listUpgrades(PROFILE)][0] == ("1001", "1002")
        self.setup.upgradeProfile(PROFILE, dest="1002")
        assert self.setup.getLastVersionForProfile(PROFILE) == ("1002",)
        assert set(COLUMNS) <= set(self.catalog.schema())
        brains = self.catalog(portal_type="Objective")
        assert len(brains) == 25
        assert all(b.health == "on_track" and b.progress == 0 for b in brains)
        indicators = self.catalog(portal_type="Indicator")
        assert all(b.indicator_summary is not Missing.Value for b in indicators)
        assert all(b.indicator_summary["frequency"] in ("yearly", "quarterly") for b in indicators)
