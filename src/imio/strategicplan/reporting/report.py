"""The annual evaluation report for the Assemblée Générale (docs/reports.md): the plan summary,
each value's objectives and indicators (target of the year against the latest measurement), the
priority projects, the financial trajectory, the charts and the decisions of the year, as HTML
from ``reporting/templates/evaluation_report.pt``, made into an A4 PDF by WeasyPrint."""

from datetime import date
from imio.strategicplan import _
from imio.strategicplan.followup import progress
from imio.strategicplan.followup.reviews import reviews
from imio.strategicplan.plan import finance
from imio.strategicplan.plan import indicators
from imio.strategicplan.plan.numbers import format_number
from imio.strategicplan.plan.tree import children
from imio.strategicplan.reporting import charts
from imio.strategicplan.reporting.financial_year import YearTables
from imio.strategicplan.vocabularies.choices import HEALTH
from imio.strategicplan.vocabularies.choices import OBJECTIVE_KINDS
from imio.strategicplan.vocabularies.choices import PROJECT_STATUSES
from imio.strategicplan.vocabularies.choices import term_title
from imio.strategicplan.workflows.decisions import BODIES
from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from pathlib import Path
from plone import api
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate

import base64
import re


CSS = Path(__file__).parent / "templates" / "evaluation_report.css"
FONT = '"DejaVu Sans"'  # Debian's fonts-dejavu-core, as in the CSS
STATUS_TITLES = {
    "on_track": _("En bonne voie"),
    "at_risk": _("À risque"),
    "off_track": _("Hors trajectoire"),
    "no_target": _("Pas de cible pour l'année"),
    "no_data": _("Pas de mesure"),
}
FINANCIAL_CHARTS = (
    (_("Recettes par produit (empilées)"), charts.revenue_by_product_line),
    (_("Recettes propres et subsides"), charts.revenue_and_subsidies),
    (_("Taux de couverture en recette propre et ligne d'autonomie (100 %)"), charts.coverage_rate),
)


def filename(plan, year):
    return f"rapport-evaluation-{plan.getId()}-{year}.pdf"


def html(plan, request, year):
    """The report as an HTML document (text)."""
    return EvaluationReport(plan, request, year)()


def pdf(plan, request, year):
    """The report as PDF bytes. Raises OSError when Debian's Pango is missing (`make install`)."""
    import weasyprint  # here: a machine without Pango still serves the site, all but this report

    document = weasyprint.HTML(string=html(plan, request, year), base_url=plan.absolute_url())
    return document.write_pdf(stylesheets=[weasyprint.CSS(filename=str(CSS))])


