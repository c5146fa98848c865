"""Below a value's or an objective's page: its rolled-up progress and the parts it comes from
(progress.py, docs/progress.md), for the year of ``?year=`` or the plan's current year."""

from imio.strategicplan import _
from imio.strategicplan.plan import finance
from imio.strategicplan.plan import progress
from imio.strategicplan.plan.years import current_year
from imio.strategicplan.plan.years import year_from
from imio.strategicplan.plan.years import YearError
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

SOURCES = {
    "parts": _("calculé des éléments ci-dessous"),
    "recorded": _("avancement encodé"),
    "measured": _("mesuré"),
    "done": _("projet terminé"),
    None: _("pas de mesure"),
}


class ProgressViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/progress_viewlet.pt")

    def update(self):
        super().update()
        plan = progress.plan_of(self.context)
        self.available = plan is not None
        if not self.available:
            return
        try:
            self.year = year_from(self.request.form, plan)
        except YearError:  # a page shows the plan's current year rather than an error
            self.year = current_year(plan)
        rollup = progress.rollup(plan, self.year)
        uid = self.context.UID()
        self.entry = rollup.entries.get(uid)
        self.parts = [
            self._row(obj, entry) for obj, entry in rollup.items
            if (obj.portal_type in ("Objective", "Indicator") and obj.__parent__.UID() == uid)
            or (obj.portal_type == "PriorityProject" and uid in _served(obj))
        ]
        self.source = SOURCES[self.entry.source] if self.entry else None

    @staticmethod
    def _row(obj, entry):
        return {"title": obj.title, "url": obj.absolute_url(), "type": obj.portal_type,
                "progress": entry.progress, "weight": entry.weight, "source": SOURCES[entry.source]}

    @staticmethod
    def percent(value):
        return finance.format_amount(value, "%", 1)


def _served(project):
    return {r.to_object.UID() for r in (getattr(project, "served", None) or ()) if r.to_object is not None}
