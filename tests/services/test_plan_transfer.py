"""GET <plan>/@plan-export and POST <folder>/@plan-import over HTTP."""

from imio.strategicplan.testing import SEED_FILE
from imio.strategicplan.testing import SEED_PLAN_ID
from plone import api
from tests.workflows.helpers import add_user
from tests.workflows.helpers import session

import json
import pytest
import transaction


SEED = json.loads(SEED_FILE.read_text(encoding="utf-8"))


class TestPlanTransfer:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        with api.env.adopt_roles(["Manager"]):
            self.folder = api.content.create(self.portal, "Folder", id="plans", title="Plans")
        self.manager = session(self.portal, add_user(self.portal, "Manager"))
        self.editor = session(self.portal, add_user(self.portal, "Editor"))
        self.contributor = session(self.portal, add_user(self.portal, "Contributor"))
        self.anonymous = session(self.portal, None)
        transaction.commit()
        yield
        for s in (self.manager, self.editor, self.contributor, self.anonymous):
            s.close()

    def _post(self, who, data):
        body = data if isinstance(data, (bytes, str)) else json.dumps(data, indent=2, ensure_ascii=False)
        if isinstance(body, str):
            body = body.encode("utf-8")
        return who.post("plans/@plan-import", data=body, headers={"Content-Type": "application/json"})

    def _count(self):
        transaction.begin()
        return len(self.folder.objectIds())

    def test_export_then_import_is_lossless(self):
        exported = self.manager.get(f"{SEED_PLAN_ID}/@plan-export")
        assert exported.status_code == 200
        data = exported.json()
        assert data["plan"]["workflow"]["review_state"] == "adopted"
        response = self._post(self.manager, data)
        assert response.status_code == 201, response.text
        assert response.json()["@id"].endswith(f"/plans/{SEED_PLAN_ID}")
        # the import report: the published figures that contradict their lines (docs/finance.md)
        contradictions = response.json()["contradictions"]
        ebitda = next(c for c in contradictions if (c["figure"], c["year"]) == ("ebitda", 2019))
        assert ebitda == {
            "year": 2019,
            "figure": "ebitda",
            "label": "EBITDA",
            "source": "§8.9",
            "printed": -515660,
            "computed": -126660,
            "from_printed_parts": -151660,
            "kind": "root",
            "causes": [],
        }
        assert len([c for c in contradictions if c["kind"] == "root"]) == 18
        again = self.manager.get(f"plans/{SEED_PLAN_ID}/@plan-export").json()
        assert again == data

    def test_malformed_file_is_400_with_line_path_field_and_nothing_written(self):
        data = json.loads(json.dumps(SEED))
        data["plan"]["items"][0]["number"] = "un"
        text = json.dumps(data, indent=2, ensure_ascii=False)
        line = text.splitlines().index('        "number": "un"') + 1
        response = self._post(self.manager, text)
        assert response.status_code == 400
        error = response.json()["error"]
        assert (error["line"], error["path"], error["field"]) == (line, "plan.items[0]", "number")
        assert "expected an integer" in error["message"]
        assert self._count() == 0

    def test_invalid_json(self):
        response = self._post(self.manager, b'{"format": "imio.strategicplan",\n  "plan": ')
        assert response.status_code == 400
        assert response.json()["error"]["line"] == 2
        assert self._count() == 0

    def test_staff_import_drafts_only(self):
        draft = json.loads(json.dumps(SEED))
        response = self._post(self.contributor, draft)
        assert response.status_code == 403
        assert "Seul un Manager" in response.json()["error"]["message"]
        assert self._count() == 0
        del draft["plan"]["workflow"]
        response = self._post(self.contributor, draft)
        assert response.status_code == 201, response.text
        transaction.begin()
        assert api.content.get_state(obj=self.folder[SEED_PLAN_ID]) == "draft"

    def test_refused_without_the_add_permission(self):
        assert self._post(self.anonymous, SEED).status_code == 401
        assert self.anonymous.get(f"{SEED_PLAN_ID}/@plan-export").status_code == 401
        member = session(self.portal, add_user(self.portal, "Member"))
        transaction.commit()
        assert self._post(member, SEED).status_code == 401
        member.close()
        assert self._count() == 0
