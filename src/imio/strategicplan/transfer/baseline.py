"""The adopted plan frozen as a baseline, and what changed since."""

from DateTime import DateTime
from imio.strategicplan.transfer.snapshot import plan_data
from persistent.list import PersistentList
from zope.annotation.interfaces import IAnnotations

import json


KEY = "imio.strategicplan.baselines"
RECORD_KEYS = ("time", "actor", "decision_date", "decision_reference", "decision_body")
IGNORED = ("items", "workflow", "baselines")


def baselines(plan):
    """The plan's baselines, oldest first, as fresh dicts (``plan`` holds the frozen data)."""
    return [_record(frozen) for frozen in IAnnotations(plan).get(KEY, ())]


def latest_baseline(plan):
    """The latest baseline, or None if the plan was never adopted."""
    frozen = IAnnotations(plan).get(KEY, ())
    return _record(frozen[-1]) if frozen else None


def freeze(plan, entry):
    """Freeze the plan as it stands now with the decision ``entry`` (a workflow history entry)."""
    data = plan_data(plan)
    record = {key: _text(entry.get(key)) for key in RECORD_KEYS}
    add_frozen(plan, record, data)


def add_frozen(plan, record, data):
    """Store one baseline: its record and the plan data, as one immutable JSON string."""
    annotations = IAnnotations(plan)
    if KEY not in annotations:
        annotations[KEY] = PersistentList()
    annotations[KEY].append(json.dumps({**record, "plan": data}, ensure_ascii=False, sort_keys=True))


def _record(frozen):
    return json.loads(frozen)


def _text(value):
    if isinstance(value, DateTime):
        return value.ISO8601()
    return value or ""


def _flatten(node, path="", found=None):
    found = {} if found is None else found
    here = f"{path}/{node['id']}" if path else node["id"]
    found[node["id"]] = (here, node)
    for child in node.get("items", ()):
        _flatten(child, here, found)
    return found


def _summary(path, node):
    return {"id": node["id"], "@type": node["@type"], "title": node.get("title"), "path": path}


def changes_since(base, current):
    """Item-by-item, field-by-field differences between two plan data trees."""
    before, after = _flatten(base), _flatten(current)
    added = [_summary(*after[i]) for i in after if i not in before]
    removed = [_summary(*before[i]) for i in before if i not in after]
    changed = []
    for item_id, (path, node) in after.items():
        if item_id not in before:
            continue
        old = before[item_id][1]
        fields = {
            key: {"old": old.get(key), "new": node.get(key)}
            for key in sorted(set(old) | set(node))
            if key not in IGNORED and old.get(key) != node.get(key)
        }
        if fields:
            changed.append({**_summary(path, node), "fields": fields})
    return {"added": added, "removed": removed, "changed": changed}


def changes_since_adoption(plan):
    """What differs between ``plan`` and its latest adopted baseline; None if never adopted."""
    baseline = latest_baseline(plan)
    if baseline is None:
        return None
    current = plan_data(plan)
    result = changes_since(baseline["plan"], current)
    result["baseline"] = {key: baseline.get(key) for key in RECORD_KEYS}
    return result
