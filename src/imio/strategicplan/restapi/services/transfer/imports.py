"""POST <folder>/@plan-import: import a plan file (the request body), all or nothing."""

from AccessControl import getSecurityManager
from imio.strategicplan import _
from imio.strategicplan.i18n import localize
from imio.strategicplan.plan.finance import check
from imio.strategicplan.plan.finance import plan_years
from imio.strategicplan.restapi.errors import error
from imio.strategicplan.transfer.errors import PlanFileError
from imio.strategicplan.transfer.importer import import_plan
from imio.strategicplan.transfer.reader import source_from_bytes
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides

import transaction


class PlanImport(Service):
    """Create the plan of the posted file in this folder; 400 names line, JSON path and field."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = self.request.get("BODY") or b""
        try:
            source = source_from_bytes(body, filename="<request body>")
            refused = self._refusal(source.data)
            if refused:
                return error(self.request, 403, refused)
            plan = import_plan(source, self.context)
        except PlanFileError as exc:
            transaction.doom()  # nothing of this request is written
            return error(self.request, 400, str(exc), **exc.where())
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", plan.absolute_url())
        return {
            "@id": plan.absolute_url(),
            "id": plan.getId(),
            "title": plan.Title(),
            "contradictions": [contradiction_json(c) for c in check(plan_years(plan))],
        }

    def _refusal(self, data):
        """Decisions and baselines in a file are a Manager's to import (they record votes)."""
        plan = data.get("plan") if isinstance(data, dict) else None
        if not isinstance(plan, dict):
            return None
        workflow = plan.get("workflow") or {}
        carries_decisions = plan.get("baselines") or (
            isinstance(workflow, dict) and workflow.get("review_state") not in (None, "draft")
        )
        if carries_decisions and not getSecurityManager().checkPermission("Manage portal", self.context):
            return localize(
                _(
                    "Seul un Manager peut importer un plan avec ses décisions (un état autre que "
                    "brouillon, ou des références adoptées) : retirez « workflow » et « baselines » "
                    "pour l'importer comme brouillon."
                )
            )
        return None


def contradiction_json(contradiction):
    """A contradiction as JSON: figure, year, label, source, printed, computed, from its printed
    parts, kind (root or follows) and causes ([figure, year])."""
    data = contradiction.as_dict()
    data["causes"] = [list(cause) for cause in data["causes"]]
    return data
