"""Decisions on record: required data, history through @history, the seed's adoption."""

from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.CMFCore.WorkflowCore import WorkflowException
from tests.workflows.helpers import add_user
from tests.workflows.helpers import seed_plan
from tests.workflows.helpers import session
from tests.workflows.helpers import set_state
from tests.workflows.helpers import state_of

import pytest
import transaction


class TestDecisionsThroughRest:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.plan = seed_plan(self.portal)
        self.users = {role: add_user(self.portal, role) for role in ("Editor", "Board Member", "Assembly Member")}
        set_state(self.plan, "draft")
        transaction.commit()
        self.sessions = {role: session(self.portal, uid) for role, uid in self.users.items()}
        yield
        for s in self.sessions.values():
            s.close()

    def _post(self, role, transition, **data):
        return self.sessions[role].post(f"{self.plan.getId()}/@workflow/{transition}", json=data)

    def test_approval_refused_without_date_and_reference(self):
        assert self._post("Editor", "submit_to_board").status_code == 200
        response = self._post("Board Member", "approve_by_board", comment="OK")
        assert response.status_code == 400
        assert set(response.json()["error"]["fields"]) == {"decision_date", "decision_reference"}
        response = self._post(
            "Board Member", "approve_by_board", decision_date="12/01/2026", decision_reference="CA-2026-01"
        )
        assert response.status_code == 400
        assert "AAAA-MM-JJ" in response.json()["error"]["fields"]["decision_date"]  # the site speaks French
        transaction.begin()
        assert state_of(self.plan) == "submitted_to_board"

    def test_return_needs_a_comment(self):
        self._post("Editor", "submit_to_board")
        response = self._post("Board Member", "return_for_changes")
        assert response.status_code == 400
        assert set(response.json()["error"]["fields"]) == {"comment"}
        assert self._post("Board Member", "return_for_changes", comment="Chiffrer l'objectif 3.").status_code == 200
        transaction.begin()
        assert state_of(self.plan) == "draft"
        assert self.plan.workflow_history[WORKFLOW_ID][-1]["decision_body"] == "board"

    def test_full_approval_path_is_on_record(self):
        assert self._post("Editor", "submit_to_board", comment="Projet final").status_code == 200
        assert (
            self._post(
                "Board Member",
                "approve_by_board",
                decision_date="2026-01-15",
                decision_reference="CA-2026-01",
                comment="Unanimité",
            ).status_code
            == 200
        )
        assert self._post("Board Member", "submit_to_assembly").status_code == 200
        response = self._post("Assembly Member", "adopt", decision_date="2026-02-20", decision_reference="AG-2026-02")
        assert response.status_code == 200
        assert response.json()["review_state"] == "adopted"

        history = self.sessions["Board Member"].get(f"{self.plan.getId()}/@history").json()
        workflow = [h for h in history if h["type"] == "workflow" and h["action"]]
        by_action = {}
        for entry in workflow:  # newest first: keep the latest entry of each action
            by_action.setdefault(entry["action"], entry)
        approve = by_action["approve_by_board"]
        assert (approve["decision_date"], approve["decision_reference"], approve["decision_body"]) == (
            "2026-01-15",
            "CA-2026-01",
            "board",
        )
        assert approve["comments"] == "Unanimité"
        assert approve["actor"]["id"] == self.users["Board Member"]
        adopt = by_action["adopt"]
        assert (adopt["decision_date"], adopt["decision_reference"], adopt["decision_body"]) == (
            "2026-02-20",
            "AG-2026-02",
            "assembly",
        )
        assert by_action["submit_to_board"]["comments"] == "Projet final"
        # the seed's own adoption (AG of 12/12/2019) is still on record
        assert any(h.get("decision_date") == "2019-12-12" for h in workflow)


