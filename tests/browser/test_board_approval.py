"""A board member approves the plan through the Classic UI, decision required."""

from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from tests.browser.helpers import log_in
from tests.workflows.helpers import set_state

import pytest
import transaction


pytestmark = pytest.mark.browser

BOARD = ("administratrice", "mot de passe du conseil 2026")


class TestBoardApprovalInBrowser:
    @pytest.fixture(autouse=True)
    def _setup(self, functional, page):
        self.portal = functional["portal"]
        self.portal.acl_users.userFolderAddUser(BOARD[0], BOARD[1], ["Member"], [])
        api.group.add_user(groupname="strategicplan-board", username=BOARD[0])
        self.plan = self.portal[SEED_PLAN_ID]
        set_state(self.plan, "submitted_to_board")
        transaction.commit()
        self.page = page
        log_in(page, self.portal, *BOARD)

    def test_approve_from_the_state_menu(self, artifacts):
        page = self.page
        page.goto(self.plan.absolute_url())
        # the plan page offers the decisions the user may take (the toolbar's state menu
        # leads to the same form)
        assert page.locator(".plan-transitions a").count() == 2  # approve, return for changes
        page.click("a.plan-transition-approve_by_board")
        page.wait_for_selector("#plan-decision-form")

        page.fill("#comment", "Approuvé à l'unanimité.")
        page.click("#decision-submit")  # no date, no reference: refused
        page.wait_for_selector(".invalid-feedback")
        assert page.locator(".invalid-feedback").count() == 2
        transaction.begin()
        assert api.content.get_state(obj=self.plan) == "submitted_to_board"

        page.fill("#decision_date", "2026-01-15")
        page.fill("#decision_reference", "CA-2026-01")
        page.click("#decision-submit")
        page.wait_for_selector(".plan-decisions")
        assert "CA-2026-01" in page.locator(".plan-decisions").inner_text()
        page.screenshot(path=str(artifacts / "board-approval.png"), full_page=False)

        transaction.begin()
        assert api.content.get_state(obj=self.plan) == "approved_by_board"
        last = self.plan.workflow_history["strategicplan_workflow"][-1]
        assert (last["actor"], last["decision_reference"], last["comments"]) == (
            BOARD[0],
            "CA-2026-01",
            "Approuvé à l'unanimité.",
        )

    def test_staff_cannot_open_the_decision_form(self):
        page = self.page
        response = page.goto(f"{self.plan.absolute_url()}/@@plan-decision?transition=adopt")
        assert response.status == 403
        assert "not possible" in page.locator(".refused").inner_text()

    def test_record_a_follow_up_review(self):
        page = self.page
        set_state(self.plan, "adopted")
        transaction.commit()
        page.goto(self.plan.absolute_url())
        page.click("a.record-follow-up")
        page.wait_for_selector("#follow-up-form")
        page.fill("#date", "2020-06-30")
        page.fill("#decision_reference", "CA-2020-06")
        page.fill("#comment", "Premier suivi semestriel")
        page.click("#follow-up-submit")
        page.wait_for_selector(".plan-follow-ups li")
        assert "CA-2020-06" in page.locator(".plan-follow-ups").inner_text()
        transaction.begin()
        from imio.strategicplan.followup.reviews import reviews

        [review] = reviews(self.plan)
        assert (review["actor"], review["comment"]) == (BOARD[0], "Premier suivi semestriel")
