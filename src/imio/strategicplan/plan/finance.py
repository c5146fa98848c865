"""The financial trajectory: the figures of the plan's tables (§8.5.1 revenue, §8.9 synthesis,
cost structure and financing) computed from each FinancialYear's raw lines, and checked against
the figures a published document printed (a year's `printed_figures`).

Only raw lines are stored (docs/seed-data.md); every total, margin, rate and variation is computed
here, by the rules of docs/finance.md, which were worked out from the printed tables:

- §8.5.1 sums the product lines of each activity to the cent; §8.9 works in whole euros, each
  figure rounded before it enters the next (so EBITDA is the sum of the rounded margin and
  overheads, as printed).
- The total of costs of a forecast year (and of 2019, closed on forecasts) counts the income tax;
  an actual year's does not. A forecast year's financing need also deducts the subsidies carried
  over from earlier years. Both as the seed's tables do.

Each computed figure is a rule over other figures (RULES), so a printed figure that disagrees can
be recomputed from the *printed* values of its parts: when it agrees with them and one of them
disagrees with the lines, it only follows from that one; otherwise it is a root contradiction.
"""

from dataclasses import dataclass
from dataclasses import field
from imio.strategicplan import _
from imio.strategicplan.plan.numbers import format_number
from imio.strategicplan.plan.tree import children

import math


