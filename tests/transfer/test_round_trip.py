"""Import -> export -> import is lossless, relations included."""

from imio.strategicplan.testing import SEED_FILE
from imio.strategicplan.testing import SEED_PLAN_ID
from imio.strategicplan.transfer.exporter import dumps
from imio.strategicplan.transfer.exporter import export_plan
from imio.strategicplan.transfer.importer import import_plan
from imio.strategicplan.transfer.reader import read_source
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import copy
import json
import pytest


SEED = json.loads(SEED_FILE.read_text(encoding="utf-8"))


def _assert_holds(exported, given, path="plan"):
    """Every key the file gives comes back with the same value."""
    for key, value in given.items():
        if key == "items":
            assert len(exported["items"]) == len(value), path
            for i, (e, g) in enumerate(zip(exported["items"], value)):
                _assert_holds(e, g, f"{path}.items[{i}]")
        else:
            assert exported[key] == value, f"{path}.{key}"


class TestRoundTrip:
    @pytest.fixture(autouse=True)
    def _setup(self, integration, tmp_path):
        self.portal = integration["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.tmp_path = tmp_path

    def _import_copy(self, data, name):
        path = self.tmp_path / f"{name}.json"
        path.write_text(dumps(data), encoding="utf-8")
        folder = api.content.create(container=self.portal, type="Folder", id=name)
        return import_plan(read_source(path), folder)

    def test_export_holds_every_value_of_the_seed(self):
        exported = export_plan(self.portal[SEED_PLAN_ID])
        assert (exported["format"], exported["format_version"]) == ("imio.strategicplan", 1)
        _assert_holds(exported["plan"], SEED["plan"])

    def test_import_export_import_is_lossless(self):
        first = export_plan(self.portal[SEED_PLAN_ID])
        second = export_plan(self._import_copy(first, "copy"))
        assert second == first
        assert dumps(second) == dumps(first)

    def test_relations_round_trip(self):
        data = copy.deepcopy(SEED)
        items = data["plan"]["items"]
        value = next(n for n in items if n["@type"] == "Value" and n["title"] == "Maîtrise")
        objective = value["items"][0]
        objective["pillars"] = ["pilier-6", "pilier-1"]
        project = next(n for n in items if n["@type"] == "PriorityProject")
        project["served"] = [value["id"], objective["id"]]
        plan = self._import_copy(data, "related")

        obj = plan[value["id"]][objective["id"]]
        assert [r.to_object.code for r in obj.pillars] == ["P6", "P1"]
        assert [r.to_object.portal_type for r in plan[project["id"]].served] == ["Value", "Objective"]
        # the relation catalog knows them (back-references work)
        assert {r.from_object for r in api.relation.get(target=plan["pilier-6"])} == {obj}

        again = export_plan(plan)
        _assert_holds(again["plan"], data["plan"])
