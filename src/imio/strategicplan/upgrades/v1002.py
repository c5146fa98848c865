"""1001 -> 1002: catalog metadata for @plan-tree and @indicators."""

from imio.strategicplan.internals.catalog import unrestricted_object
from plone import api


PROFILE = "profile-imio.strategicplan:default"


def upgrade(context):
    """Add the metadata columns and fill them for the objectives and indicators."""
    api.portal.get_tool("portal_setup").runImportStepFromProfile(PROFILE, "catalog")
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=["Objective", "Indicator"]):
        obj = unrestricted_object(brain)
        catalog.catalog_object(obj, idxs=["getId"], update_metadata=True)
