"""The financial trajectory computed from the seed's raw lines, against every figure the seed prints.

The printed figures are in tests/data/seed_printed_figures.json, transcribed from the seed apart
from the package's data (a row's cell i is the year 2012 + i, as printed). The financial years are
the ones the test layer imported through the import path users have. Every printed figure must
come out equal (to the cent or the euro as printed, percentages to the printed decimal), except
the contradictions of the seed listed below: each is either a root (the printed figure disagrees
with its own printed parts) or follows from one (it agrees with its printed parts, one of which
is a root)."""

from imio.strategicplan.plan.finance import trajectory
from imio.strategicplan.testing import SEED_PLAN_ID
from pathlib import Path

import json
import math
import pytest


PRINTED = json.loads((Path(__file__).parents[1] / "data" / "seed_printed_figures.json").read_text("utf-8"))
YEARS = range(2012, 2023)

# (table, row) -> figure of finance.trajectory (a leading "-" when the table prints it negated)
FIGURES = {
    ("8.5.1", 10): "revenue_software",
    ("8.5.1", 11): "variation_revenue_software",
    ("8.5.1", 16): "revenue_support",
    ("8.5.1", 17): "variation_revenue_support",
    ("8.5.1", 18): "revenue_exceptional_851",
    ("8.5.1", 19): "revenue_total_851",
    ("8.5.1", 20): "variation_revenue_total_851",
    ("8.5.1", 21): "share_software",
    ("8.5.1", 22): "share_support",
    ("8.5.1", 23): "share_total",
    ("8.9", 1): "revenue",
    ("8.9", 2): "revenue_growth",
    ("8.9", 3): "products_services",
    ("8.9", 4): "revenue_exceptional",
    ("8.9", 5): "salaries",
    ("8.9", 6): "subcontracting_hosting",
    ("8.9", 7): "hosting",
    ("8.9", 8): "hosting_growth",
    ("8.9", 9): "research",
    ("8.9", 10): "research_share",
    ("8.9", 11): "subcontracting",
    ("8.9", 12): "vat",
    ("8.9", 13): "exceptional_equipment",
    ("8.9", 14): "activity_margin",
    ("8.9", 15): "overheads",
    ("8.9", 16): "overheads_growth",
    ("8.9", 17): "buildings",
    ("8.9", 18): "general_costs",
    ("8.9", 19): "legal_costs",
    ("8.9", 20): "marketing",
    ("8.9", 21): "ebitda",
    ("8.9", 22): "depreciation",
    ("8.9", 23): "attendance_fees",
    ("8.9", 24): "misc_taxes",
    ("8.9", 25): "ebit",
    ("8.9", 26): "financial",
    ("8.9", 27): "subsidies",
    ("8.9", 28): "subsidy_carry_over",
    ("8.9", 29): "launch_costs",
    ("8.9", 30): "provisions",
    ("8.9", 31): "income_tax",
    ("8.9", 32): "result",
    ("8.9-structure", 1): "-total_costs",
    ("8.9-structure", 2): "-monthly_cost",
    **{
        ("8.9-structure", 3 + i): f"cost_share_{name}"
        for i, name in enumerate(
            (
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
        )
    },
    ("8.9-financing", 1): "financing_need",
    ("8.9-financing", 2): "total_costs",
    ("8.9-financing", 3): "subsidies",
    ("8.9-financing", 4): "subsidy_change",
    ("8.9-financing", 5): "subsidy_change_since_creation",
    ("8.9-financing", 6): "financing_rate",
    ("8.9-financing", 7): "coverage_rate",
    ("8.9-financing", 8): "rates_total",
    ("8.9-financing", 9): "coverage_rate_excluding_investment",
}
# printed, not computed: the product lines (stored as they are), and the 2011 business plan's rates
DATA_ROWS = {("8.5.1", row) for row in (*range(1, 10), *range(12, 16))}
NOT_COMPUTED = {("8.9-financing", 10)}


def _follow(root, *cells):
    return {cell: f"follows from {root}" for cell in cells}


# (table, row, year) -> why the printed figure differs from the one computed from the raw lines
CONTRADICTIONS = {
    # 2012: the overheads subtotal is 200 € short of its four lines
    ("8.9", 15, 2012): "root: Frais généraux subtotal -141 468, its lines sum to -141 668",
    **_follow(
        "2012 Frais généraux",
        ("8.9", 21, 2012),
        ("8.9", 25, 2012),
        ("8.9", 32, 2012),
        ("8.9-structure", 1, 2012),
        ("8.9-structure", 2, 2012),
        ("8.9-financing", 1, 2012),
        ("8.9-financing", 2, 2012),
    ),
    # 2013: the revenue table's general total counts 442 612 of exceptional revenue, its own row 442 812
    ("8.5.1", 19, 2013): "root: TOTAL GENERAL counts exceptional revenue of 442 612, the row above prints 442 812",
    **_follow("2013 TOTAL GENERAL", ("8.5.1", 20, 2013)),
    # 2014: the software activity's total is 111 557,12 € short of its product lines
    ("8.5.1", 10, 2014): "root: software TOTAL 630 668,36, its product lines sum to 742 225,48",
    **_follow(
        "2014 software TOTAL",
        ("8.5.1", 11, 2014),
        ("8.5.1", 11, 2015),
        ("8.5.1", 19, 2014),
        ("8.5.1", 20, 2014),
        ("8.5.1", 20, 2015),
        ("8.5.1", 21, 2014),
        ("8.5.1", 22, 2014),
        ("8.5.1", 23, 2014),
    ),
    # 2014: §8.9's products and services are §8.5.1's general total, exceptional revenue of 24 200
    # included, while §8.9's exceptional revenue is 0
    ("8.9", 3, 2014): "root: Produits et services 1 284 642 is §8.5.1's TOTAL GENERAL with its 24 200 "
    "of exceptional revenue (and the short software total); §8.9's Exceptionnel is 0",
    **_follow(
        "2014 Produits et services",
        ("8.9", 1, 2014),
        ("8.9", 2, 2014),
        ("8.9", 2, 2015),
        ("8.9", 14, 2014),
        ("8.9", 21, 2014),
        ("8.9", 25, 2014),
        ("8.9", 32, 2014),
        ("8.9-financing", 1, 2014),
        ("8.9-financing", 6, 2014),
        ("8.9-financing", 7, 2014),
        ("8.9-financing", 9, 2014),
    ),
    # 2015: the overheads subtotal is 3 € off its lines
    ("8.9", 15, 2015): "root: Frais généraux subtotal -237 746, its lines sum to -237 749",
    **_follow(
        "2015 Frais généraux",
        ("8.9", 21, 2015),
        ("8.9", 25, 2015),
        ("8.9", 32, 2015),
        ("8.9-structure", 1, 2015),
        ("8.9-financing", 1, 2015),
        ("8.9-financing", 2, 2015),
    ),
    # 2017: EBITDA is 1 € off its printed parts (2 € off the lines): rounding in the source accounts
    ("8.9", 21, 2017): "root: EBITDA -697 363, Marge -370 064 + Frais généraux -327 300 = -697 364",
    # 2019: §8.9's revenue is 25 000 below §8.5.1's general total
    ("8.9", 3, 2019): "root: Produits et services 3 474 039, §8.5.1's TOTAL GENERAL is 3 499 039",
    **_follow(
        "2019 Produits et services",
        ("8.9", 1, 2019),
        ("8.9", 2, 2019),
        ("8.9", 2, 2020),
        ("8.9", 14, 2019),
        ("8.9", 25, 2019),
        ("8.9", 32, 2019),
        ("8.9-financing", 1, 2019),
        ("8.9-financing", 6, 2019),
        ("8.9-financing", 7, 2019),
        ("8.9-financing", 9, 2019),
    ),
    # 2019: EBITDA's digits swapped
    ("8.9", 21, 2019): "root: EBITDA -515 660, Marge 225 878 + Frais généraux -377 538 = -151 660",
    # §8.5.1: the support activity's year-on-year variations are printed one column early
    **{
        ("8.5.1", 17, year): "root: the support activity's Variation n/n-1 row is printed one column early"
        for year in range(2012, 2022)
    },
}


def _round(value, decimals):
    factor = 10**decimals
    return math.copysign(math.floor(abs(value) * factor + 0.5) / factor, value) + 0.0


def _decimals(row):
    """How precisely a row is printed: cents for amounts with cents, whole euros otherwise;
    percentages with one decimal or none, as the row shows them."""
    values = [v for v in row["values"].values() if v is not None]
    if all(float(v).is_integer() for v in values):
        return 0
    return 2 if row["unit"] == "EUR" else 1


def _equal(value, printed, row):
    """Equal as printed: amounts to the euro (within 1 €: a printed total of lines printed in
    rounded euros may differ by 1 € from their sum; to the cent where the row prints cents),
    percentages to 0.1 point (to the unit where the row prints whole percents)."""
    decimals = _decimals(row)
    if row["unit"] == "EUR":
        return abs(value - printed) <= (0.005 if decimals == 2 else 1.0)
    return abs(_round(value, decimals) - printed) <= (0.1 if decimals else 0) + 1e-9


@pytest.fixture
def computed(integration):
    plan = integration["portal"][SEED_PLAN_ID]
    years = [obj for obj in plan.objectValues() if obj.portal_type == "FinancialYear"]
    return trajectory(years)


def _cells():
    for row in PRINTED["rows"]:
        key = (row["table"], row["row"])
        if key in NOT_COMPUTED:
            continue
        for year in YEARS:
            if row["values"][str(year)] is not None:
                yield row, year


def test_every_printed_row_is_mapped():
    unmapped = [
        (r["table"], r["row"], r["label"])
        for r in PRINTED["rows"]
        if (r["table"], r["row"]) not in FIGURES and (r["table"], r["row"]) not in DATA_ROWS | NOT_COMPUTED
    ]
    assert unmapped == []


def _value(computed, row, year):
    key = (row["table"], row["row"])
    if key in DATA_ROWS:  # a product line: the stored line of that label
        return None
    name = FIGURES[key]
    sign = -1 if name.startswith("-") else 1
    value = computed[year][name.lstrip("-")]
    return None if value is None else sign * value


def test_printed_figures_come_out_or_are_listed_contradictions(computed):
    wrong, listed = [], set()
    for row, year in _cells():
        if (row["table"], row["row"]) in DATA_ROWS:
            continue
        printed = row["values"][str(year)]
        value = _value(computed, row, year)
        equal = value is not None and _equal(value, printed, row)
        cell = (row["table"], row["row"], year)
        if cell in CONTRADICTIONS:
            listed.add(cell)
            assert not equal, f"{cell} {row['label']}: listed as a contradiction but comes out equal"
        elif not equal:
            wrong.append((cell, row["label"], printed, value))
    assert wrong == [], "\n".join(map(str, wrong))
    assert listed == set(CONTRADICTIONS)


def test_product_lines_are_stored_as_printed(integration):
    plan = integration["portal"][SEED_PLAN_ID]
    by_year = {obj.year: obj for obj in plan.objectValues() if obj.portal_type == "FinancialYear"}
    for row, year in _cells():
        if (row["table"], row["row"]) not in DATA_ROWS:
            continue
        activity = "software" if row["section"] == "software" else "support"
        stored = [
            line["amount"]
            for line in by_year[year].revenue_lines
            if line["activity"] == activity and line["product_line"] == row["label"]
        ]
        assert stored == [row["values"][str(year)]], (row["label"], year)


def test_the_coverage_rate_of_section_8_8_is_the_one_of_the_revenue_table(computed):
    """§8.8 says the own-revenue coverage went from 37,9 % (at the creation: 2012) to 90,3 % in
    2019; §8.9 prints 89,7 % for 2019 from its lower revenue. Computed from the raw lines, 2019
    gives §8.8's figure."""
    texts = {(t["year"], t["unit"], t["value"]) for t in PRINTED["text_figures"]}
    assert (2019, "%", 90.3) in texts
    assert _round(computed[2019]["coverage_rate"], 1) == 90.3
    assert _round(computed[2012]["coverage_rate"], 1) == 37.9


# §8.8 announces rounded subsidy needs that §8.9 prints otherwise (kept as printed, both)
TEXT_CONTRADICTIONS = {2019: (350000, 346208), 2020: (250000, 264000), 2021: (100000, 111010)}


def test_subsidy_needs_of_section_8_8_differ_from_section_8_9(computed):
    announced = {t["year"]: t["value"] for t in PRINTED["text_figures"] if t["unit"] == "EUR"}
    assert announced == {year: text for year, (text, _table) in TEXT_CONTRADICTIONS.items()}
    for year, (text, table) in TEXT_CONTRADICTIONS.items():
        assert computed[year]["subsidies"] == table != text


def test_the_product_finds_the_contradictions_from_the_published_figures(integration):
    """The years' `printed_figures` (the seed's printed totals and rates, in the package's data):
    `finance.check` finds every contradiction listed above, root or following, and nothing else."""
    from imio.strategicplan.plan.finance import check

    plan = integration["portal"][SEED_PLAN_ID]
    found = check([obj for obj in plan.objectValues() if obj.portal_type == "FinancialYear"])
    expected = set()
    for (table, row, year), why in CONTRADICTIONS.items():
        name = FIGURES[(table, row)].lstrip("-")
        expected.add((name, year, "root" if why.startswith("root") else "follows"))
    assert {(c.figure, c.year, c.kind) for c in found} == expected
    ebitda_2019 = next(c for c in found if (c.figure, c.year) == ("ebitda", 2019))
    assert (ebitda_2019.printed, ebitda_2019.from_printed_parts) == (-515660, -151660)
    ebit_2019 = next(c for c in found if (c.figure, c.year) == ("ebit", 2019))
    assert ebit_2019.causes == [("ebitda", 2019)]
    # the EBIT agrees with the EBITDA the document computed (-151 660), not the misprinted one
    assert ebit_2019.from_printed_parts == -333083
