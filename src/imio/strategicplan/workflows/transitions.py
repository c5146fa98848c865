"""Whether the current user may run a plan transition, and why not."""

from AccessControl import getSecurityManager
from imio.strategicplan.internals.cmf import workflow_state_of
from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from plone import api


def refusal(plan, transition):
    """None if the current user may run ``transition`` on ``plan`` now, else (status, message)."""
    workflow = api.portal.get_tool("portal_workflow")[WORKFLOW_ID]
    state = workflow_state_of(workflow, plan)
    tdef = workflow.transitions.get(transition)
    anonymous = api.user.is_anonymous()
    if tdef is None:
        return 400, f"unknown transition {transition!r}"
    if transition not in state.transitions:
        possible = ", ".join(state.transitions) or "none"
        return (401 if anonymous else 403), (
            f"'{transition}' is not possible while the plan is '{state.getId()}' (possible: {possible})"
        )
    permission = tdef.guard.permissions[0] if tdef.guard and tdef.guard.permissions else None
    if permission and not getSecurityManager().checkPermission(permission, plan):
        who = "anonymous visitors" if anonymous else f"user {api.user.get_current().getId()!r}"
        return (401 if anonymous else 403), (
            f"{who} may not '{transition}' this plan in state '{state.getId()}' (needs the permission '{permission}')"
        )
    return None
