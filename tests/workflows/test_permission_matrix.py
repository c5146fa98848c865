"""docs/workflow.md's tables, checked cell by cell as real users of the test server (REST)."""

from tests.workflows.helpers import add_user
from tests.workflows.helpers import DECISION
from tests.workflows.helpers import read_tables
from tests.workflows.helpers import seed_plan
from tests.workflows.helpers import session
from tests.workflows.helpers import set_state
from tests.workflows.helpers import state_of

import pytest
import transaction


ROLES, ALLOWED, RIGHTS = read_tables()
STATES = sorted({state for state, _ in RIGHTS}, key=[s for s, _ in RIGHTS].index)
TRANSITIONS = sorted({t for _, t, _ in ALLOWED}, key=[t for _, t, _ in ALLOWED].index)
TARGET = {
    "submit_to_board": "submitted_to_board",
    "approve_by_board": "approved_by_board",
    "submit_to_assembly": "submitted_to_assembly",
    "adopt": "adopted",
    "return_for_changes": "draft",
    "amend": "draft",
    "archive": "archived",
}
CASES = [(state, role) for state in STATES for role in ROLES]


def test_tables_cover_every_state_role_and_transition():
    assert len(STATES) == 6 and len(ROLES) == 9 and len(TRANSITIONS) == 7
    assert len(ALLOWED) == 6 * 9 * 7 and len(RIGHTS) == 6 * 9


class TestPermissionMatrix:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.plan = seed_plan(self.portal)
        self.objective = self.plan["valeur-maitrise"]["objectif-respecter-le-plan-financier-2020-2022"]

    def _prepare(self, state, role):
        user_id = add_user(self.portal, role)
        set_state(self.plan, state)
        transaction.commit()
        return session(self.portal, user_id)

    def _refused_status(self, state, role):
        return 401 if role == "Anonymous" or RIGHTS[(state, role)] == "—" else 403

    @pytest.mark.parametrize("state,role", CASES, ids=[f"{s}-{r}" for s, r in CASES])
    def test_transitions(self, state, role):
        api_session = self._prepare(state, role)
        for transition in TRANSITIONS:
            response = api_session.post(f"{self.plan.getId()}/@workflow/{transition}", json=DECISION)
            transaction.begin()
            if ALLOWED[(state, transition, role)]:
                assert response.status_code == 200, (transition, response.text)
                assert state_of(self.plan) == TARGET[transition]
                assert response.json()["decision_reference"] == DECISION["decision_reference"]
                set_state(self.plan, state)
                transaction.commit()
            else:
                expected = self._refused_status(state, role)
                assert response.status_code == expected, (transition, response.status_code, response.text)
                # the endpoint's own refusal ({"error": {…}}), or plone.rest's when the user may not
                # even see the plan (raised while traversing: {"type", "message"} at the top)
                answer = response.json()
                assert (answer["error"] if "error" in answer else answer)["message"], transition
                assert state_of(self.plan) == state, transition
        api_session.close()

    @pytest.mark.parametrize("state,role", CASES, ids=[f"{s}-{r}" for s, r in CASES])
    def test_read_and_edit(self, state, role):
        api_session = self._prepare(state, role)
        right = RIGHTS[(state, role)]
        url = f"{self.plan.getId()}/valeur-maitrise/{self.objective.getId()}"
        title, progress = self.objective.title, self.objective.progress

        for path in (self.plan.getId(), url):
            response = api_session.get(path)
            assert response.status_code == (401 if right == "—" else 200), path

        commitment = api_session.patch(url, json={"title": "Titre changé"})
        follow_up = api_session.patch(url, json={"progress": 42})
        transaction.begin()
        if right == "edit":
            assert (commitment.status_code, follow_up.status_code) == (204, 204)
            assert (self.objective.title, self.objective.progress) == ("Titre changé", 42)
            return
        if right == "follow-up":
            assert follow_up.status_code == 204
            assert commitment.status_code == 403
            assert "title" in commitment.json()["message"]
            assert (self.objective.title, self.objective.progress) == (title, 42)
            return
        assert commitment.status_code in (401, 403) and follow_up.status_code in (401, 403)
        if right == "—":
            assert (commitment.status_code, follow_up.status_code) == (401, 401)
        assert (self.objective.title, self.objective.progress) == (title, progress)
        api_session.close()
