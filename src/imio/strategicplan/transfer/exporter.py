"""Export a plan in the format the importer reads."""

from imio.strategicplan.transfer import FORMAT
from imio.strategicplan.transfer import FORMAT_VERSION
from imio.strategicplan.transfer.snapshot import plan_data
from imio.strategicplan.transfer.workflow import export_baselines
from imio.strategicplan.transfer.workflow import export_workflow

import json


def export_plan(plan):
    """The plan and everything in it, as JSON-ready data."""
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "plan": plan_data(plan, _plan_extras)}


def dumps(data):
    """Serialize exported data the way plan files are written."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _plan_extras(plan):
    return {"workflow": export_workflow(plan), "baselines": export_baselines(plan)}
