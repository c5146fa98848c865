"""Below a value's or an objective's page: its rolled-up progress and the parts it comes from
(progress.py, docs/progress.md), for the year of ``?year=`` or the plan's current year."""

from imio.strategicplan import _
from imio.strategicplan.followup import progress
from imio.strategicplan.plan import finance
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
            self._row(node, entry)
            for node, entry in rollup.items
            if (node.type in ("Objective", "Indicator") and node.parent == uid)
            or (node.type == "PriorityProject" and uid in node.served)
        ]
        self.source = SOURCES[self.entry.source] if self.entry else None

    @staticmethod
    def _row(node, entry):
        return {
            "title": node.title,
            "url": node.url,
            "type": node.type,
            "progress": entry.progress,
            "weight": entry.weight,
            "source": SOURCES[entry.source],
        }

    @staticmethod
    def percent(value):
        return finance.format_amount(value, "%", 1)
