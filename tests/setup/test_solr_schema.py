"""Every index the add-on defines or queries is a field of the Solr schema: collective.solr
silently drops a query key that Solr's schema lacks."""

from pathlib import Path
from xml.etree import ElementTree


ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "src" / "imio" / "strategicplan" / "profiles" / "default" / "catalog.xml"
SCHEMA = ROOT / "solr" / "configsets" / "plone" / "conf" / "schema.xml"
# Plone's own indexes the plan's searches query (type, state, place, text, permissions)
QUERIED = {
    "portal_type",
    "review_state",
    "path_string",
    "path_parents",
    "path_depth",
    "SearchableText",
    "allowedRolesAndUsers",
    "Title",
    "sortable_title",
    "UID",
    "getObjPositionInParent",
}


def test_catalog_indexes_are_solr_fields():
    indexes = {e.get("name") for e in ElementTree.parse(CATALOG).getroot().iter("index")}
    assert indexes >= {"plan_uid", "pillars", "value_uid", "objective_uid", "health", "status", "year"}
    fields = {e.get("name") for e in ElementTree.parse(SCHEMA).getroot().iter("field")}
    assert indexes | QUERIED <= fields, sorted((indexes | QUERIED) - fields)
