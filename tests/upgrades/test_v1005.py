"""Upgrade 1004 -> 1005: the thresholds become settings, with the former constants as values."""

from imio.strategicplan.plan import indicators
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pytest


PROFILE = "imio.strategicplan:default"
RECORDS = ("imio.strategicplan.on_track_threshold", "imio.strategicplan.at_risk_threshold")


class TestUpgrade1005:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")
        self.registry = getUtility(IRegistry)
        # what 1004 had: no records, no configlet
        for name in RECORDS:
            del self.registry.records[name]
        self.portal.portal_controlpanel.unregisterConfiglet("imio.strategicplan")
        self.setup.setLastVersionForProfile(PROFILE, "1004")

    def test_upgrade(self):
        assert [(s["ssource"], s["sdest"]) for s in self.setup.listUpgrades(PROFILE)][0] == ("1004", "1005")
        assert indicators.limits() == indicators.DEFAULT_LIMITS  # statuses keep working before the upgrade
        self.setup.upgradeProfile(PROFILE, dest="1005")
        assert self.setup.getLastVersionForProfile(PROFILE) == ("1005",)
        assert [self.registry[name] for name in RECORDS] == [90, 70]
        assert api.portal.get_registry_record("imio.strategicplan.on_track_threshold") == 90
        ids = [c["id"] for c in self.portal.portal_controlpanel.enumConfiglets(group="Products")]
        assert "imio.strategicplan" in ids

    def test_upgrade_keeps_changed_values(self):
        self.setup.upgradeProfile(PROFILE, dest="1005")
        self.registry["imio.strategicplan.on_track_threshold"] = 85
        self.setup.setLastVersionForProfile(PROFILE, "1004")
        self.setup.upgradeProfile(PROFILE, dest="1005")  # run again: a site's own setting survives
        assert self.registry["imio.strategicplan.on_track_threshold"] == 85
