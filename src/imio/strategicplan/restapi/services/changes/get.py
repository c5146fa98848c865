"""GET <plan>/@changes-since-adoption: what differs from the adopted baseline."""

from imio.strategicplan import _
from imio.strategicplan.restapi.errors import error
from imio.strategicplan.transfer.baseline import changes_since_adoption
from plone.restapi.services import Service


class ChangesSinceAdoption(Service):
    """Items added, removed and changed (field by field, old -> new) since the last adoption."""

    def reply(self):
        changes = changes_since_adoption(self.context)
        if changes is None:
            return error(
                self.request, 404, _("Ce plan n'a jamais été adopté : il n'a pas de référence à laquelle se comparer.")
            )
        changes["@id"] = f"{self.context.absolute_url()}/@changes-since-adoption"
        return changes
