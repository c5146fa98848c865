"""POST <plan>/@follow-up-reviews: the board records a follow-up review (adopted plans)."""

from imio.strategicplan.followup.reviews import record_review
from imio.strategicplan.restapi.body import BodyError
from imio.strategicplan.restapi.body import json_object
from imio.strategicplan.restapi.errors import error
from imio.strategicplan.workflows.decisions import DecisionError
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class FollowUpReviewsPost(Service):
    """Record a follow-up review: date and decision reference required, comment optional."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            review = record_review(self.context, json_object(self.request))
        except BodyError as exc:
            return error(self.request, 400, str(exc))
        except DecisionError as exc:
            return error(self.request, 400, str(exc), fields=exc.errors)
        self.request.response.setStatus(201)
        return review
