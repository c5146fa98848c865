"""Control panel "Plans stratégiques": the indicators' status thresholds are site settings."""

from imio.strategicplan.plan import indicators
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID

import pytest
import re
import requests
import transaction


class TestSettings:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]

    def test_defaults_are_the_former_constants(self):
        assert api.portal.get_registry_record("imio.strategicplan.on_track_threshold") == 90
        assert api.portal.get_registry_record("imio.strategicplan.at_risk_threshold") == 70
        assert indicators.limits() == indicators.Limits(0.9, 0.7)

    def test_status_follows_the_registry(self):
        case = {
            "direction": "higher",
            "baseline": 2,
            "targets": {"2020": 10},
            "latest": {"date": "2020-06-30", "value": 8},
        }  # 0.75 of the way
        assert indicators.status(case, 2020) == "at_risk"
        api.portal.set_registry_record("imio.strategicplan.at_risk_threshold", 80)
        assert indicators.status(case, 2020) == "off_track"
        api.portal.set_registry_record("imio.strategicplan.on_track_threshold", 75)
        api.portal.set_registry_record("imio.strategicplan.at_risk_threshold", 50)
        assert indicators.status(case, 2020) == "on_track"

    def test_configlet_listed(self):
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        configlets = self.portal.portal_controlpanel.enumConfiglets(group="Products")
        [configlet] = [c for c in configlets if c["id"] == "imio.strategicplan"]
        assert configlet["url"].endswith("/@@strategicplan-controlpanel")


class TestControlPanelForm:
    """The Classic UI form on the live test server."""

    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.url = f"{self.portal.absolute_url()}/@@strategicplan-controlpanel"
        self.session = requests.Session()
        self.session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        yield
        self.session.close()

    def _save(self, on_track, at_risk):
        form = self.session.get(self.url).text
        token = re.search(
            r'name="_authenticator"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="_authenticator"', form
        ).group(1, 2)
        return self.session.post(
            self.url,
            data={
                "_authenticator": token[0] or token[1],
                "form.widgets.on_track_threshold": str(on_track),
                "form.widgets.at_risk_threshold": str(at_risk),
                "form.buttons.save": "Enregistrer",
            },
            headers={"Accept-Language": "fr"},
        )

    def test_form_saves(self):
        page = self.session.get(self.url, headers={"Accept-Language": "fr"})
        assert page.status_code == 200 and "Seuil « en bonne voie » (%)" in page.text
        self._save(95, 60)
        transaction.begin()  # see the server's commit
        assert indicators.limits() == indicators.Limits(0.95, 0.6)

    def test_form_refuses_thresholds_out_of_order(self):
        response = self._save(60, 80)
        assert "Le seuil « à risque » dépasse le seuil « en bonne voie »." in response.text
        transaction.begin()
        assert indicators.limits() == indicators.Limits(0.9, 0.7)

    def test_anonymous_cannot_open_it(self):
        response = requests.get(self.url, allow_redirects=False)
        assert response.status_code in (302, 401)
        assert "Seuil" not in response.text