class TestDecisionsInPython:
    @pytest.fixture(autouse=True)
    def _setup(self, integration):
        self.portal = integration["portal"]
        self.plan = seed_plan(self.portal)
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_seed_plan_stands_adopted_with_the_assembly_decision(self):
        assert state_of(self.plan) == "adopted"
        last = self.plan.workflow_history[WORKFLOW_ID][-1]
        assert (last["action"], last["decision_body"], last["decision_date"]) == ("adopt", "assembly", "2019-12-12")

    def test_transition_without_decision_refused_whoever_runs_it(self):
        set_state(self.plan, "submitted_to_board")
        with pytest.raises(WorkflowException, match="decision_date"):
            api.portal.get_tool("portal_workflow").doActionFor(self.plan, "approve_by_board")
        assert state_of(self.plan) == "submitted_to_board"
        api.portal.get_tool("portal_workflow").doActionFor(
            self.plan, "approve_by_board", decision_date="2026-01-15", decision_reference="CA-1"
        )
        assert state_of(self.plan) == "approved_by_board"

    def test_items_have_no_workflow_of_their_own(self):
        wftool = api.portal.get_tool("portal_workflow")
        assert wftool.getChainForPortalType("StrategicPlan") == (WORKFLOW_ID,)
        for portal_type in ("Pillar", "Value", "Objective", "Indicator", "PriorityProject", "FinancialYear"):
            assert wftool.getChainForPortalType(portal_type) == ()

    def test_groups_and_sharing_roles(self):
        board = api.group.get(groupname="strategicplan-board")
        assert "Board Member" in api.group.get_roles(group=board)
        assembly = api.group.get(groupname="strategicplan-assembly")
        assert "Assembly Member" in api.group.get_roles(group=assembly)
        staff = api.group.get(groupname="strategicplan-staff")
        # local roles, on the plan (and Plan Author, which adds plans, on the site): tests/workflows/test_staff.py
        assert not {"Editor", "Contributor", "Reader"} & set(api.group.get_roles(group=staff))
        assert set(self.plan.get_local_roles_for_userid("strategicplan-staff")) == {"Contributor", "Editor", "Reader"}
        sharing = self.plan.restrictedTraverse("@@sharing")
        titles = {r["id"]: r["title"] for r in sharing.roles()}
        assert titles["Board Member"] == "Membre du Conseil d'Administration"
        assert titles["Assembly Member"] == "Membre de l'Assemblée Générale"
        assert titles["Plan Author"] == "Peut créer des plans"


class TestAnonymousSeesOnlyAdopted:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.plan = seed_plan(self.portal)
        self.anonymous = session(self.portal, None)
        yield
        self.anonymous.close()

    def _search(self):
        response = self.anonymous.get("@search", params={"SearchableText": "mutualisation", "b_size": 200})
        return [i["@id"] for i in response.json()["items"] if self.plan.getId() in i["@id"]]

    @pytest.mark.parametrize("state", ["draft", "submitted_to_board", "approved_by_board", "submitted_to_assembly"])
    def test_hidden_before_adoption(self, state):
        set_state(self.plan, state)
        transaction.commit()
        item = "plan-strategique-2020-2022/valeur-cooperation"
        assert self.anonymous.get(self.plan.getId()).status_code == 401
        assert self.anonymous.get(item).status_code == 401
        page = self.anonymous.get(
            f"{self.plan.getId()}/@@plan-overview", headers={"Accept": "text/html"}, allow_redirects=False
        )
        assert page.status_code in (302, 401)
        assert "Intégrité et éthique" not in page.text
        assert self._search() == []
        with _anonymous():
            assert len(api.content.find(path="/".join(self.plan.getPhysicalPath()))) == 0

    @pytest.mark.parametrize("state", ["adopted", "archived"])
    def test_visible_once_adopted(self, state):
        set_state(self.plan, state)
        transaction.commit()
        assert self.anonymous.get(self.plan.getId()).status_code == 200
        assert self.anonymous.get("plan-strategique-2020-2022/valeur-cooperation").status_code == 200
        assert len(self._search()) > 0
        with _anonymous():
            assert len(api.content.find(path="/".join(self.plan.getPhysicalPath()))) == 69


class _anonymous:
    """Run catalog queries as the anonymous user."""

    def __enter__(self):
        from AccessControl.SecurityManagement import getSecurityManager
        from AccessControl.SecurityManagement import newSecurityManager
        from AccessControl.SpecialUsers import nobody

        self._manager = getSecurityManager()
        newSecurityManager(None, nobody)

    def __exit__(self, *exc):
        from AccessControl.SecurityManagement import setSecurityManager

        setSecurityManager(self._manager)
