"""Below a value's or an objective's page: its rolled-up progress and the parts it comes from
(progress.py, docs/progress.md), for the year of ``?year=`` or the plan's current year."""

from imio.strategicplan import _
from imio.strategicplan.plan import finance
from imio.strategicplan.plan import progress
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
            self.year = int(self.request.form.get("year") or progress.default_year(plan))
        except (TypeError, ValueError):  # not a number, or the parameter repeated (a list)
            self.year = progress.default_year(plan)
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
