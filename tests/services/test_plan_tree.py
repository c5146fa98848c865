"""GET <plan>/@plan-tree: the whole plan in one response, from the catalog."""

from imio.strategicplan.restapi.services.tree.get import plan_tree
from imio.strategicplan.testing import SEED_PLAN_ID
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession
from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain
from tests.workflows.helpers import set_state

import pytest
import transaction


def _walk(node):
    for child in node["items"]:
        yield child
        yield from _walk(child)


def _assert_folder_order(node, obj):
    """Every node's items are its object's items, in the folder's order (the whole tree)."""
    assert [n["id"] for n in node["items"]] == list(obj.objectIds()), obj.getId()
    for child in node["items"]:
        _assert_folder_order(child, obj[child["id"]])


class TestPlanTree:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.plan = self.portal[SEED_PLAN_ID]
        self.api = RelativeSession(self.portal.absolute_url())
        self.api.headers.update({"Accept": "application/json"})
        self.api.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        self.anonymous = RelativeSession(self.portal.absolute_url())
        self.anonymous.headers.update({"Accept": "application/json"})
        yield
        self.api.close()
        self.anonymous.close()

    def test_whole_plan_in_folder_order(self):
        response = self.api.get(f"{SEED_PLAN_ID}/@plan-tree")
        assert response.status_code == 200, response.text
        tree = response.json()
        assert (tree["@type"], tree["review_state"], tree["items_total"]) == ("StrategicPlan", "adopted", 68)
        nodes = list(_walk(tree))
        assert len(nodes) == 68
        assert [n["id"] for n in tree["items"]] == list(self.plan.objectIds())
        value = next(n for n in tree["items"] if n["title"] == "Coopération")
        assert [n["@type"] for n in value["items"]] == ["Objective"] * 8 + ["Indicator"] * 5
        assert [n["id"] for n in value["items"]] == list(self.plan["valeur-cooperation"].objectIds())
        objective = value["items"][0]
        assert (objective["health"], objective["progress"], objective["review_state"]) == ("on_track", 0, "adopted")
        assert value["items"][-1]["latest_measurement"] is None
        assert {n["UID"] for n in nodes} == {
            b.UID
            for b in self.portal.portal_catalog(
                path="/".join(self.plan.getPhysicalPath()), portal_type=[n["@type"] for n in nodes]
            )
        }

    def test_imported_plan_in_folder_order(self):
        # the seed plan is imported (testing.py): each item catalogued with its place
        _assert_folder_order(self.api.get(f"{SEED_PLAN_ID}/@plan-tree").json(), self.plan)

    def test_reorder_seen_at_once(self):
        value = self.plan["valeur-cooperation"]
        first, second = list(value.objectIds())[:2]
        kept = self.api.get(f"{SEED_PLAN_ID}/@plan-tree")  # an answer kept for this catalog state
        # moved down in its folder, as Classic UI's folder contents does (plone.folder's ordering)
        value.moveObjectsDown([first])
        transaction.commit()
        assert list(value.objectIds())[:2] == [second, first]
        tree = self.api.get(f"{SEED_PLAN_ID}/@plan-tree", headers={"If-None-Match": kept.headers["ETag"]})
        assert tree.status_code == 200
        _assert_folder_order(tree.json(), self.plan)
        # to the bottom of the value by plone.restapi's ordering PATCH
        response = self.api.patch(
            f"{SEED_PLAN_ID}/valeur-cooperation", json={"ordering": {"obj_id": second, "delta": "bottom"}}
        )
        assert response.status_code == 204, response.text
        self.plan._p_jar.sync()
        assert list(value.objectIds())[-1] == second
        _assert_folder_order(self.api.get(f"{SEED_PLAN_ID}/@plan-tree").json(), self.plan)
        # up by one in the plan, then the follow-up of an item removed: still the folder's order
        ids = list(self.plan.objectIds())
        response = self.api.patch(SEED_PLAN_ID, json={"ordering": {"obj_id": ids[-1], "delta": -1}})
        assert response.status_code == 204, response.text
        assert self.api.delete(f"{SEED_PLAN_ID}/{ids[0]}").status_code == 204
        self.plan._p_jar.sync()
        _assert_folder_order(self.api.get(f"{SEED_PLAN_ID}/@plan-tree").json(), self.plan)

    def test_follows_edits(self):
        indicator = f"{SEED_PLAN_ID}/valeur-cooperation/indicateur-nombre-de-reunions-avec-les-membres"
        self.api.patch(
            indicator,
            json={
                "measurements": [
                    {"date": "2020-06-30", "value": 12, "comment": None},
                    {"date": "2020-12-31", "value": 30, "comment": None},
                ]
            },
        )
        objective = f"{SEED_PLAN_ID}/valeur-cooperation/objectif-soutenir-les-communautes-du-logiciel-libre"
        self.api.patch(objective, json={"progress": 35, "health": "at_risk"})
        tree = self.api.get(f"{SEED_PLAN_ID}/@plan-tree").json()
        by_id = {n["id"]: n for n in _walk(tree)}
        assert by_id[indicator.rsplit("/", 1)[1]]["latest_measurement"] == {"date": "2020-12-31", "value": 30.0}
        assert (by_id[objective.rsplit("/", 1)[1]]["progress"], by_id[objective.rsplit("/", 1)[1]]["health"]) == (
            35,
            "at_risk",
        )

    def test_depth_and_types(self):
        tree = self.api.get(f"{SEED_PLAN_ID}/@plan-tree", params={"depth": 1}).json()
        assert tree["items_total"] == 27 and all(n["items"] == [] for n in tree["items"])
        tree = self.api.get(f"{SEED_PLAN_ID}/@plan-tree", params={"types": "Value,Indicator"}).json()
        assert {n["@type"] for n in _walk(tree)} == {"Value", "Indicator"}
        assert sum(len(v["items"]) for v in tree["items"]) == 16
        tree = self.api.get(f"{SEED_PLAN_ID}/@plan-tree", params={"types": "Indicator"}).json()
        assert len(tree["items"]) == 16  # attached to the plan when their value is left out

    def test_depth_beyond_any_plan_is_the_whole_plan(self):
        # schemathesis sent depth=5867067: the path index then worked past the client's timeout
        tree = self.api.get(f"{SEED_PLAN_ID}/@plan-tree", params={"depth": 10**7}, timeout=30).json()
        assert tree["items_total"] == 68

    @pytest.mark.parametrize(
        "params,english,french",
        [
            ({"depth": "deux"}, "depth: expected a whole number, got 'deux'", "depth : nombre entier attendu"),
            ({"depth": "0"}, "depth: 1 or more", "depth : 1 ou plus"),
            ({"types": "Value,Projet"}, "types: unknown type 'Projet'", "types : type inconnu « Projet »"),
        ],
    )
    def test_bad_parameters(self, params, english, french):
        for lang, message in (("en", english), ("fr", french)):
            response = self.api.get(f"{SEED_PLAN_ID}/@plan-tree", params=params, headers={"Accept-Language": lang})
            assert response.status_code == 400
            assert message in response.json()["error"]["message"]

    def test_anonymous_sees_only_an_adopted_plan(self):
        assert self.anonymous.get(f"{SEED_PLAN_ID}/@plan-tree").json()["items_total"] == 68
        set_state(self.plan, "submitted_to_board")
        transaction.commit()
        assert self.anonymous.get(f"{SEED_PLAN_ID}/@plan-tree").status_code == 401


