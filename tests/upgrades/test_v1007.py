"""Upgrade 1006 -> 1007: the metadata read by @plan-tree, @progress, the follow-up lists and the
report (folder order, roll-up and follow-up fields) is added and filled for plan items."""

from imio.strategicplan.testing import SEED_PLAN_ID
from imio.strategicplan.upgrades.v1007 import COLUMNS
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import Missing
import pytest


PROFILE = "imio.strategicplan:default"


class TestUpgrade1007:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")
        self.catalog = api.portal.get_tool("portal_catalog")
        self.plan = self.portal[SEED_PLAN_ID]
        # one project serving a value (the seed's serve nothing)
        self.project = next(o for o in self.plan.objectValues() if o.portal_type == "PriorityProject")
        self.value = self.plan["valeur-cooperation"]
        self.project.served = [RelationValue(getUtility(IIntIds).getId(self.value))]
        for column in COLUMNS:  # what 1006 had: no such metadata
            self.catalog.delColumn(column)
        self.setup.setLastVersionForProfile(PROFILE, "1006")

    def brains(self, **query):
        return self.catalog(path="/".join(self.plan.getPhysicalPath()), **query)

    def test_upgrade(self):
        assert [(s["ssource"], s["sdest"]) for s in self.setup.listUpgrades(PROFILE)][0] == ("1006", "1007")
        self.setup.upgradeProfile(PROFILE, dest="1007")
        assert self.setup.getLastVersionForProfile(PROFILE) == ("1007",)
        assert set(COLUMNS) <= set(self.catalog.schema())
        # each item's place among its container's items, as the folder has it
        for container in (self.plan, self.plan["valeur-cooperation"]):
            brains = self.catalog(path={"query": "/".join(container.getPhysicalPath()), "depth": 1})
            assert sorted((b.position_in_parent, b.getId) for b in brains) == list(enumerate(container.objectIds()))
        objectives = self.brains(portal_type="Objective")
        assert objectives and all(b.weight == 1.0 and b.planned_end is not Missing.Value for b in objectives)
        assert {b.responsible for b in objectives} == {o.getObject().responsible for o in objectives}
        projects = self.brains(portal_type="PriorityProject")
        assert projects and all(b.status == b.getObject().status and b.lead == b.getObject().lead for b in projects)
        served = {b.getId: tuple(b.served_uids) for b in projects}
        assert served[self.project.getId()] == (self.value.UID(),)
        assert all(served[b.getId] == tuple(r.to_object.UID() for r in b.getObject().served) for b in projects)
        pillars = self.brains(portal_type="Pillar")
        assert pillars and all(b.code == b.getObject().code for b in pillars)
        # an indicator has no responsible of its own: none is acquired from its objective
        assert all(b.responsible is Missing.Value for b in self.brains(portal_type="Indicator"))
