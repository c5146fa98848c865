"""@@record-follow-up-review: the board records a semi-annual follow-up review."""

from imio.strategicplan import _
from imio.strategicplan.followup.reviews import record_review
from imio.strategicplan.workflows.decisions import DecisionError
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


class RecordFollowUpReview(BrowserView):
    """Date, decision reference and comment; the follow-up data is snapshotted on save."""

    errors = None

    def __call__(self):
        self.errors = {}
        form = self.request.form
        if self.request.method == "POST" and form.get("form.submitted"):
            if form.get("form.cancel"):
                return self.request.response.redirect(self.context.absolute_url())
            CheckAuthenticator(self.request)
            try:
                record_review(self.context, form)
            except DecisionError as exc:
                self.errors = exc.errors
                self.request.response.setStatus(400)
                return self.index()
            api.portal.show_message(_("Suivi enregistré."), request=self.request)
            return self.request.response.redirect(f"{self.context.absolute_url()}#follow-ups")
        return self.index()

    def value(self, key):
        return self.request.form.get(key, "")
