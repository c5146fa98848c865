"""Helpers shared by the workflow tests."""

from DateTime import DateTime
from imio.strategicplan.testing import SEED_PLAN_ID
from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from pathlib import Path
from plone import api
from tests.helpers import json_session


DOC = Path(__file__).parents[2] / "docs" / "workflow.md"
PASSWORD = "mot de passe de test 2026"
DECISION = {"comment": "Vu et discuté.", "decision_date": "2026-01-15", "decision_reference": "PV-2026-01"}


def read_tables():
    """The transition and access tables of docs/workflow.md, as dicts."""
    tables, current = [], None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if current is None:
                current = [cells]
                tables.append(current)
            elif not set(line) <= set("|-"):
                current.append(cells)
        else:
            current = None
    transitions = next(t for t in tables if t[0][:2] == ["state", "transition"])
    access = next(t for t in tables if t[0][:2] == ["state", "Anonymous"])
    roles = transitions[0][2:]
    allowed = {(row[0], row[1], role): cell == "✔" for row in transitions[1:] for role, cell in zip(roles, row[2:])}
    rights = {(row[0], role): cell for row in access[1:] for role, cell in zip(access[0][1:], row[1:])}
    return roles, allowed, rights


def set_state(plan, state):
    """Put the plan in ``state`` directly (test set-up, no transition run)."""
    history = plan.workflow_history.get(WORKFLOW_ID, ())
    plan.workflow_history[WORKFLOW_ID] = history + (
        {"action": None, "review_state": state, "actor": "test", "time": DateTime(), "comments": ""},
    )
    api.portal.get_tool("portal_workflow")[WORKFLOW_ID].updateRoleMappingsFor(plan)
    plan.reindexObject(idxs=["review_state"])
    plan.reindexObjectSecurity()


def state_of(plan):
    return api.content.get_state(obj=plan)


def add_user(portal, role):
    """A user holding ``role`` site-wide ("Member": no other role); None for Anonymous."""
    if role == "Anonymous":
        return None
    user_id = "u-" + role.lower().replace(" ", "-")
    roles = ["Member"] if role == "Member" else ["Member", role]
    portal.acl_users.userFolderAddUser(user_id, PASSWORD, roles, [])
    return user_id


def session(portal, user_id):
    return json_session(portal.absolute_url(), (user_id, PASSWORD) if user_id else None)


def seed_plan(portal):
    return portal[SEED_PLAN_ID]