def _date(value):
    """dd/mm/yyyy from a date or an ISO string; "" for nothing."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def _percent(value):
    return "—" if value is None else finance.format_amount(value, "%", 0)


def _svg_src(svg):
    """An SVG chart as a data URL, its text in the report's font (pygal's default is a list of
    monospace fonts: the first one installed would win)."""
    svg = re.sub(r"font-family:[^;}]*", f"font-family:{FONT}", svg)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


class EvaluationReport(BrowserView):
    """The report's HTML; not registered: ``html()`` and ``pdf()`` make it for a plan and a year."""

    index = ViewPageTemplateFile("templates/evaluation_report.pt")

    def __init__(self, context, request, year):
        super().__init__(context, request)
        self.year = year

    def __call__(self):
        return self.index()

    def _t(self, message):
        return translate(message, context=self.request)

    @memoize
    def _rollup(self):
        return progress.rollup(self.context, self.year)

    @memoize
    def _limits(self):
        return indicators.limits()

    def generated(self):
        return _date(date.today())

    def plan_progress(self):
        return _percent(self._rollup().plan)

    def pillars(self):
        return sorted(children(self.context, "Pillar"), key=lambda p: p.number or 0)

    def vision_statements(self):
        return [
            {"title": row.get("title") or "", "text": row.get("text") or ""}
            for row in self.context.vision_statements or ()
        ]

    def values(self):
        rollup = self._rollup()
        found = []
        for value in children(self.context, "Value"):
            objectives = list(self._objectives(value))
            found.append(
                {
                    "obj": value,
                    "progress": _percent(rollup.of(value)),
                    "objectives": objectives,
                    "indicators": [self._indicator(i, value) for i in children(value, "Indicator")]
                    + [self._indicator(i, o["obj"]) for o in objectives for i in children(o["obj"], "Indicator")],
                }
            )
        return found

    def _objectives(self, container, depth=0):
        """The objectives under ``container``, operational ones after their parent."""
        rollup = self._rollup()
        for objective in children(container, "Objective"):
            yield {
                "obj": objective,
                "depth": depth,
                "kind": term_title(OBJECTIVE_KINDS, objective.kind),
                "responsible": objective.responsible or "",
                "planned_end": _date(objective.planned_end),
                "health": term_title(HEALTH, objective.health),
                "progress": _percent(objective.progress or 0),
                "rolled_up": _percent(rollup.of(objective)),
            }
            yield from self._objectives(objective, depth + 1)

    def _indicator(self, indicator, parent):
        data = indicators.summary(indicator)
        latest = data["latest"]
        state = indicators.status(data, self.year, self._limits())
        return {
            "obj": indicator,
            "parent": parent.title,
            "baseline": format_number(data["baseline"], data["unit"]),
            "target": format_number(data["targets"].get(str(self.year)), data["unit"]),
            "latest": format_number(latest["value"], data["unit"]) if latest else "—",
            "latest_date": _date(latest["date"]) if latest else "",
            "status": state,
            "status_title": STATUS_TITLES[state],
        }

    def projects(self):
        return [
            {
                "obj": p,
                "status": term_title(PROJECT_STATUSES, p.status),
                "period": " – ".join(filter(None, (_date(p.start), _date(p.end)))),
                "budget": finance.format_amount(p.budget) if p.budget is not None else "—",
            }
            for p in children(self.context, "PriorityProject")
        ]

    @memoize
    def _years(self):
        return sorted(finance.plan_years(self.context), key=lambda y: y.year)

    def financial_years(self):
        """The financial years shown: the year before the plan, the plan's years, and the report's."""
        first = min(self.context.first_year or self.year, self.year) - 1
        last = max(self.context.last_year or self.year, self.year)
        return [y for y in self._years() if first <= y.year <= last]

    def financial_table(self):
        """{"years": [...], "rows": [{"title", "cells": [{"value", "disagrees"}]}]}, figures as on each
        year's page (browser/financial_year.py)."""
        shown = self.financial_years()
        columns = [YearTables(y, self.request).figures() for y in shown]
        rows = []
        for index, row in enumerate(columns[0] if columns else ()):
            rows.append(
                {
                    "title": row["title"],
                    "cells": [{"value": c[index]["value"], "disagrees": c[index]["disagrees"]} for c in columns],
                }
            )
        return {"years": [y.year for y in shown], "kinds": [y.kind for y in shown], "rows": rows}

    def contradictions(self):
        """The published figures of the report's year that disagree with its lines."""
        year = next((y for y in self._years() if y.year == self.year), None)
        return YearTables(year, self.request).contradictions() if year is not None else []

    def financial_charts(self):
        years = self._years()
        if not years:
            return []
        return [
            {"caption": self._t(caption), "src": _svg_src(make(years, self.request)[0])}
            for caption, make in FINANCIAL_CHARTS
        ]

    def indicator_charts(self):
        made = []
        for value in self.values():
            for item in value["indicators"]:
                chart = charts.indicator_progress(item["obj"], self.request)
                if chart is not None:
                    made.append({"caption": f"{item['obj'].title} ({item['parent']})", "src": _svg_src(chart[0])})
        return made

    def decisions(self):
        """The decisions dated in the report's year, oldest first: the plan's transitions that
        record a decision (workflow history) and the board's follow-up reviews."""
        year = str(self.year)
        workflow = api.portal.get_tool("portal_workflow")[WORKFLOW_ID]
        found = []
        for entry in self.context.workflow_history.get(WORKFLOW_ID, ()):
            when = str(entry.get("decision_date") or "")
            if not when.startswith(year):
                continue
            tdef = workflow.transitions.get(entry.get("action") or "")
            body = entry.get("decision_body")
            found.append(
                {
                    "date": when,
                    "body": self._t(BODIES[body]) if body in BODIES else "",
                    "decision": translate(tdef.title, domain="imio.strategicplan", context=self.request)
                    if tdef is not None
                    else entry.get("action") or "",
                    "reference": entry.get("decision_reference") or "",
                    "comment": entry.get("comments") or "",
                }
            )
        for review in reviews(self.context):
            if str(review.get("date") or "").startswith(year):
                found.append(
                    {
                        "date": review["date"],
                        "body": self._t(BODIES["board"]),
                        "decision": self._t(_("Revue de suivi")),
                        "reference": review.get("decision_reference") or "",
                        "comment": review.get("comment") or "",
                    }
                )
        found.sort(key=lambda d: d["date"])
        for item in found:
            item["date"] = _date(item["date"])
        return found
