"""A plan's workflow state and decision history in the plan file."""

from DateTime import DateTime
from DateTime.interfaces import DateTimeError
from imio.strategicplan.indexers.plan import reindex_plan_state
from imio.strategicplan.transfer import baseline
from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from plone import api


HISTORY_KEYS = (
    "action",
    "review_state",
    "actor",
    "time",
    "comments",
    "decision_body",
    "decision_date",
    "decision_reference",
    "source",
)
REQUIRED_KEYS = ("review_state", "actor", "time")


def check_workflow(source, raw, path):
    """Check the plan node's ``workflow`` object; returns (state, entries). Raises PlanFileError."""
    data = raw.get("workflow")
    field = "workflow"
    if not isinstance(data, dict):
        raise source.error("'workflow' must be an object", raw, path, field)
    workflow = api.portal.get_tool("portal_workflow")[WORKFLOW_ID]
    states = tuple(workflow.states.objectIds())
    state = data.get("review_state")
    if state not in states:
        raise source.error(
            f"unknown state {state!r} (expected one of: {', '.join(states)})", raw, path, "workflow.review_state"
        )
    unknown = sorted(set(data) - {"review_state", "history"})
    if unknown:
        raise source.error(f"unknown key {unknown[0]!r}", raw, path, f"workflow.{unknown[0]}")
    history = data.get("history", [])
    if not isinstance(history, list):
        raise source.error("'history' must be a list", raw, path, "workflow.history")
    entries = []
    for index, entry in enumerate(history):
        where = f"workflow.history[{index}]"
        if not isinstance(entry, dict):
            raise source.error("a history entry must be an object", raw, path, where)
        unknown = sorted(set(entry) - set(HISTORY_KEYS))
        if unknown:
            raise source.error(f"unknown key {unknown[0]!r}", raw, path, f"{where}.{unknown[0]}")
        for key in REQUIRED_KEYS:
            if not entry.get(key):
                raise source.error("required value missing", raw, path, f"{where}.{key}")
        if entry["review_state"] not in states:
            raise source.error(f"unknown state {entry['review_state']!r}", raw, path, f"{where}.review_state")
        action = entry.get("action")
        if action is not None and action not in workflow.transitions.objectIds():
            raise source.error(f"unknown transition {action!r}", raw, path, f"{where}.action")
        try:
            when = DateTime(entry["time"])
        except (DateTimeError, SyntaxError, ValueError, TypeError):
            raise source.error(
                f"expected an ISO date and time, got {entry['time']!r}", raw, path, f"{where}.time"
            ) from None
        for key, value in entry.items():
            if key != "action" and value is not None and not isinstance(value, str):
                raise source.error("expected a string", raw, path, f"{where}.{key}")
        entries.append({**{k: entry.get(k) or "" for k in HISTORY_KEYS}, "action": action, "time": when})
    if entries and entries[-1]["review_state"] != state:
        raise source.error(
            f"the last history entry leaves the plan '{entries[-1]['review_state']}', not '{state}'",
            raw,
            path,
            "workflow.review_state",
        )
    return state, entries


def apply_workflow(plan, state, entries, items=None):
    """Give ``plan`` the state and history of the file (replacing its creation entry).

    ``items``: the plan and its items when they were all just created (the import). Their indexing
    is still queued, so the state and security indexes are queued for each too, which the queue
    merges into the pending indexing: no catalog search. Without it the plan's items are found in
    the catalog (``reindexObjectSecurity``, ``reindex_plan_state``), whose search first indexes the
    whole queue, and then all are indexed a second time: for 10,000 nodes that second pass took
    about a tenth of the import (docs/performance.md)."""
    if not entries:
        entries = [
            {
                "action": None,
                "review_state": state,
                "actor": api.user.get_current().getId(),
                "time": DateTime(),
                "comments": "",
            }
        ]
    plan.workflow_history[WORKFLOW_ID] = tuple(entries)
    workflow = api.portal.get_tool("portal_workflow")[WORKFLOW_ID]
    workflow.updateRoleMappingsFor(plan)
    if items is None:
        plan.reindexObject(idxs=["review_state"])
        plan.reindexObjectSecurity()
        reindex_plan_state(plan)
    else:
        for item in items:
            item.reindexObject(idxs=["review_state", "allowedRolesAndUsers"])


def export_workflow(plan):
    """The plan's state and history as plan-file data."""
    history = plan.workflow_history.get(WORKFLOW_ID, ())
    state = history[-1]["review_state"] if history else None
    entries = []
    for entry in history:
        data = {key: entry.get(key) for key in HISTORY_KEYS if entry.get(key) not in (None, "")}
        data["action"] = entry.get("action")
        data["time"] = entry["time"].ISO8601() if hasattr(entry["time"], "ISO8601") else str(entry["time"])
        entries.append({key: data[key] for key in HISTORY_KEYS if key in data})
    return {"review_state": state, "history": entries}


def check_baselines(source, raw, path):
    """Check the plan node's ``baselines`` list; returns it. Raises PlanFileError."""
    data = raw.get("baselines")
    if not isinstance(data, list):
        raise source.error("'baselines' must be a list", raw, path, "baselines")
    for index, record in enumerate(data):
        where = f"baselines[{index}]"
        if not isinstance(record, dict):
            raise source.error("a baseline must be an object", raw, path, where)
        unknown = sorted(set(record) - set(baseline.RECORD_KEYS) - {"plan"})
        if unknown:
            raise source.error(f"unknown key {unknown[0]!r}", raw, path, f"{where}.{unknown[0]}")
        plan = record.get("plan")
        if not isinstance(plan, dict) or plan.get("@type") != "StrategicPlan":
            raise source.error("'plan' must be the adopted StrategicPlan", raw, path, f"{where}.plan")
    return data


def apply_baselines(plan, records):
    """Store the file's baselines; an adopted plan given none is frozen as it was imported."""
    if records:
        for record in records:
            data = dict(record)
            baseline.add_frozen(plan, {k: data.get(k, "") for k in baseline.RECORD_KEYS}, data["plan"])
        return
    history = plan.workflow_history.get(WORKFLOW_ID, ())
    adoptions = [entry for entry in history if entry.get("action") == "adopt"]
    if history and history[-1]["review_state"] == "adopted" and adoptions:
        baseline.freeze(plan, adoptions[-1])


def export_baselines(plan):
    """The plan's baselines as plan-file data."""
    return baseline.baselines(plan)
