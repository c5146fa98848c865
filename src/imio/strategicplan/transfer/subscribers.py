"""The adopted plan frozen as a baseline, when the assembly adopts it."""

from imio.strategicplan.transfer.baseline import freeze
from imio.strategicplan.workflows.decisions import WORKFLOW_ID


def freeze_on_adoption(plan, event):
    """After adoption: freeze the whole plan as the baseline of that decision."""
    if event.workflow.getId() != WORKFLOW_ID or event.transition is None:
        return
    if event.transition.getId() == "adopt":
        freeze(plan, plan.workflow_history[WORKFLOW_ID][-1])
