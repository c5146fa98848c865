"""A financial year's tables: its figures computed from its lines, the published figures that
contradict them, and the lines themselves (docs/finance.md). Its page and the report show them."""

from Acquisition import aq_parent
from imio.strategicplan.plan import finance
from imio.strategicplan.vocabularies.choices import ACTIVITIES
from imio.strategicplan.vocabularies.choices import CHARGE_GROUPS
from imio.strategicplan.vocabularies.choices import term_title
from imio.strategicplan.vocabularies.choices import YEAR_KINDS
from plone.memoize.view import memoize
from zope.i18n import translate


# the figures the page shows, in the order of the plan's tables
SHOWN = (
    "revenue_software",
    "revenue_support",
    "revenue_total_851",
    "revenue",
    "revenue_growth",
    "activity_margin",
    "overheads",
    "ebitda",
    "ebit",
    "result",
    "total_costs",
    "monthly_cost",
    "financing_need",
    "subsidies",
    "financing_rate",
    "coverage_rate",
    "coverage_rate_excluding_investment",
)


class YearTables:
    """The tables of one financial year (``context``), in the language of ``request``."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def _t(self, message):
        return translate(message, context=self.request)

    @memoize
    def _computed(self):
        years = finance.plan_years(aq_parent(self.context))
        return finance.trajectory(years)[self.context.year], finance.check(years)

    def kind(self):
        return term_title(YEAR_KINDS, self.context.kind)

    def figures(self):
        values, found = self._computed()
        printed = {row["figure"]: row for row in self.context.printed_figures or ()}
        wrong = {c.figure for c in found if c.year == self.context.year}
        rows = []
        for name in SHOWN:
            unit = finance.unit_of(name)
            row = printed.get(name)
            decimals = 1 if unit == "%" else 0
            if row is not None and row.get("decimals") is not None:
                decimals = row["decimals"]  # as the document printed it, for both columns
            rows.append(
                {
                    "name": name,
                    "title": self._t(finance.FIGURE_TITLES[name]),
                    "value": finance.format_amount(values.get(name), unit, decimals),
                    "printed": finance.format_amount(row["value"], unit, decimals) if row else "",
                    "agrees": row is not None and name not in wrong,
                    "disagrees": name in wrong,
                }
            )
        return rows

    def contradictions(self):
        _values, found = self._computed()
        result = []
        for c in found:
            if c.year != self.context.year:
                continue
            unit, decimals = finance.shown_precision(c)
            result.append(
                {
                    "title": self._t(finance.FIGURE_TITLES[c.figure]),
                    "label": c.label,
                    "source": c.source,
                    "printed": finance.format_amount(c.printed, unit, decimals),
                    "computed": finance.format_amount(c.computed, unit, decimals),
                    "from_parts": finance.format_amount(c.from_printed_parts, unit, decimals),
                    "root": c.kind == "root",
                    "causes": finance.causes_text(c, self._t),
                }
            )
        return result

    def revenue_lines(self):
        return [
            dict(
                line,
                activity_title=term_title(ACTIVITIES, line.get("activity")),
                amount_text=finance.format_amount(line.get("amount"), decimals=2),
            )
            for line in self.context.revenue_lines or ()
        ]

    def charge_lines(self):
        return [
            dict(
                line,
                group_title=term_title(CHARGE_GROUPS, line.get("group")),
                amount_text=finance.format_amount(line.get("amount")),
            )
            for line in self.context.charge_lines or ()
        ]

    def other_lines(self):
        return [
            dict(line, amount_text=finance.format_amount(line.get("amount")))
            for line in [*(self.context.subsidy_lines or ()), *(self.context.exceptional_lines or ())]
        ]
