"""1003 -> 1004: search. Items are indexed with their plan's review state, and their full text
with the type's texts (a value's motto, a project's presentation, an objective's indicators'
titles). collective.solr itself stays optional: the `solr` profile (docs/solr.md)."""

from imio.strategicplan.internals.catalog import unrestricted_object
from plone import api


TYPES = ("StrategicPlan", "Pillar", "Value", "Objective", "Indicator", "PriorityProject", "FinancialYear")
INDEXES = ("review_state", "SearchableText")


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=list(TYPES)):
        unrestricted_object(brain).reindexObject(idxs=list(INDEXES))
