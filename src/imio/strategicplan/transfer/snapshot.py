"""A plan's content as JSON-ready data, in the plan file's shape: what the export writes and
what a baseline freezes (docs/import-format.md)."""

from Acquisition import aq_base
from imio.strategicplan.content import PLAN_TYPES
from imio.strategicplan.transfer.fields import format_fields
from imio.strategicplan.transfer.fields import to_json
from z3c.form.interfaces import IDataManager
from zope.component import getMultiAdapter


def plan_data(obj, plan_extras=None):
    """``obj`` and everything in it as nested dicts. ``plan_extras(plan)`` gives keys added to the
    plan's node after its fields (the export's workflow and baselines)."""
    data = {"@type": obj.portal_type, "id": obj.getId()}
    for name, fld in format_fields(obj.portal_type):
        value = getMultiAdapter((obj, fld), IDataManager).query()
        data[name] = to_json(fld, value)
    if obj.portal_type == "StrategicPlan" and plan_extras is not None:
        data.update(plan_extras(obj))
    folderish = getattr(aq_base(obj), "contentValues", None) is not None
    children = [c for c in obj.contentValues() if c.portal_type in PLAN_TYPES] if folderish else []
    if children:
        data["items"] = [plan_data(child, plan_extras) for child in children]
    return data
