"""Export a plan in the format the importer reads."""

from Acquisition import aq_base
from imio.strategicplan.transfer import FORMAT
from imio.strategicplan.transfer import FORMAT_VERSION
from imio.strategicplan.transfer import PLAN_TYPES
from imio.strategicplan.transfer.fields import format_fields
from imio.strategicplan.transfer.fields import to_json
from imio.strategicplan.transfer.workflow import export_baselines
from imio.strategicplan.transfer.workflow import export_workflow
from z3c.form.interfaces import IDataManager
from zope.component import getMultiAdapter

import json


def export_plan(plan):
    """The plan and everything in it, as JSON-ready data."""
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "plan": _node(plan)}


def dumps(data):
    """Serialize exported data the way plan files are written."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _node(obj):
    data = {"@type": obj.portal_type, "id": obj.getId()}
    for name, fld in format_fields(obj.portal_type):
        value = getMultiAdapter((obj, fld), IDataManager).query()
        data[name] = to_json(fld, value)
    if obj.portal_type == "StrategicPlan":
        data["workflow"] = export_workflow(obj)
        data["baselines"] = export_baselines(obj)
    folderish = getattr(aq_base(obj), "contentValues", None) is not None
    children = [c for c in obj.contentValues() if c.portal_type in PLAN_TYPES] if folderish else []
    if children:
        data["items"] = [_node(child) for child in children]
    return data
