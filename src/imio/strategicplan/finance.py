"""The financial trajectory: the figures of the plan's tables (§8.5.1 revenue, §8.9 synthesis,
cost structure and financing) computed from each FinancialYear's raw lines.

Only raw lines are stored (docs/seed-data.md); every total, margin, rate and variation is computed
here, by the rules of docs/finance.md, which were worked out from the printed tables:

- §8.5.1 sums the product lines of each activity to the cent; §8.9 works in whole euros, each
  figure rounded before it enters the next (so EBITDA is the sum of the rounded margin and
  overheads, as printed).
- The total of costs of a forecast year (and of 2019, closed on forecasts) counts the income tax;
  an actual year's does not. A forecast year's financing need also deducts the subsidies carried
  over from earlier years. Both as the seed's tables do.
"""

from dataclasses import dataclass

import math


SALARIES = "Rémunérations et charges sociales"
HOSTING = "Hébergement"
RESEARCH = "Investissement R&D"
SUBCONTRACTING = "Sous-traitance"
# the single lines the tables show, by figure name and label
LINES = {
    "vat": "TVA intra-communautaire",
    "exceptional_equipment": "Exceptionnel / matériel",
    "buildings": "Bâtiments",
    "general_costs": "Frais généraux",
    "legal_costs": "Frais généraux légaux",
    "marketing": "Marketing & communication",
    "depreciation": "Amortissements",
    "attendance_fees": "Jetons de présence",
    "misc_taxes": "Divers - Taxes",
}
# the rows of the cost structure (each a share of the total of costs)
COST_SHARES = (
    "salaries", "subcontracting_hosting", "hosting", "research", "subcontracting_and_vat", "exceptional_equipment",
    "overheads", "buildings", "general_costs", "legal_costs", "marketing", "other", "depreciation",
    "attendance_fees", "misc_taxes", "financial", "launch_costs",
)
SUBSIDIES = "Subsides accordés"
CARRY_OVER = "Report subsides / consommation"
LAUNCH = "Frais de lancement, exceptionnel"
PROVISIONS = "Provisions pour risques et charges"
EXCEPTIONAL_851 = "§8.5.1"  # the exceptional revenue of the revenue table
EXCEPTIONAL_89 = "§8.9"  # and of the synthesis


def euros(value):
    """Rounded to the euro, halves away from zero (as a spreadsheet prints)."""
    return math.floor(abs(value) + 0.5) * (1 if value >= 0 else -1)


def _get(row, name):
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


@dataclass
class YearData:
    """The raw lines of one financial year, as stored on a FinancialYear."""

    year: int
    kind: str  # actual, partial (closed on forecasts), forecast
    revenue_lines: list
    charge_lines: list
    exceptional_lines: list
    subsidy_lines: list

    @classmethod
    def of(cls, obj):
        return cls(obj.year, obj.kind, list(obj.revenue_lines or ()), list(obj.charge_lines or ()),
                   list(obj.exceptional_lines or ()), list(obj.subsidy_lines or ()))

    def revenue(self, activity):
        return sum(_get(r, "amount") or 0 for r in self.revenue_lines if _get(r, "activity") == activity)

    def charges(self, group=None, label=None):
        return sum(_get(c, "amount") or 0 for c in self.charge_lines
                   if (group is None or _get(c, "group") == group) and (label is None or _get(c, "label") == label))

    def exceptional(self, label=None, source=None):
        return sum(_get(e, "amount") or 0 for e in self.exceptional_lines
                   if (label is None or _get(e, "label") == label) and (source is None or _get(e, "source") == source))

    def subsidy(self, label):
        return sum(_get(s, "amount") or 0 for s in self.subsidy_lines if _get(s, "label") == label)


def _percent(part, whole):
    return None if not whole else 100.0 * part / whole


def _change(current, previous):
    """Change from ``previous`` to ``current`` in percent (None without a base)."""
    if previous in (None, 0) or current is None:
        return None
    return 100.0 * (current / previous - 1)


