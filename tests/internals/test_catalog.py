"""Pins what internals/catalog.py uses of Products.ZCatalog and Plone's catalog tool: each test
fails when the dependency changes the private name or what it holds."""

from imio.strategicplan.internals import catalog as internals
from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from plone.app.testing import logout
from tests.workflows.helpers import set_state
from zExceptions import Unauthorized

import pytest
import transaction


def _plan_brain(portal):
    catalog = portal.portal_catalog
    [brain] = catalog.unrestrictedSearchResults(portal_type="StrategicPlan", id=SEED_PLAN_ID)
    return catalog, brain


def test_index_and_its_mappings(integration):
    catalog, brain = _plan_brain(integration["portal"])
    index = internals.index(catalog, "portal_type")
    assert index.getId() == "portal_type"
    records = internals.index_values(index)["StrategicPlan"]  # one record id, or a set of them
    assert brain.getRID() in ({records} if isinstance(records, int) else set(records))
    assert internals.record_values(index)[brain.getRID()] == "StrategicPlan"


def test_result_record_ids(integration):
    catalog, brain = _plan_brain(integration["portal"])
    results = catalog(portal_type="StrategicPlan", id=SEED_PLAN_ID)
    assert internals.result_record_ids(results) == [brain.getRID()]
    ranked = catalog(SearchableText="Stratégique", portal_type="StrategicPlan")  # (score, rid) pairs
    assert internals.result_record_ids(ranked) == [b.getRID() for b in ranked]


def test_allowed_roles_and_users(integration):
    catalog = integration["portal"].portal_catalog
    logout()
    assert internals.allowed_roles_and_users(catalog, api.user.get_current()) == ["Anonymous"]


def test_unrestricted_object(integration):
    portal = integration["portal"]
    set_state(portal[SEED_PLAN_ID], "draft")  # anonymous may no longer see it
    catalog, brain = _plan_brain(portal)
    logout()
    with pytest.raises(Unauthorized):
        brain.getObject()
    assert internals.unrestricted_object(brain).getId() == SEED_PLAN_ID


def test_catalog_state_follows_commits(functional):
    portal = functional["portal"]
    catalog = portal.portal_catalog
    before = internals.catalog_state(catalog)
    assert before is not None and before[0] == catalog.getCounter()
    portal[SEED_PLAN_ID].reindexObject()
    assert internals.catalog_state(catalog) is None  # changed in this transaction: nothing to compare
    transaction.commit()
    after = internals.catalog_state(catalog)
    assert after[0] > before[0] and after[1] != before[1]
