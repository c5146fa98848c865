"""Workflow events of the plan: refuse a transition without its decision data."""

from imio.strategicplan.workflows.decisions import decision_for
from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from Products.CMFCore.WorkflowCore import WorkflowException


def check_decision(plan, event):
    """Before a transition: the decision data it requires is there (whatever the caller)."""
    if event.workflow.getId() != WORKFLOW_ID or event.transition is None:
        return
    try:
        decision = decision_for(event.transition.getId(), event.old_state.getId(), event.kwargs)
    except ValueError as exc:
        raise WorkflowException(str(exc)) from exc
    event.kwargs.update(decision)
