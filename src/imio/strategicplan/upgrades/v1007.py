"""1006 -> 1007: catalog metadata so that @plan-tree, @progress, the follow-up lists and the
report read the catalog and wake no item (docs/performance.md): each item's place in its
container, weight, status, served items, responsible, planned end, lead and code."""

from plone import api


PROFILE = "profile-imio.strategicplan:default"
COLUMNS = ("position_in_parent", "weight", "status", "served_uids", "responsible", "planned_end", "lead", "code")
TYPES = ("StrategicPlan", "Pillar", "Value", "Objective", "Indicator", "PriorityProject", "FinancialYear")


def upgrade(context):
    """Add the metadata columns and fill them for the plans' content (metadata only: no index is
    rewritten; getObjPositionInParent is plone.folder's stub index, it writes nothing)."""
    api.portal.get_tool("portal_setup").runImportStepFromProfile(PROFILE, "catalog")
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=list(TYPES)):
        catalog.catalog_object(brain._unrestrictedGetObject(), idxs=["getObjPositionInParent"], update_metadata=True)
