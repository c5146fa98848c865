"""The add-on installs and uninstalls cleanly."""

from imio.strategicplan import PACKAGE_NAME
from imio.strategicplan.content import PLAN_TYPES
from plone.browserlayer.utils import registered_layers

import pytest


class TestSetupInstall:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]

    def test_addon_installed(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is True

    def test_browserlayer(self):
        from imio.strategicplan.interfaces import IBrowserLayer

        assert IBrowserLayer in registered_layers()

    def test_installed_version_is_the_profile_version(self):
        setup = self.portal.portal_setup
        profile = f"{PACKAGE_NAME}:default"
        assert setup.getLastVersionForProfile(profile) == (setup.getVersionForProfile(profile),)

    @pytest.mark.parametrize("portal_type", PLAN_TYPES)
    def test_fti_installed(self, portal_type):
        assert portal_type in self.portal.portal_types.objectIds()

    def test_only_plan_is_globally_addable(self):
        types = self.portal.portal_types
        addable = {t for t in PLAN_TYPES if types[t].global_allow}
        assert addable == {"StrategicPlan"}


class TestSetupUninstall:
    @pytest.fixture(autouse=True)
    def _setup(self, integration, installer):
        self.portal = integration["portal"]
        installer.uninstall_product(PACKAGE_NAME)

    def test_addon_uninstalled(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is False

    def test_browserlayer_removed(self):
        from imio.strategicplan.interfaces import IBrowserLayer

        assert IBrowserLayer not in registered_layers()

    @pytest.mark.parametrize("portal_type", PLAN_TYPES)
    def test_fti_removed(self, portal_type):
        assert portal_type not in self.portal.portal_types.objectIds()

    def test_settings_and_configlet_removed(self):
        from plone.registry.interfaces import IRegistry
        from zope.component import getUtility

        assert "imio.strategicplan.on_track_threshold" not in getUtility(IRegistry).records
        ids = [c.getId() for c in self.portal.portal_controlpanel.listActions()]
        assert "imio.strategicplan" not in ids
