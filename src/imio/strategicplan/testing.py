"""Test layers: the add-on installed, the seed plan imported, a real WSGI server."""

from pathlib import Path
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.restapi.testing import PLONE_RESTAPI_DX_FIXTURE
from plone.testing.zope import WSGI_SERVER_FIXTURE

import imio.strategicplan


SEED_FILE = Path(imio.strategicplan.__file__).parent / "data" / "plan-imio-2020-2022.json"
SEED_PLAN_ID = "plan-strategique-2020-2022"


class StrategicPlanLayer(PloneSandboxLayer):
    """Plone with plone.restapi and imio.strategicplan installed, and iMio's 2020-2022 plan
    imported through the import path users have (as `make start` gives it)."""

    defaultBases = (PLONE_RESTAPI_DX_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import collective.z3cform.datagridfield
        import plone.app.relationfield

        self.loadZCML(package=plone.app.relationfield)
        self.loadZCML(package=collective.z3cform.datagridfield)
        self.loadZCML(package=imio.strategicplan)

    def setUpPloneSite(self, portal):
        from imio.strategicplan.site import configure_languages
        from imio.strategicplan.transfer.importer import import_plan
        from imio.strategicplan.transfer.reader import read_source

        configure_languages(portal)
        applyProfile(portal, "imio.strategicplan:default")
        setRoles(portal, TEST_USER_ID, ["Manager"])
        import_plan(read_source(SEED_FILE), portal)
        setRoles(portal, TEST_USER_ID, ["Member"])


FIXTURE = StrategicPlanLayer()

INTEGRATION_TESTING = IntegrationTesting(bases=(FIXTURE,), name="ImioStrategicplanLayer:IntegrationTesting")
FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="ImioStrategicplanLayer:FunctionalTesting",
)
