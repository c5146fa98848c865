"""The staff group's rights are local roles (docs/workflow.md, "Who may do what"): a member of
strategicplan-staff with no role of their own does on every plan what the Editor column of the
tables allows (Editor holds Contributor's and Reader's rights there), adds plans, and is a plain
member everywhere else on the site."""

from imio.strategicplan.testing import SEED_FILE
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.workflows.helpers import PASSWORD
from tests.workflows.helpers import read_tables
from tests.workflows.helpers import seed_plan
from tests.workflows.helpers import session
from tests.workflows.helpers import set_state

import json
import pytest
import tests.workflows.test_permission_matrix as matrix
import transaction


STAFF = "strategicplan-staff"
USER = "u-staff"
ROLES, ALLOWED, RIGHTS = read_tables()
STATES = matrix.STATES


def add_staff_member(portal):
    portal.acl_users.userFolderAddUser(USER, PASSWORD, ["Member"], [])
    api.group.add_user(groupname=STAFF, username=USER)


def test_editor_column_holds_contributor_and_reader():
    """What makes "staff = the Editor column" true: the other two roles they hold add nothing."""
    for state in STATES:
        assert {RIGHTS[(state, "Contributor")], RIGHTS[(state, "Reader")]} <= {"read"}
        for transition in matrix.TRANSITIONS:
            assert not ALLOWED[(state, transition, "Contributor")] and not ALLOWED[(state, transition, "Reader")]


class TestStaffOnPlans(matrix.TestPermissionMatrix):
    """The matrix's Editor cases, run as a staff member holding no global role."""

    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.plan = seed_plan(self.portal)
        self.objective = self.plan["valeur-maitrise"]["objectif-respecter-le-plan-financier-2020-2022"]
        add_staff_member(self.portal)

    def _prepare(self, state, role):
        assert role == "Editor"
        assert api.user.get_roles(username=USER) == ["Member", "Authenticated"]
        set_state(self.plan, state)
        transaction.commit()
        return session(self.portal, USER)

    @pytest.mark.parametrize("state", STATES)
    def test_transitions(self, state):
        super().test_transitions(state, "Editor")

    @pytest.mark.parametrize("state", STATES)
    def test_read_and_edit(self, state):
        super().test_read_and_edit(state, "Editor")


class TestStaffElsewhere:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        add_staff_member(self.portal)
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        folder = api.content.create(container=self.portal, type="Folder", id="documents", title="Documents")
        api.content.create(container=folder, type="Document", id="note", title="Note interne")
        api.content.transition(obj=folder, transition="publish")
        setRoles(self.portal, TEST_USER_ID, ["Member"])
        transaction.commit()
        self.staff = session(self.portal, USER)
        yield
        self.staff.close()

    def test_no_editor_nor_contributor_outside_plans(self):
        # a private page: not even seen (Reader is no longer global)
        assert self.staff.get("documents/note").status_code == 401
        # a published folder: seen, but neither edited nor added to
        assert self.staff.get("documents").status_code == 200
        assert self.staff.patch("documents", json={"title": "Autre"}).status_code in (401, 403)
        response = self.staff.post("documents", json={"@type": "Document", "title": "Ajout"})
        assert response.status_code in (401, 403)
        assert self.staff.post("", json={"@type": "Document", "title": "Ajout"}).status_code in (401, 403)
        transaction.begin()
        assert self.portal["documents"].title == "Documents"
        assert self.portal["documents"].objectIds() == ["note"]

    def test_adds_plans_and_gets_its_roles_on_them(self):
        draft = json.loads(SEED_FILE.read_text(encoding="utf-8"))
        del draft["plan"]["workflow"]  # a draft: the staff may import it
        draft["plan"]["id"] = "plan-importe"
        response = self.staff.post("@plan-import", json=draft)
        assert response.status_code == 201, response.text
        transaction.begin()
        plan = self.portal["plan-importe"]
        assert set(plan.get_local_roles_for_userid(STAFF)) == {"Contributor", "Editor", "Reader"}
        # a draft: the staff find it through the catalog (local roles indexed), and edit it
        found = self.staff.get("@search", params={"portal_type": "StrategicPlan", "review_state": "draft"})
        assert [item["@id"].rsplit("/", 1)[1] for item in found.json()["items"]] == ["plan-importe"]
        objective = "plan-importe/valeur-maitrise/objectif-respecter-le-plan-financier-2020-2022"
        assert self.staff.patch(objective, json={"title": "Titre changé"}).status_code == 204
        # a page in the plan is still not theirs to add
        assert self.staff.post("plan-importe", json={"@type": "Document", "title": "x"}).status_code in (400, 403)
