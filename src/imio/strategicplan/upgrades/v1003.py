"""1002 -> 1003: catalog indexes placing each item in its plan (plan, value, objective, pillars,
health, status, year), also the plan's fields in the Solr schema."""

from imio.strategicplan.internals.catalog import unrestricted_object
from plone import api


PROFILE = "profile-imio.strategicplan:default"
INDEXES = ("plan_uid", "value_uid", "objective_uid", "pillars", "health", "status", "year")


def upgrade(context):
    """Add the indexes and fill them for the plans' content (nothing else has these values)."""
    api.portal.get_tool("portal_setup").runImportStepFromProfile(PROFILE, "catalog")
    catalog = api.portal.get_tool("portal_catalog")
    types = ["StrategicPlan", "Pillar", "Value", "Objective", "Indicator", "PriorityProject", "FinancialYear"]
    for brain in catalog.unrestrictedSearchResults(portal_type=types):
        catalog.catalog_object(unrestricted_object(brain), idxs=list(INDEXES), update_metadata=False)
