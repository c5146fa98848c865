"""The add-on's REST field deserializers serve its own content only: other Dexterity content of the
site keeps plone.restapi's."""

from imio.strategicplan.content.strategic_plan import IStrategicPlan
from imio.strategicplan.interfaces import IBrowserLayer
from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
from zope.schema import Int


def _deserializer(field, context, request):
    return type(getMultiAdapter((field, context, request), IFieldDeserializer))


def test_plan_content_uses_the_addons(integration):
    request = integration["request"]
    alsoProvides(request, IBrowserLayer)
    plan = integration["portal"][SEED_PLAN_ID]
    found = _deserializer(IStrategicPlan["first_year"], plan, request)
    assert found.__module__ == "imio.strategicplan.restapi.deserializers.fields"


def test_other_content_keeps_plone_restapis(integration):
    portal, request = integration["portal"], integration["request"]
    alsoProvides(request, IBrowserLayer)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    document = api.content.create(container=portal, type="Document", id="a-page", title="A page")
    field = Int(__name__="pages")
    assert _deserializer(field, document, request).__module__.startswith("plone.restapi.")
