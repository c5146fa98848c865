"""Each type through plone.restapi's standard content endpoints, on the real WSGI test server."""

from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession

import pytest
import transaction


def _first(portal, portal_type):
    """The first item of ``portal_type`` in the seed plan, in folder order."""

    def walk(obj):
        for child in obj.contentValues():
            yield child
            if hasattr(child.aq_base, "contentValues"):
                yield from walk(child)

    plan = portal[SEED_PLAN_ID]
    if portal_type == "StrategicPlan":
        return plan
    return next(o for o in walk(plan) if o.portal_type == portal_type)


EXPECTED = {
    "StrategicPlan": {
        "reference": "IMIO2020/2022-V1.0",
        "first_year": 2020,
        "last_year": 2022,
        "adoption_date": "2019-12-12",
    },
    "Pillar": {"code": "P1", "number": 1},
    "Value": {"title": "Intégrité et éthique"},
    "Objective": {
        "title": "Établir une charte éthique",
        "kind": {"token": "strategic", "title": "Stratégique"},
        "health": {"token": "on_track", "title": "En bonne voie"},
        "progress": 0,
    },
    "Indicator": {"direction": {"token": "higher", "title": "Plus haut est mieux"}, "measurements": []},
    "PriorityProject": {"status": {"token": "planned", "title": "Prévu"}, "start": "2020-01-01"},
    "FinancialYear": {"year": 2012, "kind": {"token": "actual", "title": "Réalisé (comptes audités)"}},
}


class TestContentGet:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.api = RelativeSession(self.portal.absolute_url(), test=self)
        self.api.headers.update({"Accept": "application/json"})
        self.api.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        yield
        self.api.close()

    def _url(self, obj):
        return obj.absolute_url()[len(self.portal.absolute_url()) + 1 :]

    @pytest.mark.parametrize("portal_type", EXPECTED)
    def test_get_each_type(self, portal_type):
        obj = _first(self.portal, portal_type)
        response = self.api.get(self._url(obj))
        assert response.status_code == 200
        data = response.json()
        assert data["@type"] == portal_type
        assert data["UID"] == api.content.get_uuid(obj)
        for key, value in EXPECTED[portal_type].items():
            assert data[key] == value, key

    def test_plan_rows_are_structured(self):
        data = self.api.get(SEED_PLAN_ID).json()
        assert {"category": "CPAS", "count": 58} in data["members"]
        assert data["tariff_categories"][0]["inhabitants_max"] == 5000
        assert [i["@type"] for i in data["items"]].count("Value") == 6

    def test_patch_measurements_and_read_them_back(self):
        indicator = _first(self.portal, "Indicator")
        url = self._url(indicator)
        measurements = [
            {"date": "2020-06-30", "value": 4, "comment": "premier semestre"},
            {"date": "2020-12-31", "value": 7, "comment": None},
        ]
        response = self.api.patch(url, json={"measurements": measurements})
        assert response.status_code == 204, response.text
        transaction.begin()
        data = self.api.get(url).json()
        assert [(m["date"], m["value"]) for m in data["measurements"]] == [("2020-06-30", 4.0), ("2020-12-31", 7.0)]
        assert data["measurements"][0]["comment"] == "premier semestre"

    def test_patch_relations_are_summaries(self):
        objective = _first(self.portal, "Objective")
        pillar = self.portal[SEED_PLAN_ID]["pilier-1"]
        url = self._url(objective)
        response = self.api.patch(url, json={"pillars": [api.content.get_uuid(pillar)]})
        assert response.status_code == 204, response.text
        [summary] = self.api.get(url).json()["pillars"]
        assert summary["title"] == pillar.title
        assert summary["@type"] == "Pillar"

    def test_patch_out_of_range_is_400_naming_the_field(self):
        objective = _first(self.portal, "Objective")
        response = self.api.patch(self._url(objective), json={"progress": 150})
        assert response.status_code == 400
        assert "progress" in response.text
        transaction.begin()
        assert objective.progress == 0

    def test_patch_integer_for_float_and_iso_date(self):
        project = _first(self.portal, "PriorityProject")
        url = self._url(project)
        response = self.api.patch(url, json={"budget": 150000, "start": "2020-03-01"})
        assert response.status_code == 204, response.text
        data = self.api.get(url).json()
        assert (data["budget"], data["start"]) == (150000.0, "2020-03-01")

    def test_patch_bad_date_is_400_naming_the_field(self):
        project = _first(self.portal, "PriorityProject")
        response = self.api.patch(self._url(project), json={"start": "01/03/2020"})
        assert response.status_code == 400
        assert "start" in response.text and "AAAA-MM-JJ" in response.text  # the site speaks French
        transaction.begin()
        assert project.start.isoformat() == "2020-01-01"

    def test_english_on_request(self):
        objective = _first(self.portal, "Objective")
        french = self.api.get(self._url(objective)).json()
        assert french["health"]["title"] == "En bonne voie"
        english = self.api.get(self._url(objective), headers={"Accept-Language": "en"}).json()
        assert english["health"]["title"] == "On track"
