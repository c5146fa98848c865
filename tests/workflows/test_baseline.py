"""The adopted plan frozen as a baseline; what changed since, through REST and the page."""

from imio.strategicplan.transfer.baseline import latest_baseline
from plone import api
from tests.workflows.helpers import add_user
from tests.workflows.helpers import seed_plan
from tests.workflows.helpers import session
from tests.workflows.helpers import set_state

import pytest
import transaction


class TestBaseline:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.plan = seed_plan(self.portal)
        self.editor = session(self.portal, add_user(self.portal, "Editor"))
        self.manager = session(self.portal, add_user(self.portal, "Manager"))
        transaction.commit()
        self.objective_url = f"{self.plan.getId()}/valeur-maitrise/objectif-respecter-le-plan-financier-2020-2022"
        yield
        self.editor.close()
        self.manager.close()

    def test_seed_adoption_has_a_baseline(self):
        baseline = latest_baseline(self.plan)
        assert (baseline["decision_date"], baseline["decision_reference"]) == (
            "2019-12-12",
            "Assemblée Générale du 12/12/2019",
        )
        assert baseline["plan"]["reference"] == "IMIO2020/2022-V1.0"
        changes = self.editor.get(f"{self.plan.getId()}/@changes-since-adoption").json()
        assert (changes["added"], changes["removed"], changes["changed"]) == ([], [], [])

    def test_edits_after_adoption_leave_the_baseline_and_show_in_the_diff(self):
        frozen = latest_baseline(self.plan)
        assert self.editor.patch(self.objective_url, json={"progress": 40, "health": "at_risk"}).status_code == 204
        assert self.manager.patch(self.objective_url, json={"title": "Respecter le plan financier"}).status_code == 204
        value_url = f"{self.plan.getId()}/valeur-innovation"
        added = self.manager.post(value_url, json={"@type": "Objective", "title": "Ouvrir un laboratoire"})
        assert added.status_code == 201
        assert self.manager.delete(f"{self.plan.getId()}/projet-gestion-electronique-de-documents").status_code == 204

        transaction.begin()
        assert latest_baseline(self.plan) == frozen  # untouched by the edits

        changes = self.editor.get(f"{self.plan.getId()}/@changes-since-adoption").json()
        assert [a["title"] for a in changes["added"]] == ["Ouvrir un laboratoire"]
        assert [r["id"] for r in changes["removed"]] == ["projet-gestion-electronique-de-documents"]
        [changed] = changes["changed"]
        assert changed["fields"] == {
            "progress": {"old": 0, "new": 40},
            "health": {"old": "on_track", "new": "at_risk"},
            "title": {"old": "Respecter le plan financier 2020-2022", "new": "Respecter le plan financier"},
        }
        page = self.editor.get(f"{self.plan.getId()}/@@changes-since-adoption", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "Ouvrir un laboratoire" in page.text and "at_risk" in page.text

    def test_new_adoption_freezes_a_new_baseline(self):
        board = session(self.portal, add_user(self.portal, "Board Member"))
        assembly = session(self.portal, add_user(self.portal, "Assembly Member"))
        set_state(self.plan, "submitted_to_assembly")
        transaction.commit()
        self.manager.patch(self.objective_url, json={"progress": 10})
        response = assembly.post(
            f"{self.plan.getId()}/@workflow/adopt",
            json={"decision_date": "2026-06-30", "decision_reference": "AG-2026-06"},
        )
        assert response.status_code == 200
        transaction.begin()
        assert latest_baseline(self.plan)["decision_reference"] == "AG-2026-06"
        assert latest_baseline(self.plan)["plan"]["items"]  # the whole tree
        changes = board.get(f"{self.plan.getId()}/@changes-since-adoption").json()
        assert changes["changed"] == [] and changes["baseline"]["decision_date"] == "2026-06-30"
        board.close()
        assembly.close()

    def test_never_adopted_plan_has_no_baseline(self):
        with api.env.adopt_roles(["Manager"]):
            plan = api.content.create(
                self.portal,
                "StrategicPlan",
                id="plan-2023",
                title="Plan 2023-2025",
                reference="X",
                first_year=2023,
                last_year=2025,
            )
        transaction.commit()
        response = self.manager.get(f"{plan.getId()}/@changes-since-adoption")
        assert response.status_code == 404
        assert "jamais été adopté" in response.json()["error"]["message"]
        english = self.manager.get(f"{plan.getId()}/@changes-since-adoption", headers={"Accept-Language": "en"})
        assert "never been adopted" in english.json()["error"]["message"]
