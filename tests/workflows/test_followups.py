"""Semi-annual follow-up reviews: recorded by the board on an adopted plan, with a snapshot."""

from tests.workflows.helpers import add_user
from tests.workflows.helpers import seed_plan
from tests.workflows.helpers import session
from tests.workflows.helpers import set_state

import pytest
import transaction


class TestFollowUpReviews:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.plan = seed_plan(self.portal)
        self.board = session(self.portal, add_user(self.portal, "Board Member"))
        self.editor = session(self.portal, add_user(self.portal, "Editor"))
        transaction.commit()
        self.url = f"{self.plan.getId()}/@follow-up-reviews"
        self.objective = f"{self.plan.getId()}/valeur-maitrise/objectif-respecter-le-plan-financier-2020-2022"
        yield
        self.board.close()
        self.editor.close()

    def test_board_records_a_review_that_keeps_the_follow_up_data_of_that_day(self):
        assert self.editor.patch(self.objective, json={"progress": 30, "health": "at_risk"}).status_code == 204
        response = self.board.post(
            self.url,
            json={"date": "2020-06-30", "decision_reference": "CA-2020-06", "comment": "Suivi du premier semestre"},
        )
        assert response.status_code == 201, response.text
        assert self.editor.patch(self.objective, json={"progress": 55}).status_code == 204
        self.board.post(self.url, json={"date": "2020-12-31", "decision_reference": "CA-2020-12"})

        listing = self.editor.get(self.url).json()
        assert listing["items_total"] == 2
        first, second = listing["items"]
        assert (first["date"], first["decision_reference"], first["comment"]) == (
            "2020-06-30",
            "CA-2020-06",
            "Suivi du premier semestre",
        )
        objective_id = self.objective.rsplit("/", 1)[1]
        assert first["snapshot"][objective_id]["progress"] == 30
        assert first["snapshot"][objective_id]["health"] == "at_risk"
        assert second["snapshot"][objective_id]["progress"] == 55
        assert "measurements" in first["snapshot"]["indicateur-clotures-comptables-trimestrielles"]
        assert "revenue_lines" in first["snapshot"]["exercice-2020"]
        assert "title" in first["snapshot"][objective_id] and "kind" not in first["snapshot"][objective_id]

    def test_date_and_reference_required(self):
        response = self.board.post(self.url, json={"comment": "?"})
        assert response.status_code == 400
        assert set(response.json()["error"]["fields"]) == {"date", "decision_reference"}
        assert self.editor.get(self.url).json()["items_total"] == 0

    @pytest.mark.parametrize("state", ["draft", "submitted_to_board", "archived"])
    def test_only_on_an_adopted_plan(self, state):
        set_state(self.plan, state)
        transaction.commit()
        response = self.board.post(self.url, json={"date": "2020-06-30", "decision_reference": "CA"})
        assert response.status_code == 401
        transaction.begin()
        set_state(self.plan, "adopted")
        transaction.commit()
        assert self.board.get(self.url).json()["items_total"] == 0

    def test_staff_may_not_record_a_review(self):
        response = self.editor.post(self.url, json={"date": "2020-06-30", "decision_reference": "CA"})
        assert response.status_code == 401
        assert self.editor.get(self.url).json()["items_total"] == 0
