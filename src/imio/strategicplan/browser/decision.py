"""@@plan-decision: run a plan transition from the UI, with the decision it records."""

from imio.strategicplan import _
from imio.strategicplan.workflows.decisions import decision_for
from imio.strategicplan.workflows.decisions import DECISION_KEYS
from imio.strategicplan.workflows.decisions import DecisionError
from imio.strategicplan.workflows.decisions import RULES
from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from imio.strategicplan.workflows.transitions import refusal
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


class PlanDecisionForm(BrowserView):
    """The form behind each transition of the plan's state menu."""

    errors = None
    refused = None

    def __call__(self):
        self.errors = {}
        self.transition = self.request.form.get("transition", "")
        refused = refusal(self.context, self.transition)
        if refused is not None:
            self.refused = refused[1]
            self.request.response.setStatus(refused[0])
            return self.index()
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            if self.request.form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            CheckAuthenticator(self.request)
            return self.submit()
        return self.index()

    def submit(self):
        wftool = api.portal.get_tool("portal_workflow")
        state = api.content.get_state(obj=self.context)
        try:
            decision = decision_for(self.transition, state, self.request.form)
        except DecisionError as exc:
            self.errors = exc.errors
            self.request.response.setStatus(400)
            return self.index()
        wftool.doActionFor(self.context, self.transition, **{k: decision[k] for k in DECISION_KEYS})
        api.portal.show_message(
            _("Décision enregistrée : ${title}", mapping={"title": self.transition_title()}),
            request=self.request,
        )
        return self.request.response.redirect(self.context.absolute_url())

    def transition_title(self):
        tdef = api.portal.get_tool("portal_workflow")[WORKFLOW_ID].transitions.get(self.transition)
        title = tdef.title if tdef is not None else self.transition
        return translate(title, domain="imio.strategicplan", context=self.request)

    def required(self, key):
        return key in RULES.get(self.transition, (None, ()))[1]

    def shows_decision(self):
        """Whether the form asks for a decision date and reference."""
        body, required = RULES.get(self.transition, (None, ()))
        return body is not None or "decision_reference" in required

    def value(self, key):
        return self.request.form.get(key, "")
