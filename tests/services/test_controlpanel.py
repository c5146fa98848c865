"""REST: @controlpanels/strategicplan, the indicators' status thresholds."""

from imio.strategicplan.plan import indicators
from imio.strategicplan.testing import SEED_PLAN_ID

import transaction


INDICATOR = f"{SEED_PLAN_ID}/valeur-cooperation/indicateur-nombre-de-reunions-avec-les-membres"


class TestControlPanelREST:
    def test_patch_changes_the_status_in_indicators(self, manager, anonymous):
        url = "@controlpanels/strategicplan"
        assert manager.get(url).json()["data"] == {"on_track_threshold": 90, "at_risk_threshold": 70}
        response = manager.patch(
            INDICATOR,
            json={
                "baseline": 2,
                "targets": [{"year": 2020, "value": 10}],
                "measurements": [{"date": "2020-06-30", "value": 9.5, "comment": None}],
            },
        )  # 0.9375
        assert response.status_code == 204, response.text
        status = lambda: [  # noqa: E731 (asked twice below)
            i["status"]
            for i in manager.get(
                f"{SEED_PLAN_ID}/@indicators", params={"year": 2020, "value": "valeur-cooperation"}
            ).json()["items"]
            if i["id"] == "indicateur-nombre-de-reunions-avec-les-membres"
        ]
        assert status() == ["on_track"]
        assert manager.patch(url, json={"on_track_threshold": 95}).status_code == 204
        assert status() == ["at_risk"]  # the cached answer of @indicators is not reused

    def test_patch_out_of_order_is_refused(self, manager):
        response = manager.patch("@controlpanels/strategicplan", json={"at_risk_threshold": 95})
        assert response.status_code == 400, response.text
        assert "« à risque » dépasse le seuil « en bonne voie »" in response.json()["message"]
        assert manager.get("@controlpanels/strategicplan").json()["data"]["at_risk_threshold"] == 70

    def test_anonymous_is_refused(self, anonymous):
        response = anonymous.patch("@controlpanels/strategicplan", json={"on_track_threshold": 10})
        assert response.status_code == 401
        transaction.begin()
        assert indicators.limits().on_track == 0.9
