"""Schemathesis against the live test server, driven by the served OpenAPI document.

For each operation of `@strategicplan-openapi`, Hypothesis generates requests (valid ones, then
invalid ones) and each response must: not be a 5xx, have a status the document declares, have
the declared content type, and match the declared schema. As a Manager (who may do everything,
transitions and imports included) and as an anonymous client (who must get the documented 401s).

Bounded: `EXAMPLES` cases per operation and mode, derandomized so that CI runs the same cases
each time (set STRATEGICPLAN_SCHEMATHESIS_EXAMPLES to explore more locally).
"""

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis.errors import Unsatisfiable
from imio.strategicplan.testing import SEED_PLAN_ID
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.specs.openapi.checks import status_code_conformance

import os
import pytest
import requests
import schemathesis
import transaction


EXAMPLES = int(os.environ.get("STRATEGICPLAN_SCHEMATHESIS_EXAMPLES", "15"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# The plan (or folder) path of each operation: the seed plan, the site root (a folder that is no
# plan), and paths that resolve to nothing. Generated text there would only exercise traversal.
PLAN_PATHS = [SEED_PLAN_ID, "no-such-plan"]
FOLDER_PATHS = ["", SEED_PLAN_ID, "no-such-folder"]


def _served_document(portal_url):
    document = requests.get(f"{portal_url}/@strategicplan-openapi", headers={"Accept": "application/json"})
    document.raise_for_status()
    return document.json()


def _operations(document):
    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]
    return [
        (operation, path)
        for operation in operations
        for path in (FOLDER_PATHS if "{folder}" in operation.path else PLAN_PATHS)
    ]


def _has_inputs(operation):
    """Whether the operation takes more than its path: query parameters or a body."""
    definition = operation.definition.raw
    return "requestBody" in definition or any(p.get("in") != "path" for p in definition.get("parameters", []))


@pytest.mark.parametrize("who", ["manager", "anonymous"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_responses_conform(functional, who, mode):
    portal = functional["portal"]
    served_document = _served_document(portal.absolute_url())
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    if who == "manager":
        session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    seen = {}
    for operation, path in _operations(served_document):
        parameter = "folder" if "{folder}" in operation.path else "plan"
        strategy = operation.as_strategy(mode, path_parameters={parameter: path})

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):  # run at once, inside the loop: the loop's variables are the current ones
            response = case.call(base_url=portal.absolute_url(), session=session)
            key = f"{operation.method.upper()} {operation.path} [{path or '/'}]"  # noqa: B023
            seen.setdefault(key, set()).add(response.status_code)
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            # Nothing to make invalid: the only parameter is the path, fixed above.
            assert mode == GenerationMode.NEGATIVE and not _has_inputs(operation), operation.label
    session.close()
    transaction.begin()  # see the server's commits in later tests of the layer
    statuses = {status for codes in seen.values() for status in codes}
    assert all(status < 500 for status in statuses), seen
    # The run reached the operations: real answers, not only errors.
    if who == "manager" and mode == GenerationMode.POSITIVE:
        assert 200 in seen[f"GET /{{plan}}/@plan-tree [{SEED_PLAN_ID}]"], seen
        assert 404 in seen["GET /{plan}/@plan-tree [no-such-plan]"], seen
    if who == "anonymous" and mode == GenerationMode.POSITIVE:
        assert 401 in seen[f"GET /{{plan}}/@plan-export [{SEED_PLAN_ID}]"], seen
