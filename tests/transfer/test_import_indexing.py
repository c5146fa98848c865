"""An import writes each new item to the catalog once, with the plan's state and security.

Without `transfer/importer._items_indexed_once` Plone 6.1 indexed every item as it was created
and again as its siblings were added (a catalog search in CMFCore 3.6's security reindex
processed the indexing queue each time); without `apply_workflow(..., items=)` every item was
indexed a second time for its `review_state` on both versions. docs/performance.md."""

from collections import Counter
from imio.strategicplan.testing import SEED_PLAN_ID
from imio.strategicplan.transfer.exporter import dumps
from imio.strategicplan.transfer.exporter import export_plan
from imio.strategicplan.transfer.importer import _items_indexed_once
from imio.strategicplan.transfer.importer import import_plan
from imio.strategicplan.transfer.reader import read_source
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.CMFPlone.CatalogTool import CatalogTool

import pytest


@pytest.fixture
def portal(integration):
    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


def _nodes(node):
    return 1 + sum(_nodes(child) for child in node.get("items", []))


def test_each_item_is_written_to_the_catalog_once(portal, tmp_path, monkeypatch):
    path = tmp_path / "plan.json"
    path.write_text(dumps(export_plan(portal[SEED_PLAN_ID])), encoding="utf-8")
    folder = api.content.create(container=portal, type="Folder", id="copy")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.unrestrictedSearchResults(portal_type="Folder")  # the folder's own indexing, done now
    writes = Counter()
    original = CatalogTool.catalog_object

    def counted(self, obj, uid=None, *args, **kwargs):
        writes[uid or "/".join(obj.getPhysicalPath())] += 1
        return original(self, obj, uid, *args, **kwargs)

    monkeypatch.setattr(CatalogTool, "catalog_object", counted)
    workflow_tool = api.portal.get_tool("portal_workflow")
    assert not workflow_tool._p_changed
    plan = import_plan(read_source(path), folder)
    assert not workflow_tool._p_changed  # the import does not write it
    plan_path = "/".join(plan.getPhysicalPath())
    found = catalog.unrestrictedSearchResults(path=plan_path)  # processes the indexing queue
    monkeypatch.undo()

    items = {brain.getPath(): brain for brain in found}
    assert len(items) == _nodes(export_plan(portal[SEED_PLAN_ID])["plan"]) > 60
    imported = {p: n for p, n in writes.items() if p.startswith(plan_path)}
    assert set(imported) == set(items)
    written_more = {p: n for p, n in imported.items() if n != 1}
    assert written_more == {}, (
        f"{len(written_more)} items written more than once, e.g. {list(written_more.items())[:3]}"
    )
    # with the plan's state and security (the seed plan is adopted: anonymous may view)
    assert {brain.review_state for brain in found} == {api.content.get_state(plan)} == {"adopted"}
    for brain in found:
        assert "Anonymous" in catalog.getIndexDataForRID(brain.getRID())["allowedRolesAndUsers"]


def test_the_workflow_tool_is_left_as_it_was(portal):
    tool = api.portal.get_tool("portal_workflow")
    assert "_default_cataloging" not in tool.__dict__ and not tool._p_changed
    with pytest.raises(RuntimeError), _items_indexed_once():
        assert not tool._default_cataloging
        raise RuntimeError("an import failing while it writes")
    assert "_default_cataloging" not in tool.__dict__ and tool._default_cataloging
    # not written by the import's transaction: concurrent imports do not conflict on it
    assert not tool._p_changed
    tool._setDefaultCataloging(True)  # a site whose tool holds its own value keeps it
    with _items_indexed_once():
        assert not tool._default_cataloging
    assert tool.__dict__["_default_cataloging"] is True
