"""GET <plan>/@follow-up-reviews: the board's follow-up reviews, oldest first."""

from imio.strategicplan.followup.reviews import reviews
from plone.restapi.services import Service


class FollowUpReviewsGet(Service):
    """The plan's follow-up reviews with their snapshots of follow-up data."""

    def reply(self):
        items = reviews(self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@follow-up-reviews",
            "items_total": len(items),
            "items": items,
        }
