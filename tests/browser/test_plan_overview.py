"""A staff member logs in, reads the plan overview and adds an objective through the form."""

from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from tests.browser.helpers import log_in
from tests.workflows.helpers import set_state

import pytest
import transaction


pytestmark = pytest.mark.browser

STAFF = ("agent-imio", "un mot de passe solide 2020")


class TestPlanOverviewInBrowser:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.portal.acl_users.userFolderAddUser(STAFF[0], STAFF[1], ["Member", "Contributor", "Editor"], [])
        # staff add objectives while the plan is being prepared
        set_state(self.portal[SEED_PLAN_ID], "draft")
        transaction.commit()
        self.portal_url = self.portal.absolute_url()
        self.plan_url = f"{self.portal_url}/{SEED_PLAN_ID}"

    def test_overview_then_add_objective(self, page, artifacts):
        log_in(page, self.portal, *STAFF)
        page.goto(self.plan_url)
        assert page.locator("h1").first.inner_text() == "Plan Stratégique 2020-2022"
        values = page.locator(".plan-value")
        assert values.count() == 6
        assert page.locator(".plan-value .objective").count() == 25
        assert page.locator(".pillar-list li").count() == 6
        assert page.locator(".plan-years tbody tr").count() == 11
        assert page.locator(".members-total").inner_text() == "304"

        value = values.filter(has_text="Intégrité et éthique")
        value.locator("a.add-objective").click()
        page.wait_for_selector("#form-widgets-IPlanBasic-title")
        page.fill("#form-widgets-IPlanBasic-title", "Publier un rapport éthique annuel")
        page.fill("#form-widgets-responsible", "Direction générale")
        page.fill("#form-widgets-progress", "10")
        page.click("#form-buttons-save")
        page.wait_for_url("**/publier-un-rapport-ethique-annuel**")

        page.goto(self.plan_url)
        added = value.locator(".objective", has_text="Publier un rapport éthique annuel")
        assert added.count() == 1
        assert "10 %" in added.inner_text()
        assert page.locator(".plan-value .objective").count() == 26
        page.screenshot(path=str(artifacts / "plan-overview-after-add.png"), full_page=True)

        transaction.begin()
        [brain] = api.content.find(portal_type="Objective", Title="Publier un rapport éthique annuel")
        objective = brain.getObject()
        assert objective.aq_parent.title == "Intégrité et éthique"
        assert (objective.responsible, objective.progress) == ("Direction générale", 10)
