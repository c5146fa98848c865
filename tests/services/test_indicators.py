"""GET <plan>/@indicators and the status/staleness rules behind it."""

from datetime import date
from imio.strategicplan.plan import indicators
from imio.strategicplan.testing import SEED_PLAN_ID
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession

import pytest


def data(direction="higher", baseline=None, targets=None, latest=None, frequency="yearly"):
    return {
        "direction": direction,
        "baseline": baseline,
        "targets": targets or {},
        "latest": latest,
        "frequency": frequency,
        "unit": None,
        "baseline_year": None,
    }


@pytest.mark.parametrize(
    "case,expected",
    [
        # hand-checked: share of the way from baseline to target; >= 0.9 on track, >= 0.7 at risk
        (data(baseline=2, targets={"2020": 10}, latest={"date": "2020-06-30", "value": 9.5}), "on_track"),  # 0.9375
        (data(baseline=2, targets={"2020": 10}, latest={"date": "2020-06-30", "value": 8}), "at_risk"),  # 0.75
        (data(baseline=2, targets={"2020": 10}, latest={"date": "2020-06-30", "value": 7}), "off_track"),  # 0.625
        (
            data(direction="lower", baseline=100, targets={"2020": 60}, latest={"date": "2020-06-30", "value": 64}),
            "on_track",
        ),  # 0.9
        (
            data(direction="lower", baseline=100, targets={"2020": 60}, latest={"date": "2020-06-30", "value": 80}),
            "off_track",
        ),  # 0.5
        (data(targets={"2020": 300}, latest={"date": "2020-06-30", "value": 240}), "at_risk"),  # no baseline: 0.8
        (
            data(direction="lower", targets={"2020": 10}, latest={"date": "2020-06-30", "value": 12.5}),
            "at_risk",
        ),  # 10/12.5 = 0.8
        (data(targets={"2021": 5}, latest={"date": "2020-06-30", "value": 5}), "no_target"),
        (data(targets={"2020": 5}), "no_data"),
    ],
)
def test_status(case, expected):
    assert indicators.status(case, 2020) == expected


@pytest.mark.parametrize(
    "frequency,last,stale",
    [
        ("quarterly", "2020-04-01", False),  # 91 days before 2020-07-01
        ("quarterly", "2020-03-30", True),  # 93 days
        ("yearly", "2019-07-01", False),
        ("monthly", "2020-05-15", True),
    ],
)
def test_staleness(frequency, last, stale):
    case = data(frequency=frequency, latest={"date": last, "value": 1})
    assert indicators.is_stale(case, date(2020, 7, 1)) is stale
    assert indicators.is_stale(data(frequency=frequency), date(2020, 7, 1)) is True


class TestIndicatorsEndpoint:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        portal = functional["portal"]
        self.api = RelativeSession(portal.absolute_url())
        self.api.headers.update({"Accept": "application/json"})
        self.api.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        self.url = f"{SEED_PLAN_ID}/@indicators"
        yield
        self.api.close()

    def test_seed_indicators(self):
        result = self.api.get(self.url, params={"year": 2020}).json()
        assert result["items_total"] == 16
        assert {i["status"] for i in result["items"]} == {"no_target"}
        assert all(i["stale"] for i in result["items"])
        assert self.api.get(self.url, params={"value": "valeur-cooperation"}).json()["items_total"] == 5

    def test_status_after_measuring(self):
        indicator = f"{SEED_PLAN_ID}/valeur-cooperation/indicateur-nombre-de-reunions-avec-les-membres"
        response = self.api.patch(
            indicator,
            json={
                "baseline": 2,
                "targets": [{"year": 2020, "value": 10}],
                "measurements": [{"date": "2020-06-30", "value": 9.5, "comment": None}],
            },
        )
        assert response.status_code == 204, response.text
        on_track = self.api.get(self.url, params={"year": 2020, "status": "on_track"}).json()
        [item] = on_track["items"]
        assert (item["target"], item["latest_measurement"], item["parent"]) == (
            10.0,
            {"date": "2020-06-30", "value": 9.5},
            "valeur-cooperation",
        )
        assert item["stale"] is True  # a yearly indicator last measured in 2020

    @pytest.mark.parametrize(
        "params,english,french",
        [
            ({"status": "great"}, "status: unknown status 'great'", "status : état inconnu « great »"),
            (
                {"value": "valeur-inconnue"},
                "value: 'valeur-inconnue' is not in this plan",
                "value : « valeur-inconnue » n'est pas dans ce plan",
            ),
            (
                {"year": "2020a"},
                "year: expected a year between 1900 and 2200, got 2020a",
                "year : année entre 1900 et 2200 attendue, reçu 2020a",
            ),
        ],
    )
    def test_bad_parameters(self, params, english, french):
        for lang, message in (("en", english), ("fr", french)):
            response = self.api.get(self.url, params=params, headers={"Accept-Language": lang})
            assert response.status_code == 400 and message in response.json()["error"]["message"]
