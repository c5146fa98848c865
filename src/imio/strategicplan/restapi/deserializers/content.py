"""PATCH/POST of plan content: a field the user may not write is refused, not skipped."""

from AccessControl import getSecurityManager
from imio.strategicplan import _
from imio.strategicplan.i18n import localize
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.supermodel.utils import mergedTaggedValueDict
from zExceptions import Forbidden
from zope.component import queryUtility
from zope.schema import getFields
from zope.security.interfaces import IPermission


class PlanContentDeserializer(DeserializeFromJson):
    """plone.restapi silently ignores fields the user may not write; here they answer 403.

    After adoption staff may change the follow-up data (health, progress, measurements,
    actual figures) but not the commitments (titles, targets, objectives): a request that
    touches a commitment is refused as a whole, and nothing is changed.
    """

    def __call__(self, validate_all=False, data=None, create=False, mask_validation_errors=True):
        if data is None:
            data = json_body(self.request)
        if not create:
            self._refuse_forbidden_fields(data)
        return super().__call__(
            validate_all=validate_all,
            data=data,
            create=create,
            mask_validation_errors=mask_validation_errors,
        )

    def _refuse_forbidden_fields(self, data):
        security = getSecurityManager()
        refused = []
        for schema in iterSchemata(self.context):
            permissions = mergedTaggedValueDict(schema, WRITE_PERMISSIONS_KEY)
            for name in getFields(schema):
                if name not in data or name not in permissions:
                    continue
                permission = queryUtility(IPermission, name=permissions[name])
                if permission is not None and not security.checkPermission(permission.title, self.context):
                    refused.append((name, permission.title))
        if refused:
            names = ", ".join(name for name, _ in refused)
            raise Forbidden(
                localize(
                    _(
                        "Vous ne pouvez pas modifier ${fields} de cet élément maintenant : il faut la "
                        "permission « ${permission} » (les engagements du plan sont figés dès qu'il est "
                        "soumis, voir docs/workflow.md).",
                        mapping={"fields": names, "permission": refused[0][1]},
                    )
                )
            )