class TestPlanTreeWakesNoObject:
    def test_built_from_the_catalog_alone(self, integration, monkeypatch):
        plan = integration["portal"][SEED_PLAN_ID]

        def forbidden(self, *args):
            raise AssertionError("@plan-tree woke a content object")

        monkeypatch.setattr(AbstractCatalogBrain, "getObject", forbidden)
        monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", forbidden)
        assert plan_tree(plan)["items_total"] == 68


class TestAnswersKeptPerCatalogState:
    """@plan-tree and @indicators are computed once per catalog state, user and query (ETag)."""

    @pytest.fixture(autouse=True)
    def _setup(self, functional, manager):
        self.portal = functional["portal"]
        self.api = manager

    @pytest.mark.parametrize("endpoint", ["@plan-tree", "@indicators"])
    def test_etag_and_not_modified(self, endpoint):
        first = self.api.get(f"{SEED_PLAN_ID}/{endpoint}")
        again = self.api.get(f"{SEED_PLAN_ID}/{endpoint}")
        assert first.headers["ETag"] == again.headers["ETag"] and first.content == again.content
        cached = self.api.get(f"{SEED_PLAN_ID}/{endpoint}", headers={"If-None-Match": first.headers["ETag"]})
        assert (cached.status_code, cached.content) == (304, b"")
        other_query = self.api.get(f"{SEED_PLAN_ID}/{endpoint}", params={"year": 2020, "depth": 1})
        assert other_query.headers["ETag"] != first.headers["ETag"]
        anonymous = RelativeSession(self.portal.absolute_url())
        anonymous.headers.update({"Accept": "application/json"})
        assert anonymous.get(f"{SEED_PLAN_ID}/{endpoint}").headers["ETag"] != first.headers["ETag"]
        anonymous.close()

    def test_an_edit_or_a_move_is_seen_at_once(self):
        before = self.api.get(f"{SEED_PLAN_ID}/@plan-tree")
        assert [n["id"] for n in before.json()["items"]][:2] == ["pilier-1", "pilier-2"]
        assert self.api.patch(f"{SEED_PLAN_ID}/pilier-1", json={"title": "Pilier renommé"}).status_code == 204
        renamed = self.api.get(f"{SEED_PLAN_ID}/@plan-tree", headers={"If-None-Match": before.headers["ETag"]})
        assert renamed.status_code == 200 and renamed.json()["items"][0]["title"] == "Pilier renommé"
        response = self.api.patch(SEED_PLAN_ID, json={"ordering": {"obj_id": "pilier-2", "delta": "top"}})
        assert response.status_code == 204, response.text
        moved = self.api.get(f"{SEED_PLAN_ID}/@plan-tree").json()
        assert [n["id"] for n in moved["items"]][:2] == ["pilier-2", "pilier-1"]
        self.api.patch(
            f"{SEED_PLAN_ID}/valeur-cooperation/objectif-soutenir-les-communautes-du-logiciel-libre",
            json={"health": "at_risk"},
        )
        tree = self.api.get(f"{SEED_PLAN_ID}/@plan-tree").json()
        assert {n["id"]: n.get("health") for n in _walk(tree)}[
            "objectif-soutenir-les-communautes-du-logiciel-libre"
        ] == "at_risk"

    def test_errors_are_not_kept(self):
        assert self.api.get(f"{SEED_PLAN_ID}/@plan-tree", params={"depth": "x"}).status_code == 400
        again = self.api.get(f"{SEED_PLAN_ID}/@plan-tree", params={"depth": "x"})
        assert again.status_code == 400 and "ETag" not in again.headers
