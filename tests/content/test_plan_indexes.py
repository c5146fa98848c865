"""Catalog indexes placing each item in its plan (the same fields go to Solr)."""

from imio.strategicplan.testing import SEED_FILE
from imio.strategicplan.testing import SEED_PLAN_ID
from imio.strategicplan.transfer.importer import import_plan
from imio.strategicplan.transfer.reader import source_from_bytes
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

import json
import pytest


class TestPlanIndexes:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.plan = self.portal[SEED_PLAN_ID]
        self.catalog = api.portal.get_tool("portal_catalog")

    def _ids(self, **query):
        return {b.getId for b in self.catalog.unrestrictedSearchResults(**query)}

    def test_plan_value_and_objective(self):
        assert len(self.catalog.unrestrictedSearchResults(plan_uid=self.plan.UID())) == 69
        value = self.plan["valeur-cooperation"]
        under_value = self._ids(value_uid=value.UID())
        assert under_value == {"valeur-cooperation", *value.objectIds()} and len(under_value) == 14
        objective = value["objectif-soutenir-les-communautes-du-logiciel-libre"]
        indicator = api.content.create(objective, "Indicator", id="contributions", title="Contributions")
        assert self._ids(objective_uid=objective.UID()) == {objective.getId(), "contributions"}
        assert self._ids(value_uid=value.UID(), portal_type="Indicator") >= {"contributions"}
        assert indicator.getId() not in self._ids(objective_uid=value.objectValues()[0].UID())

    def test_status_year_health(self):
        assert self._ids(year=2020, portal_type="FinancialYear") == {
            y.getId() for y in self.plan.objectValues() if y.portal_type == "FinancialYear" and y.year == 2020
        }
        projects = [p for p in self.plan.objectValues() if p.portal_type == "PriorityProject"]
        assert len(projects) == 4
        assert self._ids(status=projects[0].status) == {p.getId() for p in projects if p.status == projects[0].status}
        assert len(self.catalog.unrestrictedSearchResults(health="on_track", portal_type="Objective")) == 25

    def test_pillars_follow_the_objective(self):
        intids = getUtility(IIntIds)
        pillar_1, pillar_2 = self.plan["pilier-1"], self.plan["pilier-2"]
        value = self.plan["valeur-cooperation"]
        objective = value["objectif-soutenir-les-communautes-du-logiciel-libre"]
        indicator = api.content.create(objective, "Indicator", id="contributions", title="Contributions")
        project = api.content.create(
            self.plan,
            "PriorityProject",
            id="projet-test",
            title="Projet test",
            served=[RelationValue(intids.getId(objective))],
        )
        assert self._ids(pillars=pillar_1.UID()) == {"pilier-1"}
        objective.pillars = [RelationValue(intids.getId(pillar_1)), RelationValue(intids.getId(pillar_2))]
        notify(ObjectModifiedEvent(objective))
        expected = {"pilier-1", objective.getId(), indicator.getId(), project.getId()}
        assert self._ids(pillars=pillar_1.UID()) == expected
        assert self._ids(pillars=pillar_2.UID()) == expected - {"pilier-1"} | {"pilier-2"}
        objective.pillars = [RelationValue(intids.getId(pillar_2))]
        notify(ObjectModifiedEvent(objective))
        assert self._ids(pillars=pillar_1.UID()) == {"pilier-1"}

    def test_links_of_an_imported_plan_are_indexed(self):
        data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
        data["plan"]["id"] = "plan-lie"
        nodes = {}

        def walk(node):
            nodes[node["id"]] = node
            for child in node.get("items", []):
                walk(child)

        walk(data["plan"])
        nodes["objectif-soutenir-les-communautes-du-logiciel-libre"]["pillars"] = ["pilier-1"]
        nodes["projet-interoperabilite-wallonie-connect"]["served"] = [
            "objectif-soutenir-les-communautes-du-logiciel-libre"
        ]
        plan = import_plan(source_from_bytes(json.dumps(data).encode(), filename="lie.json"), self.portal)
        assert self._ids(pillars=plan["pilier-1"].UID()) == {
            "pilier-1",
            "objectif-soutenir-les-communautes-du-logiciel-libre",
            "projet-interoperabilite-wallonie-connect",
        }
