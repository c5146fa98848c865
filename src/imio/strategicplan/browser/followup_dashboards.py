"""The follow-up dashboards (Classic UI): @@plan-at-risk, @@plan-stale, @@plan-mine, @@plan-late."""

from html import escape
from imio.strategicplan import _
from imio.strategicplan.followup.lists import FilterError
from imio.strategicplan.followup.lists import LISTS
from imio.strategicplan.followup.lists import PlanFollowUp
from imio.strategicplan.followup.lists import user_names
from imio.strategicplan.search.query import type_title
from imio.strategicplan.vocabularies.choices import HEALTH
from imio.strategicplan.vocabularies.choices import PROJECT_STATUSES
from imio.strategicplan.vocabularies.choices import term_title
from plone import api
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


# list -> page name, title, what it holds (docs/follow-up.md)
PAGES = {
    "at_risk": "plan-at-risk",
    "stale": "plan-stale",
    "mine": "plan-mine",
    "late": "plan-late",
}
TITLES = {
    "at_risk": _("À risque"),
    "stale": _("Sans mesure récente"),
    "mine": _("Mes éléments"),
    "late": _("En retard"),
}
DEFINITIONS = {
    "at_risk": _(
        "Indicateurs à risque ou hors trajectoire cette année, objectifs à risque ou bloqués, projets suspendus."
    ),
    "stale": _("Indicateurs sans mesure depuis plus longtemps que leur fréquence de mesure, ou jamais mesurés."),
    "mine": _(
        "Objectifs dont vous êtes responsable et projets dont vous êtes pilote : par votre nom, "
        "votre identifiant, votre adresse électronique ou l'un de vos groupes."
    ),
    "late": _(
        "Objectifs dont la fin prévue est passée sans être achevés à 100 %, projets dont la fin est "
        "passée sans être terminés ni abandonnés."
    ),
}
INDICATOR_STATUSES = {
    "at_risk": _("À risque"),
    "off_track": _("Hors trajectoire"),
}


class FollowUpDashboard(BrowserView):
    """One of the plan's four follow-up lists, filtered by pillar and value; the page name says which."""

    def __call__(self):
        self.list_name = next(name for name, page in PAGES.items() if page == self.__name__)
        self.error = None
        self.follow_up = PlanFollowUp(self.context)
        form = self.request.form
        self.pillar = self.value = None
        try:
            self.pillar = self.follow_up.resolve("pillar", form.get("pillar"))
            self.value = self.follow_up.resolve("value", form.get("value"))
        except FilterError as error:
            self.error = self._t(error.message)
        self.anonymous = api.user.is_anonymous()
        return self.index()

    def _t(self, message):
        """``message`` translated, each distinct message once (a list repeats a few of them
        thousands of times; a translation negotiates the language each time)."""
        mapping = getattr(message, "mapping", None) or {}
        key = (message, getattr(message, "domain", None), tuple(sorted(mapping.items())))
        cache = self.__dict__.setdefault("_translated", {})
        if key not in cache:
            cache[key] = translate(message, context=self.request)
        return cache[key]

    def _type_title(self, portal_type):
        cache = self.__dict__.setdefault("_type_titles", {})
        if portal_type not in cache:
            cache[portal_type] = type_title(portal_type, self.request)
        return cache[portal_type]

    @memoize
    def lists(self):
        """The four lists with the filters; nothing when a filter names nothing in the plan."""
        if self.error:
            return {name: [] for name in LISTS}
        return self.follow_up.lists(self.pillar, self.value, user_names())

    def title(self):
        return TITLES[self.list_name]

    def definition(self):
        return DEFINITIONS[self.list_name]

    def _query(self):
        pairs = [(name, choice["id"]) for name, choice in (("pillar", self.pillar), ("value", self.value)) if choice]
        return f"?{urlencode(pairs)}" if pairs else ""

    def tabs(self):
        """The four lists as links keeping the filters, with their lengths."""
        lists = self.lists()
        return [
            {
                "name": name,
                "title": TITLES[name],
                "count": len(lists[name]),
                "url": f"{self.context.absolute_url()}/@@{PAGES[name]}{self._query()}",
                "current": name == self.list_name,
            }
            for name in LISTS
        ]

    def page_url(self):
        return f"{self.context.absolute_url()}/@@{PAGES[self.list_name]}"

    def login_url(self):
        came_from = urlencode({"came_from": self.page_url() + self._query()})
        return f"{api.portal.get().absolute_url()}/login?{came_from}"

    def pillar_choices(self):
        return [dict(p, selected=p is self.pillar) for p in self.follow_up.pillars]

    def value_choices(self):
        return [dict(v, selected=v is self.value) for v in self.follow_up.values]

    @memoize
    def rows(self):
        return [self._row(item) for item in self.lists()[self.list_name]]

    def rows_html(self):
        """The table's rows as HTML (each value escaped): what a template would write, without
        its cost for each of thousands of rows."""
        return "\n".join(map(_row_html, self.rows()))

    def _row(self, item):
        return {
            "uid": item["uid"],
            "url": item["url"],
            "title": item["title"],
            "type": item["type"],
            "type_title": self._type_title(item["type"]),
            "served_values": item["values"],
            "pillars": item["pillars"],
            "who": item["who"] or "",
            "reason": self._reason(item),
        }

    def _reason(self, item):
        kind, detail = item["reason"]
        if kind == "status":
            message = _(
                "Statut ${year} : ${status}",
                mapping={"year": self.follow_up.year, "status": self._t(INDICATOR_STATUSES[detail])},
            )
        elif kind == "health":
            message = _(
                "État de santé : ${health}, avancement ${progress} %",
                mapping={"health": self._t(term_title(HEALTH, detail)), "progress": item["progress"]},
            )
        elif kind == "project_status":
            message = _("Statut : ${status}", mapping={"status": self._t(term_title(PROJECT_STATUSES, detail))})
        elif kind == "latest":
            message = (
                _("Dernière mesure le ${date}", mapping={"date": detail.strftime("%d/%m/%Y")})
                if detail
                else _("Jamais mesuré")
            )
        elif kind == "planned_end":
            message = _(
                "Fin prévue le ${date}, avancement ${progress} %",
                mapping={"date": detail.strftime("%d/%m/%Y"), "progress": item["progress"]},
            )
        else:  # a project's end
            message = _(
                "Fin le ${date}, statut : ${status}",
                mapping={
                    "date": detail.strftime("%d/%m/%Y"),
                    "status": self._t(term_title(PROJECT_STATUSES, item["status"])),
                },
            )
        return self._t(message)


def _row_html(row):
    values = ", ".join(f'<a href="{escape(v["url"])}">{escape(v["title"] or "")}</a>' for v in row["served_values"])
    pillars = "".join(
        f'<a class="badge bg-light text-dark" href="{escape(p["url"])}" title="{escape(p["title"] or "")}">'
        f"{escape(p['code'] or '')}</a>"
        for p in row["pillars"]
    )
    return (
        f'<tr data-uid="{escape(row["uid"])}" data-type="{escape(row["type"])}">'
        f'<td class="follow-up-title"><a href="{escape(row["url"])}">{escape(row["title"] or "")}</a></td>'
        f'<td class="follow-up-type">{escape(row["type_title"] or "")}</td>'
        f'<td class="follow-up-values">{values}</td>'
        f'<td class="follow-up-pillars">{pillars}</td>'
        f'<td class="follow-up-who">{escape(row["who"] or "")}</td>'
        f'<td class="follow-up-reason">{escape(row["reason"] or "")}</td>'
        "</tr>"
    )
