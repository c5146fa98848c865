"""Charts of the financial trajectory, drawn on the server as SVG with pygal (no script, no
network: pygal's tooltip script is switched off), each with the table of its numbers beside it.

- revenue per product line, 2012-2022, stacked (2021-2022: the seed gives only each activity's
  total, shown as one bar part per activity);
- own revenue against subsidies;
- the own-revenue coverage rate with the 100 % line of autonomy.
"""

from datetime import date
from imio.strategicplan import _
from imio.strategicplan.plan import finance
from imio.strategicplan.plan.numbers import format_number
from zope.i18n import translate

import pygal
import re


# activities as the legends name them (the vocabulary's titles are a sentence long)
SHORT_ACTIVITIES = {"software": _("logiciels libres"), "support": _("accompagnement")}


def _config(**kw):
    settings = dict(
        js=[],
        disable_xml_declaration=True,
        width=900,
        height=420,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        x_label_rotation=0,
        print_values=False,
        show_minor_x_labels=True,
        truncate_legend=-1,
    )
    settings.update(kw)
    return settings


def _render(chart):
    """The chart's SVG without pygal's inline configuration script (nothing runs in the page)."""
    return re.sub(r"<script\b.*?</script>", "", chart.render(is_unicode=True), flags=re.S)


def revenue_by_product_line(years, request):
    """(svg, table): rows = product lines (per activity), columns = years."""
    ordered = sorted(years, key=lambda y: y.year)
    labels = [y.year for y in ordered]
    series = {}  # (activity, product line) -> {year: amount}
    for year in ordered:
        for line in year.revenue_lines or ():
            activity = translate(SHORT_ACTIVITIES.get(line["activity"], line["activity"]), context=request)
            product = line.get("product_line") or translate(_("Total de l'activité (prévision)"), context=request)
            series.setdefault((activity, product), {})[year.year] = line.get("amount") or 0
    chart = pygal.StackedBar(
        **_config(
            title=translate(_("Recettes par produit"), context=request),
            value_formatter=finance.format_amount,
            height=820,
            legend_at_bottom_columns=1,
        )
    )
    chart.x_labels = [str(label) for label in labels]
    for (activity, product), values in series.items():
        if any(values.values()):
            chart.add(f"{product} ({activity})", [values.get(year) for year in labels])
    header = [translate(_("Produit"), context=request), *labels]
    rows = [
        [f"{product} ({activity})", *(values.get(year) for year in labels)]
        for (activity, product), values in series.items()
        if any(values.values())
    ]
    return _render(chart), [header, *rows]


def revenue_and_subsidies(years, request):
    figures = finance.trajectory(years)
    labels = sorted(figures)
    revenue_title = translate(finance.FIGURE_TITLES["revenue"], context=request)
    subsidies_title = translate(finance.FIGURE_TITLES["subsidies"], context=request)
    chart = pygal.Bar(
        **_config(
            title=translate(_("Recettes propres et subsides"), context=request), value_formatter=finance.format_amount
        )
    )
    chart.x_labels = [str(year) for year in labels]
    chart.add(revenue_title, [figures[year]["revenue"] for year in labels])
    chart.add(subsidies_title, [figures[year]["subsidies"] for year in labels])
    header = ["", *labels]
    rows = [
        [revenue_title, *(figures[year]["revenue"] for year in labels)],
        [subsidies_title, *(figures[year]["subsidies"] for year in labels)],
    ]
    return _render(chart), [header, *rows]


def coverage_rate(years, request):
    figures = finance.trajectory(years)
    labels = sorted(figures)
    title = translate(finance.FIGURE_TITLES["coverage_rate"], context=request)
    autonomy = translate(_("Autonomie (100 %)"), context=request)
    chart = pygal.Line(
        **_config(title=title, value_formatter=lambda v: finance.format_amount(v, "%", 1), range=(0, 120))
    )
    chart.x_labels = [str(year) for year in labels]
    chart.add(title, [round(figures[year]["coverage_rate"], 1) for year in labels])
    chart.add(autonomy, [100] * len(labels), show_dots=False, stroke_style={"dasharray": "6, 4"})
    header = ["", *labels]
    rows = [[title, *(round(figures[year]["coverage_rate"], 1) for year in labels)]]
    return _render(chart), [header, *rows]


def indicator_progress(indicator, request):
    """(svg, table) of an indicator's measurements against its targets (yearly targets drawn
    at the end of their year); None when it has neither."""
    measurements = sorted(
        (m for m in indicator.measurements or () if m.get("date") is not None), key=lambda m: m["date"]
    )
    targets = sorted((t for t in indicator.targets or () if t.get("year") is not None), key=lambda t: t["year"])
    if not measurements and not targets:
        return None
    unit = indicator.unit or ""
    measured = translate(_("Mesures"), context=request)
    target_title = translate(_("Cibles"), context=request)
    chart = pygal.DateLine(
        **_config(
            title=indicator.title,
            x_value_formatter=lambda d: d.strftime("%d/%m/%Y"),
            value_formatter=lambda v: f"{v:g} {unit}".strip(),
            height=360,
        )
    )
    chart.add(measured, [(m["date"], m["value"]) for m in measurements])
    chart.add(
        target_title, [(date(t["year"], 12, 31), t["value"]) for t in targets], stroke_style={"dasharray": "6, 4"}
    )
    header = [
        translate(_("Date"), context=request),
        translate(_("Valeur"), context=request),
        translate(_("Nature"), context=request),
    ]
    rows = [[m["date"].strftime("%d/%m/%Y"), format_number(m["value"], unit), measured] for m in measurements]
    rows += [[f"31/12/{t['year']}", format_number(t["value"], unit), target_title] for t in targets]
    rows.sort(key=lambda row: tuple(reversed(row[0].split("/"))))
    return _render(chart), [header, *rows]
