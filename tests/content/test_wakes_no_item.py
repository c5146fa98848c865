"""@plan-tree, the follow-up lists and the progress roll-up read the catalog alone: no plan item
is woken (issue 14; docs/performance.md)."""

from imio.strategicplan.followup import progress
from imio.strategicplan.followup.lists import PlanFollowUp
from imio.strategicplan.restapi.services.tree.get import plan_tree
from imio.strategicplan.testing import SEED_PLAN_ID
from plone.dexterity.content import Container
from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

import pytest


@pytest.fixture
def plan(integration, monkeypatch):
    plan = integration["portal"][SEED_PLAN_ID]

    def forbidden(self, *args, **kwargs):
        raise AssertionError("a plan item was woken")

    for name in ("getObject", "_unrestrictedGetObject"):
        monkeypatch.setattr(AbstractCatalogBrain, name, forbidden)
    for name in ("objectValues", "contentValues", "objectItems", "contentItems"):
        monkeypatch.setattr(Container, name, forbidden)
    return plan


def test_plan_tree(plan):
    assert plan_tree(plan)["items_total"] == 68


def test_follow_up_lists(plan):
    follow_up = PlanFollowUp(plan)
    assert len(follow_up.pillars) == 6 and follow_up.items
    assert set(follow_up.lists()) == {"at_risk", "stale", "mine", "late"}


def test_progress_rollup(plan):
    assert progress.rollup(plan, 2020).plan == 0
