"""The plan's financial dashboard: charts, each with the table of its numbers (charts.py)."""

from imio.strategicplan import _
from imio.strategicplan.plan import finance
from imio.strategicplan.reporting import charts
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView


class FinancialDashboard(BrowserView):
    @memoize
    def charts(self):
        years = finance.plan_years(self.context)
        if not years:
            return []
        made = []
        for name, caption, make, unit in (
            (
                "revenue-by-product",
                _("Recettes par produit, 2012-2022 (empilées)"),
                charts.revenue_by_product_line,
                "EUR",
            ),
            ("revenue-and-subsidies", _("Recettes propres et subsides"), charts.revenue_and_subsidies, "EUR"),
            (
                "coverage-rate",
                _("Taux de couverture en recette propre et ligne d'autonomie (100 %)"),
                charts.coverage_rate,
                "%",
            ),
        ):
            svg, table = make(years, self.request)
            made.append(
                {
                    "name": name,
                    "caption": caption,
                    "svg": svg,
                    "header": table[0],
                    "rows": [
                        [
                            row[0],
                            *(
                                finance.format_amount(v, unit, 1 if unit == "%" else 0) if v is not None else "—"
                                for v in row[1:]
                            ),
                        ]
                        for row in table[1:]
                    ],
                }
            )
        return made
