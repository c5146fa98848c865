"""The add and edit forms staff use, in a real browser."""

from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from tests.browser.helpers import log_in
from tests.workflows.helpers import set_state

import pytest
import transaction


pytestmark = pytest.mark.browser

STAFF = ("agente-suivi", "un autre mot de passe 2021")

# type -> (container path inside the plan, a label its add form must show, in French)
ADD_FORMS = {
    "StrategicPlan": (None, "Référence"),
    "Pillar": ("", "Numéro d'ordre"),
    "Value": ("", "Devise"),
    "Objective": ("valeur-cooperation", "État de santé"),
    "Indicator": ("valeur-cooperation", "Fréquence de mesure"),
    "PriorityProject": ("", "Valeurs et objectifs servis"),
    "FinancialYear": ("", "Nature des chiffres"),
}


class TestForms:
    @pytest.fixture(autouse=True)
    def _setup(self, functional, page):
        self.portal = functional["portal"]
        self.portal.acl_users.userFolderAddUser(STAFF[0], STAFF[1], ["Member", "Contributor", "Editor"], [])
        transaction.commit()
        self.plan_url = f"{self.portal.absolute_url()}/{SEED_PLAN_ID}"
        log_in(page, self.portal, *STAFF)
        self.page = page

    @pytest.mark.parametrize("portal_type", ADD_FORMS)
    def test_add_form_in_french(self, portal_type):
        # staff add items while the plan is being prepared
        set_state(self.portal[SEED_PLAN_ID], "draft")
        transaction.commit()
        where, label = ADD_FORMS[portal_type]
        base = self.portal.absolute_url() if where is None else f"{self.plan_url}/{where}".rstrip("/")
        response = self.page.goto(f"{base}/++add++{portal_type}")
        assert response.status == 200
        form = self.page.locator("form#form")
        assert form.locator("label", has_text=label).count() >= 1
        assert self.page.locator("#form-buttons-save").is_visible()

    def test_record_a_measurement_in_the_grid(self, artifacts):
        indicator_url = f"{self.plan_url}/valeur-maitrise/indicateur-clotures-comptables-trimestrielles"
        self.page.goto(f"{indicator_url}/edit")
        # the plan is adopted: staff record measurements, the commitments are read-only
        assert self.page.locator("input#form-widgets-IPlanBasic-title").count() == 0
        assert (
            self.page.locator("#form-widgets-targets").count() == 0
            or self.page.locator("input[name^='form.widgets.targets.']").count() == 0
        )
        self.page.fill("#form-widgets-measurements-AA-widgets-date", "2020-09-30")
        values = self.page.locator("input[name^='form.widgets.measurements.'][name$='.widgets.value']")
        values.first.fill("3")
        comments = self.page.locator("input[name^='form.widgets.measurements.'][name$='.widgets.comment']")
        comments.first.fill("Clôture du troisième trimestre")
        self.page.click("#form-buttons-save")
        self.page.wait_for_load_state()
        self.page.screenshot(path=str(artifacts / "indicator-after-save.png"), full_page=True)
        self.page.wait_for_url(indicator_url)
        self.page.screenshot(path=str(artifacts / "indicator-after-measurement.png"), full_page=True)
        assert "Clôture du troisième trimestre" in self.page.content()

        transaction.begin()
        indicator = api.content.get(
            path=f"/{SEED_PLAN_ID}/valeur-maitrise/indicateur-clotures-comptables-trimestrielles"
        )
        assert [(m["date"].isoformat(), m["value"], m["comment"]) for m in indicator.measurements] == [
            ("2020-09-30", 3.0, "Clôture du troisième trimestre")
        ]
