"""Semi-annual follow-up reviews by the board: decision on record plus a snapshot of follow-up data."""

from DateTime import DateTime
from imio.strategicplan import _
from imio.strategicplan.i18n import localize
from imio.strategicplan.permissions import EDIT_FOLLOW_UP
from imio.strategicplan.transfer.snapshot import plan_data
from imio.strategicplan.workflows.decisions import DecisionError
from imio.strategicplan.workflows.decisions import iso_date
from imio.strategicplan.workflows.decisions import text
from persistent.list import PersistentList
from plone import api
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.dexterity.interfaces import IDexterityFTI
from plone.supermodel.utils import mergedTaggedValueDict
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility

import json


KEY = "imio.strategicplan.followups"


def follow_up_fields(portal_type):
    """Names of the fields of ``portal_type`` that are follow-up data."""
    schema = getUtility(IDexterityFTI, name=portal_type).lookupSchema()
    permissions = mergedTaggedValueDict(schema, WRITE_PERMISSIONS_KEY)
    return [name for name, permission in permissions.items() if permission == EDIT_FOLLOW_UP]


def snapshot(plan):
    """The follow-up data of every item of the plan, by item id."""
    found, fields = {}, {}

    def walk(node):
        if node["@type"] not in fields:
            fields[node["@type"]] = follow_up_fields(node["@type"])
        names = fields[node["@type"]]
        if names:
            found[node["id"]] = {
                "@type": node["@type"],
                "title": node.get("title"),
                **{name: node.get(name) for name in names},
            }
        for child in node.get("items", ()):
            walk(child)

    walk(plan_data(plan))
    return found


def check_review(data):
    """The review's date, reference and comment; raises DecisionError."""
    errors, review = {}, {}
    when = data.get("date")
    if not when:
        errors["date"] = localize(_("obligatoire"))
    else:
        try:
            review["date"] = iso_date(when)
        except ValueError as exc:
            errors["date"] = str(exc)
    reference = text(data, "decision_reference", errors)
    comment = text(data, "comment", errors)
    if not reference and "decision_reference" not in errors:
        errors["decision_reference"] = localize(_("obligatoire"))
    if errors:
        raise DecisionError(errors)
    review["decision_reference"] = reference
    review["comment"] = comment
    return review


def record_review(plan, data):
    """Record a follow-up review of ``plan`` now; returns it. Raises DecisionError."""
    review = check_review(data)
    review["actor"] = api.user.get_current().getId()
    review["time"] = DateTime().ISO8601()
    review["snapshot"] = snapshot(plan)
    annotations = IAnnotations(plan)
    if KEY not in annotations:
        annotations[KEY] = PersistentList()
    annotations[KEY].append(json.dumps(review, ensure_ascii=False, sort_keys=True))
    return review


def reviews(plan):
    """The plan's follow-up reviews, oldest first."""
    return [json.loads(frozen) for frozen in IAnnotations(plan).get(KEY, ())]
