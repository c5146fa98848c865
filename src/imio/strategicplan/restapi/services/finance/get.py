"""GET <plan>/@financial-summary: years × figures computed from the financial years' lines, with
the published figures that contradict them (docs/finance.md; the same numbers as the pages)."""

from imio.strategicplan.plan import finance
from imio.strategicplan.restapi.services.transfer.imports import contradiction_json
from plone.restapi.services import Service
from zope.i18n import translate


class FinancialSummary(Service):
    def reply(self):
        years = finance.plan_years(self.context)
        figures = finance.trajectory(years)
        return {
            "@id": f"{self.context.absolute_url()}/@financial-summary",
            "years": sorted(figures),
            "figures": [
                {"name": name, "title": translate(title, context=self.request), "unit": finance.unit_of(name)}
                for name, title in finance.FIGURE_TITLES.items()
            ],
            "values": {
                str(year): {name: figures[year].get(name) for name in finance.FIGURE_TITLES} for year in sorted(figures)
            },
            "contradictions": [contradiction_json(c) for c in finance.check(years)],
        }
