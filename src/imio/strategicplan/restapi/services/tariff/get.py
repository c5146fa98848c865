"""GET <plan>/@tariff-category?body=commune&size=12000: the body's tariff category (§8.5.2)."""

from imio.strategicplan.plan.tariffs import BODIES
from imio.strategicplan.plan.tariffs import tariff_category
from imio.strategicplan.plan.tariffs import TariffError
from imio.strategicplan.restapi.errors import error
from plone.restapi.services import Service


class TariffCategory(Service):
    """The tariff category of a body of the given type and size, or a 400 naming the bad parameter."""

    def reply(self):
        form = self.request.form
        body, size = form.get("body"), form.get("size")
        try:
            category = tariff_category(self.context, body, size)
        except TariffError as exc:
            return error(self.request, 400, exc.message, field=exc.name)
        answer = {
            "@id": f"{self.context.absolute_url()}/@tariff-category",
            "body": body,
            "category": category,
            "basis": BODIES[body][1],
        }
        if BODIES[body][0] is not None:
            answer["size"] = int(size)
        return answer
