"""POST <plan>/@workflow/<transition>: run a plan transition with its decision."""

from imio.strategicplan.restapi.body import BodyError
from imio.strategicplan.restapi.body import json_object
from imio.strategicplan.restapi.errors import error
from imio.strategicplan.workflows.decisions import decision_for
from imio.strategicplan.workflows.decisions import DECISION_KEYS
from imio.strategicplan.workflows.decisions import DecisionError
from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from imio.strategicplan.workflows.transitions import refusal
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services.workflow.transition import WorkflowTransition
from zope.i18n import translate
from zope.interface import alsoProvides


class PlanTransition(WorkflowTransition):
    """Run a transition of a strategic plan, recording the decision it carries."""

    def reply(self):
        if self.transition is None:
            return error(self.request, 400, "Missing transition")
        try:
            data = json_object(self.request)
        except BodyError as exc:
            return error(self.request, 400, str(exc))
        refused = refusal(self.context, self.transition)
        if refused is not None:
            status, message = refused
            return error(self.request, status, message)
        state = self.wftool.getInfoFor(self.context, "review_state")
        try:
            decision = decision_for(self.transition, state, data)
        except DecisionError as exc:
            return error(self.request, 400, str(exc), fields=exc.errors)
        alsoProvides(self.request, IDisableCSRFProtection)
        kwargs = {k: decision[k] for k in DECISION_KEYS}
        self.wftool.doActionFor(self.context, self.transition, **kwargs)
        # the entry just written (read directly: the user may no longer see the plan)
        action = dict(self.context.workflow_history[WORKFLOW_ID][-1])
        state = self.wftool[WORKFLOW_ID].states[action["review_state"]]
        action["title"] = translate(state.title, domain="imio.strategicplan", context=self.request)
        return json_compatible(action)
