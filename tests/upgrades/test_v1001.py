"""Upgrade 1000 -> 1001 (board approval) runs and leaves the site as a new install does."""

from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from imio.strategicplan.workflows.groups import GROUPS
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


PROFILE = "imio.strategicplan:default"


class TestUpgrade1001:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")
        self.wftool = api.portal.get_tool("portal_workflow")
        # back to what version 1000 left: no plan workflow, no groups
        self.wftool.setChainForPortalTypes(("StrategicPlan",), "(Default)")
        self.wftool.manage_delObjects([WORKFLOW_ID])
        for group_id in GROUPS:
            api.group.delete(groupname=group_id)
        self.plan = self.portal["plan-strategique-2020-2022"]
        del self.plan.workflow_history[WORKFLOW_ID]
        self.plan.manage_permission("View", ["Anonymous"], acquire=False)
        self.setup.setLastVersionForProfile(PROFILE, "1000")

    def test_step_is_registered(self):
        steps = self.setup.listUpgrades(PROFILE)
        assert [(s["ssource"], s["sdest"]) for s in steps][0] == ("1000", "1001")

    def test_upgrade(self):
        self.setup.upgradeProfile(PROFILE)
        assert self.setup.getLastVersionForProfile(PROFILE) == (self.setup.getVersionForProfile(PROFILE),)
        assert self.wftool.getChainForPortalType("StrategicPlan") == (WORKFLOW_ID,)
        for group_id in GROUPS:
            assert api.group.get(groupname=group_id) is not None
        # a plan made before the workflow existed starts in its initial state, with its permissions
        assert api.content.get_state(obj=self.plan) == "draft"
        roles = {r["name"] for r in self.plan.rolesOfPermission("View") if r["selected"]}
        assert "Anonymous" not in roles and {"Editor", "Reader"} <= roles
