"""search/records.py reads ZCatalog beyond its public API: these tests pin each use, so that a
ZCatalog release that changes one fails here (and the rows still equal the brains)."""

from imio.strategicplan.search.records import records
from imio.strategicplan.search.records import rids
from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.ZCatalog.Catalog import Catalog
from ZTUtils.Lazy import LazyMap

import Missing
import pytest


COLUMNS = ("UID", "portal_type", "Title", "health", "indicator_summary", "position_in_parent")


@pytest.fixture
def catalog(integration):
    return api.portal.get_tool("portal_catalog")


@pytest.fixture
def path(integration):
    return "/".join(integration["portal"][SEED_PLAN_ID].getPhysicalPath())


def test_search_results_are_a_lazy_map_of_rids(catalog, path):
    results = catalog(path=path, portal_type="Objective")
    assert isinstance(results, LazyMap) and results._func.__func__ is Catalog.__getitem__
    assert list(results._seq) == [brain.getRID() for brain in results] == list(rids(results))


def test_records_and_paths(catalog, path):
    inner = catalog._catalog
    brain = catalog(path=path, portal_type="Objective")[0]
    record = inner.data[brain.getRID()]
    assert inner.paths[brain.getRID()] == brain.getPath()
    assert all(record[inner.schema[name]] == getattr(brain, name) for name in COLUMNS)


def test_rows_equal_brains(catalog, path):
    query = {"path": path, "portal_type": ["Value", "Objective", "Indicator"]}
    rows = records(catalog, COLUMNS, **query)
    brains = catalog(**query)
    assert len(rows) == len(brains) == 47
    for row, brain in zip(rows, brains):
        assert (row.rid, row.path) == (brain.getRID(), brain.getPath())
        for name in COLUMNS:
            value = getattr(brain, name)
            assert getattr(row, name) == (None if value is Missing.Value else value)


def test_rows_of_what_the_user_may_see(integration, catalog, path):
    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.content.create(portal, "Document", id="private-page", title="Private")
    assert [r.getId for r in records(catalog, ("getId",), portal_type="Document")] == ["private-page"]
    logout()
    assert records(catalog, ("getId",), portal_type="Document") == []
    assert len(records(catalog, ("getId",), path=path, portal_type="Value")) == 6  # the adopted plan is public