# the single lines the tables show, by figure name and label (charges)
CHARGE_LABELS = {
    "salaries": "Rémunérations et charges sociales",
    "hosting": "Hébergement",
    "research": "Investissement R&D",
    "subcontracting": "Sous-traitance",
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
SUBSIDY_LABELS = {"subsidies": "Subsides accordés", "subsidy_carry_over": "Report subsides / consommation"}
EXCEPTIONAL_LABELS = {
    "launch_costs": "Frais de lancement, exceptionnel",
    "provisions": "Provisions pour risques et charges",
}
# the rows of the cost structure (each a share of the total of costs)
COST_SHARES = (
    "salaries",
    "subcontracting_hosting",
    "hosting",
    "research",
    "subcontracting_and_vat",
    "exceptional_equipment",
    "overheads",
    "buildings",
    "general_costs",
    "legal_costs",
    "marketing",
    "other",
    "depreciation",
    "attendance_fees",
    "misc_taxes",
    "financial",
    "launch_costs",
)


def euros(value):
    """Rounded to the euro, halves away from zero (as a spreadsheet prints)."""
    return math.floor(abs(value) + 0.5) * (1 if value >= 0 else -1)


def _get(row, name):
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def _amounts(rows, **match):
    return sum(_get(r, "amount") or 0 for r in rows if all(_get(r, k) == v for k, v in match.items()))


def _percent(part, whole):
    return None if part is None or not whole else 100.0 * part / whole


def _change(current, previous):
    """Change from ``previous`` to ``current`` in percent (a cost's change in size)."""
    if previous in (None, 0) or current is None:
        return None
    return 100.0 * (current / previous - 1)


def _difference(current, previous):
    return None if previous is None or current is None else current - previous


def _sum(*values):
    return sum(values)


def _sum_euros(*values):
    return euros(sum(values))


@dataclass
class YearData:
    """The raw lines of one financial year, as stored on a FinancialYear."""

    year: int
    kind: str  # actual, partial (closed on forecasts), forecast
    revenue_lines: list
    charge_lines: list
    exceptional_lines: list
    subsidy_lines: list
    printed_figures: list = field(default_factory=list)

    @classmethod
    def of(cls, obj):
        return cls(
            obj.year,
            obj.kind,
            list(obj.revenue_lines or ()),
            list(obj.charge_lines or ()),
            list(obj.exceptional_lines or ()),
            list(obj.subsidy_lines or ()),
            list(getattr(obj, "printed_figures", None) or ()),
        )

    @property
    def forecast(self):
        return self.kind != "actual"

    def lines(self):
        """The figures read straight from the lines (the leaves of RULES)."""
        f = {
            "revenue_software": _amounts(self.revenue_lines, activity="software"),
            "revenue_support": _amounts(self.revenue_lines, activity="support"),
            "revenue_exceptional_851": _amounts(self.exceptional_lines, label="Exceptionnels", source="§8.5.1"),
            "revenue_exceptional": euros(_amounts(self.exceptional_lines, label="Exceptionnel", source="§8.9")),
            "financial": euros(_amounts(self.charge_lines, group="financial")),
            "income_tax": euros(_amounts(self.charge_lines, group="taxes")),
        }
        for name, label in CHARGE_LABELS.items():
            f[name] = euros(_amounts(self.charge_lines, label=label))
        for name, label in SUBSIDY_LABELS.items():
            f[name] = euros(_amounts(self.subsidy_lines, label=label))
        for name, label in EXCEPTIONAL_LABELS.items():
            f[name] = euros(_amounts(self.exceptional_lines, label=label))
        return f


# figure -> (inputs, function). An input is a figure of the same year, or (figure, -1) of the
# year before, or (figure, "first") of the first year; "@forecast" is whether the year is not an
# actual one. Listed in an order where every input comes before its use.
RULES = {
    # §8.5.1, to the cent; the general total in euros
    "revenue_total_851": (("revenue_software", "revenue_support", "revenue_exceptional_851"), _sum_euros),
    "share_software": (("revenue_software", "revenue_total_851"), _percent),
    "share_support": (("revenue_support", "revenue_total_851"), _percent),
    "share_total": (("share_software", "share_support"), lambda a, b: (a or 0) + (b or 0)),
    "variation_revenue_software": (("revenue_software", ("revenue_software", -1)), _difference),
    "variation_revenue_support": (("revenue_support", ("revenue_support", -1)), _difference),
    "variation_revenue_total_851": (("revenue_total_851", ("revenue_total_851", -1)), _difference),
    # §8.9, whole euros
    "products_services": (("revenue_software", "revenue_support"), _sum_euros),
    "revenue": (("products_services", "revenue_exceptional"), _sum),
    "revenue_growth": (("revenue", ("revenue", -1)), _change),
    "subcontracting_hosting": (("hosting", "research", "subcontracting", "vat", "exceptional_equipment"), _sum),
    "hosting_growth": (("hosting", ("hosting", -1)), _change),
    "research_share": (("research", "revenue"), lambda research, revenue: _percent(-research, revenue)),
    "activity_margin": (("revenue", "salaries", "subcontracting_hosting"), _sum),
    "overheads": (("buildings", "general_costs", "legal_costs", "marketing"), _sum),
    "overheads_growth": (("overheads", ("overheads", -1)), _change),
    "ebitda": (("activity_margin", "overheads"), _sum),
    "depreciation_other": (("depreciation", "attendance_fees", "misc_taxes"), _sum),
    "ebit": (("ebitda", "depreciation_other"), _sum),
    "result": (
        ("ebit", "financial", "subsidies", "subsidy_carry_over", "launch_costs", "provisions", "income_tax"),
        _sum,
    ),
    # cost structure (costs as positive amounts)
    "total_costs": (
        (
            "salaries",
            "subcontracting_hosting",
            "overheads",
            "depreciation_other",
            "financial",
            "launch_costs",
            "income_tax",
            "@forecast",
        ),
        lambda *values: -(sum(values[:6]) + (values[6] if values[7] else 0)),
    ),
    "monthly_cost": (("total_costs",), lambda total: total / 12),
    "other": (("depreciation_other", "financial", "launch_costs"), _sum),
    "subcontracting_and_vat": (("subcontracting", "vat"), _sum),  # the structure has no VAT row
    **{
        f"cost_share_{name}": ((name, "total_costs"), lambda cost, total: _percent(-cost, total))
        for name in COST_SHARES
    },
    # financing
    "financing_need": (
        ("total_costs", "revenue", "subsidy_carry_over", "@forecast"),
        lambda total, revenue, carried, forecast: total - revenue - (carried if forecast else 0),
    ),
    "financing_rate": (("financing_need", "total_costs"), _percent),
    "coverage_rate": (("revenue", "total_costs"), _percent),
    "coverage_rate_excluding_investment": (
        ("revenue", "total_costs", "research"),
        lambda revenue, total, research: _percent(revenue, total + research),
    ),
    "rates_total": (("financing_rate", "coverage_rate"), lambda a, b: (a or 0) + (b or 0)),
    "subsidy_change": (("subsidies", ("subsidies", -1)), _change),
    "subsidy_change_since_creation": (("subsidies", ("subsidies", "first")), _change),
}
# the figures that compare two years: none in the first year
_ACROSS_YEARS = {name for name, (inputs, _f) in RULES.items() if any(isinstance(i, tuple) for i in inputs)}


def _input(values, year, first, spec, forecast):
    if spec == "@forecast":
        return forecast
    if isinstance(spec, tuple):
        name, which = spec
        other = first if which == "first" else year + which
        if other == year or other not in values:
            return None
        return values[other].get(name)
    return values[year].get(spec)


def _apply(name, values, year, first, forecast):
    inputs, function = RULES[name]
    if name in _ACROSS_YEARS and year == first:
        return None
    args = [_input(values, year, first, spec, forecast) for spec in inputs]
    if any(a is None for a, spec in zip(args, inputs) if spec != "@forecast") and name in _ACROSS_YEARS:
        return None
    return function(*args)


def _years(years):
    return sorted((y if isinstance(y, YearData) else YearData.of(y) for y in years), key=lambda d: d.year)


def trajectory(years):
    """{year: {figure: value}} for ``years`` (YearData or FinancialYear objects)."""
    data = _years(years)
    values = {d.year: d.lines() for d in data}
    first = data[0].year if data else None
    for name in RULES:
        for d in data:
            values[d.year][name] = _apply(name, values, d.year, first, d.forecast)
    return values


@dataclass
class Contradiction:
    """A printed figure that does not come out of the lines."""

    year: int
    figure: str
    label: str
    source: str
    printed: float
    computed: float  # from the lines
    from_printed_parts: float  # the rule applied to the printed values of its parts
    kind: str  # "root" or "follows"
    causes: list  # for "follows": the parts (figure, year) that are themselves contradicted

    def as_dict(self):
        return dict(self.__dict__)


def _equal(value, printed, decimals, unit):
    """Equal as printed: amounts within 1 € (a total printed in euros of lines printed in rounded
    euros may differ by 1 € from their sum; to the cent for figures printed with cents),
    percentages to 0.1 point (to the unit for whole percents)."""
    if value is None or printed is None:
        return value is printed
    if unit == "%":
        factor = 10**decimals
        rounded = math.copysign(math.floor(abs(value) * factor + 0.5) / factor, value)
        return abs(rounded - printed) <= (0.1 if decimals else 0) + 1e-9
    return abs(value - printed) <= (0.005 if decimals == 2 else 1.0)


PERCENT_FIGURES = {
    "share_software",
    "share_support",
    "share_total",
    "revenue_growth",
    "hosting_growth",
    "research_share",
    "overheads_growth",
    "financing_rate",
    "coverage_rate",
    "coverage_rate_excluding_investment",
    "rates_total",
    "subsidy_change",
    "subsidy_change_since_creation",
    *(f"cost_share_{name}" for name in COST_SHARES),
}


def unit_of(figure):
    return "%" if figure in PERCENT_FIGURES else "EUR"


def _part(spec, year, first):
    name, which = (spec, 0) if not isinstance(spec, tuple) else spec
    return name, first if which == "first" else year + which


def check(years):
    """The printed figures of ``years`` that do not come out of their lines, in year order.

    Each is a **root** (it disagrees with its own printed parts) or **follows** from roots (it
    agrees with its parts as the document had them, and some of those parts are contradicted).
    "As the document had them" tries both the printed values of the parts and the values the
    document's own rules give them (a misprinted EBITDA was still right in the spreadsheet that
    computed the EBIT printed below it)."""
    data = _years(years)
    computed = trajectory(data)
    first = data[0].year if data else None
    printed = {d.year: {_get(p, "figure"): p for p in d.printed_figures} for d in data}
    as_printed = {year: dict(figures) for year, figures in computed.items()}  # printed, else the rule
    meant = {year: dict(figures) for year, figures in computed.items()}  # what the document computed
    wrong, consistent = set(), {}
    for d in data:  # printed figures read from the lines (an activity's total): the lines are the parts
        for name, row in printed[d.year].items():
            if name in RULES:
                continue
            value, decimals = _get(row, "value"), _get(row, "decimals") or 0
            as_printed[d.year][name] = meant[d.year][name] = value
            consistent[(name, d.year)] = (False, computed[d.year].get(name))
            if not _equal(computed[d.year].get(name), value, decimals, unit_of(name)):
                wrong.add((name, d.year))
    for name in RULES:
        for d in data:
            row = printed[d.year].get(name)
            by_printed = _apply(name, as_printed, d.year, first, d.forecast)
            by_meant = _apply(name, meant, d.year, first, d.forecast)
            if row is None:
                as_printed[d.year][name], meant[d.year][name] = by_printed, by_meant
                continue
            value, decimals, unit = _get(row, "value"), _get(row, "decimals") or 0, unit_of(name)
            agrees_printed = _equal(by_printed, value, decimals, unit)
            agrees = agrees_printed or _equal(by_meant, value, decimals, unit)
            as_printed[d.year][name] = value
            meant[d.year][name] = value if agrees else by_meant
            # the value from the parts: as the document had them when that is what agrees
            consistent[(name, d.year)] = (agrees, by_printed if agrees_printed or not agrees else by_meant)
            if not _equal(computed[d.year].get(name), value, decimals, unit):
                wrong.add((name, d.year))
    found = []
    for d in data:
        for name, row in printed[d.year].items():
            if (name, d.year) not in wrong:
                continue
            agrees, from_parts = consistent[(name, d.year)]
            specs = RULES[name][0] if name in RULES else ()
            causes = [
                part
                for part in (_part(spec, d.year, first) for spec in specs if spec != "@forecast")
                if part in wrong
                or (
                    part[1] in meant
                    and not _equal(meant[part[1]].get(part[0]), computed[part[1]].get(part[0]), 0, unit_of(part[0]))
                )
            ]
            follows = agrees and bool(causes)
            found.append(
                Contradiction(
                    year=d.year,
                    figure=name,
                    label=_get(row, "label") or name,
                    source=_get(row, "source") or "",
                    printed=_get(row, "value"),
                    computed=computed[d.year].get(name),
                    from_printed_parts=from_parts,
                    kind="follows" if follows else "root",
                    causes=sorted(set(causes)) if follows else [],
                )
            )
    return found


# every figure, with its title in the plan's tables (French msgids)
FIGURE_TITLES = {
    "revenue_software": _("Recettes « Production de logiciels libres en mutualisation »"),
    "revenue_support": _("Recettes « Accompagnement organisationnel »"),
    "revenue_exceptional_851": _("Recettes exceptionnelles (§8.5.1)"),
    "revenue_total_851": _("Total général des recettes"),
    "variation_revenue_software": _("Variation n/n-1 « Production de logiciels libres »"),
    "variation_revenue_support": _("Variation n/n-1 « Accompagnement organisationnel »"),
    "variation_revenue_total_851": _("Variation n/n-1 du total général"),
    "share_software": _("Part « Production de logiciels libres » (%)"),
    "share_support": _("Part « Accompagnement organisationnel » (%)"),
    "share_total": _("Total des parts (%)"),
    "products_services": _("Produits et services"),
    "revenue_exceptional": _("Exceptionnel (recettes)"),
    "revenue": _("Chiffre d'affaires"),
    "revenue_growth": _("Croissance annuelle du chiffre d'affaires (%)"),
    "salaries": _("Rémunérations et charges sociales"),
    "subcontracting_hosting": _("Sous-traitance & hébergement"),
    "hosting": _("Hébergement"),
    "hosting_growth": _("Croissance annuelle de l'hébergement (%)"),
    "research": _("Investissement R&D"),
    "research_share": _("% R&D / CA"),
    "subcontracting": _("Sous-traitance"),
    "vat": _("TVA intra-communautaire"),
    "exceptional_equipment": _("Exceptionnel / matériel"),
    "activity_margin": _("Marge sur activité"),
    "overheads": _("Frais généraux (total)"),
    "overheads_growth": _("Croissance annuelle des frais généraux (%)"),
    "buildings": _("Bâtiments"),
    "general_costs": _("Frais généraux"),
    "legal_costs": _("Frais généraux légaux"),
    "marketing": _("Marketing & communication"),
    "ebitda": _("EBITDA"),
    "depreciation": _("Amortissements"),
    "attendance_fees": _("Jetons de présence"),
    "misc_taxes": _("Divers - Taxes"),
    "depreciation_other": _("Amortissements et autres"),
    "ebit": _("EBIT"),
    "financial": _("Produits & frais financiers"),
    "subsidies": _("Subsides accordés"),
    "subsidy_carry_over": _("Report subsides / consommation"),
    "launch_costs": _("Frais de lancement, exceptionnel"),
    "provisions": _("Provisions pour risques et charges"),
    "income_tax": _("Impôts sur le résultat"),
    "result": _("Résultat final"),
    "total_costs": _("Total des frais"),
    "monthly_cost": _("Moyenne des frais par mois"),
    "other": _("Autres frais"),
    "subcontracting_and_vat": _("Sous-traitance et TVA intra-communautaire"),
    "financing_need": _("Besoins en financement"),
    "financing_rate": _("Taux de financement (%)"),
    "coverage_rate": _("Taux de couverture en recette propre (%)"),
    "coverage_rate_excluding_investment": _("Taux de couverture en recette propre hors investissement (%)"),
    "rates_total": _("Taux de financement + taux de couverture (%)"),
    "subsidy_change": _("Variation des subsides n/n-1 (%)"),
    "subsidy_change_since_creation": _("Variation des subsides depuis la création (%)"),
}
FIGURE_TITLES.update(
    {
        f"cost_share_{name}": _("Part des frais : ${figure}", mapping={"figure": FIGURE_TITLES[name]})
        for name in COST_SHARES
    }
)


def plan_years(plan):
    """The plan's FinancialYear objects."""
    return children(plan, "FinancialYear")


def format_amount(value, unit="EUR", decimals=0):
    """A figure as the plan's tables print it: "-1 066 797 €", "89,7 %"."""
    return format_number(value, "%" if unit == "%" else "€", decimals)


def shown_precision(contradiction):
    """(unit, decimals) a contradiction's amounts are shown in: 0.1 point for percentages, cents
    where the printed amount has cents, whole euros otherwise."""
    unit = unit_of(contradiction.figure)
    printed = contradiction.printed
    cents = isinstance(printed, float) and not float(printed).is_integer()
    return unit, (1 if unit == "%" else 2 if cents else 0)


def causes_text(contradiction, translate=str):
    """The figures a following contradiction follows from: "EBITDA 2019, …"."""
    return ", ".join(f"{translate(FIGURE_TITLES[name])} {year}" for name, year in contradiction.causes)


def describe(contradiction):
    """One line about a contradiction, in French (the import report, the console)."""
    c = contradiction
    unit, decimals = shown_precision(c)
    text = (
        f"{c.year} {c.source} {c.label} : imprimé {format_amount(c.printed, unit, decimals)}, "
        f"calculé depuis les lignes {format_amount(c.computed, unit, decimals)}"
    )
    if c.kind == "root":
        return text + f" (ses parties imprimées donnent {format_amount(c.from_printed_parts, unit, decimals)})"
    return text + f" (suit de {causes_text(c)})"
