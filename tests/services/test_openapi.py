"""The OpenAPI document: valid OpenAPI 3.1, kept in docs/, and true of the real responses."""

from imio.strategicplan.restapi.services.openapi.document import document
from imio.strategicplan.testing import SEED_PLAN_ID
from openapi_spec_validator import validate
from pathlib import Path
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession
from tests.services.test_content_get import _first

import json
import jsonschema
import os
import pytest


DOC = Path(__file__).parents[2] / "docs" / "openapi.json"
SERVER = "http://localhost:8080/Plone"


def test_docs_copy_is_current(integration):
    current = document(SERVER)
    if os.environ.get("REGENERATE_OPENAPI"):
        DOC.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert json.loads(DOC.read_text(encoding="utf-8")) == current, (
        "docs/openapi.json is stale: REGENERATE_OPENAPI=1 make test PYTEST_ARGS='-k docs_copy'"
    )


class TestOpenAPI:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.api = RelativeSession(self.portal.absolute_url())
        self.api.headers.update({"Accept": "application/json"})
        self.api.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        self.doc = (
            RelativeSession(self.portal.absolute_url())
            .get("@strategicplan-openapi", headers={"Accept": "application/json"})
            .json()
        )
        yield
        self.api.close()

    def _check(self, instance, component):
        schema = {"$ref": f"#/components/schemas/{component}", "components": self.doc["components"]}
        jsonschema.validate(instance, schema, cls=jsonschema.Draft202012Validator)

    def test_served_to_anyone_and_valid(self):
        validate(self.doc)
        assert self.doc["servers"] == [{"url": self.portal.absolute_url()}]
        assert "/{plan}/@plan-tree" in self.doc["paths"]

    @pytest.mark.parametrize(
        "portal_type",
        ["StrategicPlan", "Pillar", "Value", "Objective", "Indicator", "PriorityProject", "FinancialYear"],
    )
    def test_types_as_served(self, portal_type):
        obj = _first(self.portal, portal_type)
        path = obj.absolute_url()[len(self.portal.absolute_url()) + 1 :]
        self._check(self.api.get(path).json(), portal_type)

    def test_endpoints_as_served(self):
        self._check(self.api.get(f"{SEED_PLAN_ID}/@plan-tree").json(), "PlanNode")
        for item in self.api.get(f"{SEED_PLAN_ID}/@indicators").json()["items"]:
            self._check(item, "IndicatorItem")
        self._check(self.api.get(f"{SEED_PLAN_ID}/@plan-export").json(), "PlanFile")
        self._check(self.api.get(f"{SEED_PLAN_ID}/@plan-tree", params={"depth": "x"}).json(), "Error")

    def test_a_wrong_type_is_caught(self):
        data = self.api.get(f"{SEED_PLAN_ID}/@plan-tree").json()
        data["items"][0]["items"] = "none"
        with pytest.raises(jsonschema.ValidationError):
            self._check(data, "PlanNode")