def year_figures(data):
    """The figures of one year that need no other year."""
    f = {}
    # §8.5.1, to the cent
    f["revenue_software"] = data.revenue("software")
    f["revenue_support"] = data.revenue("support")
    revenue_exceptional_851 = sum(
        _get(e, "amount") or 0 for e in data.exceptional_lines
        if _get(e, "source") == EXCEPTIONAL_851)
    f["revenue_exceptional_851"] = revenue_exceptional_851
    # the table's general total is printed in whole euros (its variations follow from them)
    f["revenue_total_851"] = euros(f["revenue_software"] + f["revenue_support"] + revenue_exceptional_851)
    f["share_software"] = _percent(f["revenue_software"], f["revenue_total_851"])
    f["share_support"] = _percent(f["revenue_support"], f["revenue_total_851"])
    f["share_total"] = (f["share_software"] or 0) + (f["share_support"] or 0)
    # §8.9, whole euros
    f["products_services"] = euros(f["revenue_software"] + f["revenue_support"])
    f["revenue_exceptional"] = euros(data.exceptional(label="Exceptionnel", source=EXCEPTIONAL_89))
    f["revenue"] = f["products_services"] + f["revenue_exceptional"]
    f["salaries"] = euros(data.charges(label=SALARIES))
    f["hosting"] = euros(data.charges(label=HOSTING))
    f["research"] = euros(data.charges(label=RESEARCH))
    f["subcontracting"] = euros(data.charges(label=SUBCONTRACTING))
    for name, label in LINES.items():
        f[name] = euros(data.charges(label=label))
    f["subcontracting_hosting"] = euros(data.charges(group="activity_costs")) - f["salaries"]
    f["research_share"] = _percent(-f["research"], f["revenue"])
    f["activity_margin"] = f["revenue"] + f["salaries"] + f["subcontracting_hosting"]
    f["overheads"] = euros(data.charges(group="overheads"))
    f["ebitda"] = f["activity_margin"] + f["overheads"]
    f["depreciation_other"] = euros(data.charges(group="depreciation_other"))
    f["ebit"] = f["ebitda"] + f["depreciation_other"]
    f["financial"] = euros(data.charges(group="financial"))
    f["income_tax"] = euros(data.charges(group="taxes"))
    f["subsidies"] = euros(data.subsidy(SUBSIDIES))
    f["subsidy_carry_over"] = euros(data.subsidy(CARRY_OVER))
    f["launch_costs"] = euros(data.exceptional(label=LAUNCH))
    f["provisions"] = euros(data.exceptional(label=PROVISIONS))
    f["result"] = (f["ebit"] + f["financial"] + f["subsidies"] + f["subsidy_carry_over"]
                   + f["launch_costs"] + f["provisions"] + f["income_tax"])
    # cost structure and financing (costs as positive amounts)
    forecast = data.kind != "actual"
    costs = (f["salaries"] + f["subcontracting_hosting"] + f["overheads"] + f["depreciation_other"]
             + f["financial"] + f["launch_costs"] + (f["income_tax"] if forecast else 0))
    f["total_costs"] = -costs
    f["monthly_cost"] = f["total_costs"] / 12
    f["other"] = f["depreciation_other"] + f["financial"] + f["launch_costs"]
    f["subcontracting_and_vat"] = f["subcontracting"] + f["vat"]  # the structure has no VAT row
    for name in COST_SHARES:
        f[f"cost_share_{name}"] = _percent(-f[name], f["total_costs"])
    f["financing_need"] = f["total_costs"] - f["revenue"] - (f["subsidy_carry_over"] if forecast else 0)
    f["financing_rate"] = _percent(f["financing_need"], f["total_costs"])
    f["coverage_rate"] = _percent(f["revenue"], f["total_costs"])
    f["coverage_rate_excluding_investment"] = _percent(f["revenue"], f["total_costs"] + f["research"])
    f["rates_total"] = (f["financing_rate"] or 0) + (f["coverage_rate"] or 0)
    return f


def trajectory(years):
    """{year: {figure: value}} for ``years`` (YearData or FinancialYear objects), the figures that
    compare a year with the one before (or with the first year) included."""
    data = sorted((y if isinstance(y, YearData) else YearData.of(y) for y in years), key=lambda d: d.year)
    result = {d.year: year_figures(d) for d in data}
    first = data[0].year if data else None
    for d in data:
        f, previous = result[d.year], result.get(d.year - 1)
        for name in ("revenue_software", "revenue_support", "revenue_total_851"):
            f[f"variation_{name}"] = None if previous is None else f[name] - previous[name]
        for name, key in (("revenue", "revenue_growth"), ("hosting", "hosting_growth"),
                          ("overheads", "overheads_growth"), ("subsidies", "subsidy_change")):
            f[key] = None if previous is None else _change(f[name], previous[name])
        f["subsidy_change_since_creation"] = (
            None if d.year == first else _change(f["subsidies"], result[first]["subsidies"]))
    return result
