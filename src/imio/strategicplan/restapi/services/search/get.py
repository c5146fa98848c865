"""GET <plan>/@plan-search?q=&type=&pillar=&value=&state=&health=&year=&b_start=&b_size=

The plan's items matching the words and filters, with facet counts; through Solr when the site
has it switched on, through the catalog otherwise or when Solr does not answer (`backend`, and a
`warning` then). See docs/api.md and docs/solr.md."""

from imio.strategicplan import _
from imio.strategicplan.i18n import localize
from imio.strategicplan.restapi.errors import error
from imio.strategicplan.search.query import facet_titles
from imio.strategicplan.search.query import FACETS
from imio.strategicplan.search.query import item_summaries
from imio.strategicplan.search.query import read_batch
from imio.strategicplan.search.query import read_filters
from imio.strategicplan.search.query import search_plan
from imio.strategicplan.search.query import SearchInputError
from plone.restapi.services import Service


PARAMETERS = ("q", "b_start", "b_size", *FACETS)


class PlanSearch(Service):
    def reply(self):
        form = self.request.form
        unknown = sorted(set(form) - set(PARAMETERS))
        try:
            if unknown:
                raise SearchInputError(
                    unknown[0],
                    localize(
                        _(
                            "${name} : paramètre inconnu (attendu : ${expected})",
                            mapping={"name": unknown[0], "expected": ", ".join(PARAMETERS)},
                        )
                    ),
                )
            filters = read_filters(form)
            b_start, b_size = read_batch(form)
            text = form.get("q") or ""
            if not isinstance(text, str):
                raise SearchInputError("q", localize(_("q : un seul texte attendu")))
        except SearchInputError as exc:
            return error(self.request, 400, exc.message, field=exc.name)
        result = search_plan(self.context, text, filters, b_start, b_size)
        answer = {
            "@id": f"{self.context.absolute_url()}/@plan-search",
            "backend": result.backend,
            "items_total": result.total,
            "b_start": b_start,
            "b_size": b_size,
            "items": item_summaries(result.items),
            "facets": facet_titles(self.context, result, self.request),
        }
        if result.warning:
            answer["warning"] = result.warning
        return answer
