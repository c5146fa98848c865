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
