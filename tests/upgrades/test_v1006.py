"""Upgrade 1005 -> 1006: the staff group's global roles become local roles on each plan (and Plan
Author, which adds plans, on the site)."""

from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.CMFCore.indexing import processQueue
from tests.workflows.helpers import set_state

import pytest


PROFILE = "imio.strategicplan:default"
STAFF = "strategicplan-staff"
ADD_PLAN = "imio.strategicplan: Add StrategicPlan"
ITEM = f"{SEED_PLAN_ID}/valeur-maitrise/objectif-respecter-le-plan-financier-2020-2022"


def roles_of(obj, permission):
    return {r["name"] for r in obj.rolesOfPermission(permission) if r["selected"]}


class TestUpgrade1006:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")
        self.catalog = api.portal.get_tool("portal_catalog")
        self.plan = self.portal[SEED_PLAN_ID]
        # what 1005 had: global roles for the staff, no local roles, no Plan Author role
        api.group.grant_roles(groupname=STAFF, roles=["Contributor", "Editor", "Reader"])
        for obj in (self.portal, self.plan):
            obj.manage_delLocalRoles([STAFF])
        set_state(self.plan, "draft")  # not public: who may see its items is in the catalog
        self.portal.manage_permission(ADD_PLAN, sorted(roles_of(self.portal, ADD_PLAN) - {"Plan Author"}), 1)
        self.portal.__ac_roles__ = tuple(r for r in self.portal.__ac_roles__ if r != "Plan Author")
        self.setup.setLastVersionForProfile(PROFILE, "1005")

    def _indexed_for(self, path):
        processQueue()
        item = self.portal.unrestrictedTraverse(path)
        return self.catalog.getIndexDataForUID("/".join(item.getPhysicalPath()))["allowedRolesAndUsers"]

    def test_step_is_registered(self):
        steps = self.setup.listUpgrades(PROFILE)
        assert [(s["ssource"], s["sdest"]) for s in steps][0] == ("1005", "1006")

    def test_upgrade(self):
        assert f"user:{STAFF}" not in self._indexed_for(ITEM)
        self.setup.upgradeProfile(PROFILE)
        assert self.setup.getLastVersionForProfile(PROFILE) == (self.setup.getVersionForProfile(PROFILE),)
        staff = api.group.get(groupname=STAFF)
        # no global role left: the group is a plain group of members on the site
        assert set(api.group.get_roles(group=staff)) <= {"Authenticated"}
        assert set(self.plan.get_local_roles_for_userid(STAFF)) == {"Contributor", "Editor", "Reader"}
        assert set(self.portal.get_local_roles_for_userid(STAFF)) == {"Plan Author"}
        assert "Plan Author" in self.portal.validRoles()
        assert "Plan Author" in roles_of(self.portal, ADD_PLAN)
        # the items acquire the plan's local roles, and the catalog knows it (search, listings)
        assert f"user:{STAFF}" in self._indexed_for(ITEM)

    def test_upgrade_keeps_other_roles(self):
        """A role an administrator gave the group on purpose stays."""
        api.group.grant_roles(groupname=STAFF, roles=["Reviewer"])
        self.setup.upgradeProfile(PROFILE)
        assert "Reviewer" in api.group.get_roles(groupname=STAFF)
        assert not {"Contributor", "Editor", "Reader"} & set(api.group.get_roles(groupname=STAFF))
