"""Upgrade 1003 -> 1004: the plan's items are found by their plan's state and their full text."""

from imio.strategicplan.testing import SEED_PLAN_ID
from imio.strategicplan.upgrades.v1004 import INDEXES
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


PROFILE = "imio.strategicplan:default"


class TestUpgrade1004:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")
        self.catalog = api.portal.get_tool("portal_catalog")
        self.plan = self.portal[SEED_PLAN_ID]
        objective = api.content.find(context=self.plan, portal_type="Objective")[0].getObject()
        self.objective_path = "/".join(objective.getPhysicalPath())
        api.content.create(container=objective, type="Indicator", title="Nombre de marsupilamis recensés")
        # what 1003 had: items without a review state, no motto nor indicator titles in the text
        for brain in self.catalog.unrestrictedSearchResults(plan_uid=self.plan.UID()):
            for index in INDEXES:
                self.catalog._catalog.getIndex(index).unindex_object(brain.getRID())
        self.setup.setLastVersionForProfile(PROFILE, "1003")

    def test_upgrade(self):
        assert [(s["ssource"], s["sdest"]) for s in self.setup.listUpgrades(PROFILE)][0] == ("1003", "1004")
        assert len(self.catalog.unrestrictedSearchResults(review_state="adopted")) == 0
        self.setup.upgradeProfile(PROFILE, dest="1004")
        assert self.setup.getLastVersionForProfile(PROFILE) == ("1004",)
        assert len(self.catalog.unrestrictedSearchResults(review_state="adopted", plan_uid=self.plan.UID())) == 70
        # a value by a word of its motto only; an objective by its indicator's title
        motto = [
            b.getId for b in self.catalog.unrestrictedSearchResults(SearchableText="mutualisation", portal_type="Value")
        ]
        assert "valeur-cooperation" in motto
        value = self.plan["valeur-cooperation"]
        assert "mutualisation" not in f"{value.title} {value.description}".lower()
        assert "mutualisation" in value.motto
        found = {b.getPath() for b in self.catalog.unrestrictedSearchResults(SearchableText="marsupilamis")}
        assert self.objective_path in found
