"""The financial dashboard in a real browser: the charts render, with their numbers beside them."""

from imio.strategicplan.testing import SEED_PLAN_ID

import pytest


pytestmark = pytest.mark.browser


def test_dashboard_charts_render(functional, page, artifacts):
    url = f"{functional['portal'].absolute_url()}/{SEED_PLAN_ID}"
    page.goto(url)
    page.click("a.financial-dashboard-link")
    page.wait_for_selector("figure.financial-chart svg")
    figures = page.locator("figure.financial-chart")
    assert figures.count() == 3
    assert figures.nth(0).locator("h2").inner_text() == "Recettes par produit, 2012-2022 (empilées)"
    for index in range(3):
        svg = figures.nth(index).locator("svg").first
        box = svg.bounding_box()
        assert box["width"] > 400 and box["height"] > 200
    # the stacked revenue chart: 11 years of bars, a legend per product line
    revenue = page.locator("#revenue-by-product")
    assert revenue.locator("svg .x.axis .guides text").count() == 11
    assert revenue.locator("svg rect.rect.reactive").count() > 11 * 5
    assert "Site Internet" in revenue.locator("svg .legends").text_content()
    # the numbers beside the chart
    row = revenue.locator("table tbody tr", has_text="Site Internet (logiciels libres)").first
    assert row.locator("td").nth(0).inner_text() == "159\u202f681 €"
    coverage = page.locator("#coverage-rate table tbody tr").first
    assert coverage.locator("td").nth(7).inner_text() == "90,3 %"  # 2019
    # the autonomy line is drawn
    assert "Autonomie (100 %)" in page.locator("#coverage-rate svg .legends").text_content()
    # no script or network request from the charts
    assert page.locator("figure.financial-chart script").count() == 0
    page.screenshot(path=str(artifacts / "financial-dashboard.png"), full_page=True)


def test_indicator_chart_below_its_page(functional, page, artifacts):
    """An indicator with measurements and targets shows them charted, with the numbers."""
    from datetime import date
    from plone import api

    import transaction

    portal = functional["portal"]
    indicator = api.content.find(context=portal[SEED_PLAN_ID], portal_type="Indicator")[0].getObject()
    indicator.unit = "flux"
    indicator.targets = [{"year": 2021, "value": 10.0}, {"year": 2022, "value": 15.0}]
    indicator.measurements = [
        {"date": date(2020, 12, 31), "value": 6.0, "comment": None},
        {"date": date(2021, 6, 30), "value": 9.0, "comment": None},
    ]
    transaction.commit()
    page.goto(indicator.absolute_url())
    chart = page.locator("figure.indicator-chart")
    chart.locator("svg").first.wait_for()
    page.screenshot(path=str(artifacts / "indicator-chart.png"), full_page=True)
    assert chart.locator("svg").first.bounding_box()["width"] > 400
    legend = chart.locator("svg .legends").text_content()
    assert "Mesures" in legend and "Cibles" in legend
    rows = [[cell.inner_text() for cell in row.locator("td").all()] for row in chart.locator("tbody tr").all()]
    assert rows == [
        ["31/12/2020", "6 flux", "Mesures"],
        ["30/06/2021", "9 flux", "Mesures"],
        ["31/12/2021", "10 flux", "Cibles"],
        ["31/12/2022", "15 flux", "Cibles"],
    ]
    page.screenshot(path=str(artifacts / "indicator-chart.png"), full_page=True)


def test_no_chart_without_measurements_or_targets(functional, page):
    from plone import api

    indicator = api.content.find(context=functional["portal"][SEED_PLAN_ID], portal_type="Indicator")[0].getObject()
    page.goto(indicator.absolute_url())
    page.wait_for_selector("#content")
    assert page.locator("figure.indicator-chart").count() == 0
