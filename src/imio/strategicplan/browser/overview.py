"""The plan overview: values, objectives, indicators, pillars, projects and years on one page."""

from imio.strategicplan.browser.followup_dashboards import PAGES
from imio.strategicplan.browser.followup_dashboards import TITLES
from imio.strategicplan.followup import progress
from imio.strategicplan.followup.lists import follow_up_counts
from imio.strategicplan.followup.lists import LISTS
from imio.strategicplan.followup.reviews import reviews
from imio.strategicplan.plan import finance
from imio.strategicplan.plan.numbers import format_number
from imio.strategicplan.plan.tree import children
from imio.strategicplan.plan.years import current_year
from imio.strategicplan.vocabularies.choices import ACTIVITIES
from imio.strategicplan.vocabularies.choices import HEALTH
from imio.strategicplan.vocabularies.choices import OBJECTIVE_KINDS
from imio.strategicplan.vocabularies.choices import PROJECT_STATUSES
from imio.strategicplan.vocabularies.choices import term_title
from imio.strategicplan.vocabularies.choices import YEAR_KINDS
from imio.strategicplan.workflows.decisions import BODIES
from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from plone import api
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from zope.i18n import translate


class PlanOverview(BrowserView):
    """The plan read on one screen by a board member."""

    @memoize
    def pillars(self):
        return sorted(children(self.context, "Pillar"), key=lambda p: p.number or 0)

    @memoize
    def rollup(self):
        """The plan's progress roll-up for its current year (progress.py)."""
        return progress.rollup(self.context, current_year(self.context))

    def percent(self, value):
        return finance.format_amount(value, "%", 1)

    def values(self):
        return [
            {
                "obj": value,
                "progress": self.percent(self.rollup().of(value)),
                "objectives": self._objectives(value),
                "indicators": [self._indicator(i) for i in children(value, "Indicator")],
            }
            for value in children(self.context, "Value")
        ]

    def _objectives(self, container, depth=0):
        """The objectives under ``container``, operational ones after their parent."""
        found = []
        for objective in children(container, "Objective"):
            found.append(self._objective(objective, depth))
            found.extend(self._objectives(objective, depth + 1))
        return found

    def can_add_objective(self, value):
        return api.user.has_permission("imio.strategicplan: Add Objective", obj=value)

    def _objective(self, objective, depth):
        return {
            "obj": objective,
            "depth": depth,
            "kind": term_title(OBJECTIVE_KINDS, objective.kind),
            "health": objective.health,
            "health_title": term_title(HEALTH, objective.health),
            "progress": objective.progress or 0,
            "pillars": [r.to_object for r in (objective.pillars or []) if r.to_object],
            "indicators": [self._indicator(i) for i in children(objective, "Indicator")],
        }

    def _indicator(self, indicator):
        measurements = sorted(indicator.measurements or [], key=lambda m: m["date"])
        return {
            "obj": indicator,
            "unit": indicator.unit,
            "latest": measurements[-1] if measurements else None,
        }

    def projects(self):
        return [
            {"obj": p, "status": term_title(PROJECT_STATUSES, p.status)}
            for p in children(self.context, "PriorityProject")
        ]

    @memoize
    def follow_up(self):
        """The follow-up lists (docs/follow-up.md) with their lengths for the whole plan, each
        linking to its page; "mine" only for a logged-in user."""
        counts = follow_up_counts(self.context)
        return [
            {
                "name": name,
                "title": TITLES[name],
                "count": counts[name],
                "url": f"{self.context.absolute_url()}/@@{PAGES[name]}",
            }
            for name in LISTS
            if counts[name] is not None
        ]

    def years(self):
        """Each year with its key figures computed from its lines (docs/finance.md) and the
        published figures that contradict them."""
        years = sorted(children(self.context, "FinancialYear"), key=lambda y: y.year)
        figures = finance.trajectory(years) if years else {}
        found = finance.check(years) if years else []
        return [
            {
                "obj": y,
                "kind": term_title(YEAR_KINDS, y.kind),
                "lines": sum(
                    len(getattr(y, name) or [])
                    for name in ("revenue_lines", "charge_lines", "subsidy_lines", "exceptional_lines")
                ),
                "revenue": finance.format_amount(figures[y.year]["revenue"]),
                "result": finance.format_amount(figures[y.year]["result"]),
                "coverage": finance.format_amount(figures[y.year]["coverage_rate"], "%", 1),
                "contradictions": len([c for c in found if c.year == y.year]),
                "roots": len([c for c in found if c.year == y.year and c.kind == "root"]),
            }
            for y in years
        ]

    def decisions(self):
        """The plan's transitions, newest first, with their decisions (if the user may see them)."""
        wftool = api.portal.get_tool("portal_workflow")
        try:
            history = wftool.getInfoFor(self.context, "review_history")
        except Exception:  # WorkflowException: the user may not see the history
            return []
        workflow = wftool[WORKFLOW_ID]
        entries = []
        for entry in reversed(history):
            tdef = workflow.transitions.get(entry.get("action") or "")
            if tdef is None:
                continue
            body = entry.get("decision_body")
            entries.append(
                {
                    "transition": translate(tdef.title, domain="imio.strategicplan", context=self.request),
                    "body": translate(BODIES[body], context=self.request) if body in BODIES else "",
                    "date": entry.get("decision_date") or "",
                    "reference": entry.get("decision_reference") or "",
                    "comments": entry.get("comments") or "",
                    "actor": entry.get("actor"),
                    "time": entry.get("time"),
                }
            )
        return entries

    def transitions(self):
        """The plan transitions the current user may run now, as links to the decision form."""
        wftool = api.portal.get_tool("portal_workflow")
        return [
            {
                "id": t["id"],
                "title": translate(t["title"], domain="imio.strategicplan", context=self.request),
                "url": f"{self.context.absolute_url()}/@@plan-decision?transition={t['id']}",
            }
            for t in wftool.getTransitionsFor(self.context)
        ]

    def follow_up_reviews(self):
        return list(reversed(reviews(self.context)))

    def can_record_follow_up(self):
        return api.user.has_permission("imio.strategicplan: Record follow-up review", obj=self.context)

    def members_total(self):
        return sum(row["count"] or 0 for row in self.context.members or [])

    def activity_title(self, token):
        return term_title(ACTIVITIES, token)

    def bound(self, low, high):
        """A tariff range as text: "de 0 à 5 000", "plus de 100 001", "n/a"."""
        if low is None and high is None:
            return "n/a"
        if high is None:
            return f"≥ {format_number(low)}"
        return f"{format_number(low or 0)} – {format_number(high)}"

    def number(self, value):
        return format_number(value, empty="")
