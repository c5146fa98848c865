"""Import a plan file into a site: check everything first, then write, all or nothing."""

from dataclasses import dataclass
from dataclasses import field as dc_field
from imio.strategicplan.content import PLAN_TYPES
from imio.strategicplan.internals.cmf import default_cataloging_off
from imio.strategicplan.transfer import FORMAT
from imio.strategicplan.transfer import FORMAT_VERSION
from imio.strategicplan.transfer.fields import describe_invalid
from imio.strategicplan.transfer.fields import FieldValueError
from imio.strategicplan.transfer.fields import format_fields
from imio.strategicplan.transfer.fields import from_json
from imio.strategicplan.transfer.fields import relation_types
from imio.strategicplan.transfer.reader import Located
from imio.strategicplan.transfer.workflow import apply_baselines
from imio.strategicplan.transfer.workflow import apply_workflow
from imio.strategicplan.transfer.workflow import check_baselines
from imio.strategicplan.transfer.workflow import check_workflow
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import createContent
from z3c.form.interfaces import IDataManager
from z3c.relationfield.event import updateRelations
from z3c.relationfield.interfaces import IRelationList
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.schema import ValidationError

import copy
import re
import transaction


ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
RESERVED_KEYS = ("@type", "id", "items", "workflow", "baselines")


@dataclass
class Node:
    """One checked node of the file, ready to be written."""

    portal_type: str
    id: str
    path: str
    values: dict
    relations: dict = dc_field(default_factory=dict)
    children: list = dc_field(default_factory=list)
    located: Located = None
    workflow: tuple = None  # (state, history entries) of a plan
    baselines: list = None  # the plan's adopted baselines, as given


class Checker:
    """Checks a parsed plan file against the site's types; raises PlanFileError."""

    def __init__(self, source, container):
        self.source = source
        self.container = container
        self.seen = {}  # id -> Node
        self.nodes = []
        self._fields = {}

    def check(self):
        data = self.source.data
        if not isinstance(data, dict):
            raise self.source.error("the file must hold a JSON object", data if isinstance(data, Located) else None)
        if data.get("format") != FORMAT:
            raise self.source.error(f"'format' must be {FORMAT!r}", data, "$", "format")
        if data.get("format_version") != FORMAT_VERSION:
            raise self.source.error(
                f"unsupported format version {data.get('format_version')!r} (this version reads {FORMAT_VERSION})",
                data,
                "$",
                "format_version",
            )
        unknown = sorted(set(data) - {"format", "format_version", "plan"})
        if unknown:
            raise self.source.error(f"unknown key {unknown[0]!r}", data, "$", unknown[0])
        plan = data.get("plan")
        if not isinstance(plan, dict):
            raise self.source.error("'plan' must be an object", data, "$", "plan")
        root = self._check_node(plan, "plan", parent_type=None)
        if root.id in self.container.objectIds():
            raise self.source.error(
                f"an item with id {root.id!r} already exists in {'/'.join(self.container.getPhysicalPath())}",
                plan,
                "plan",
                "id",
            )
        self._check_relations()
        return root

    def fields(self, portal_type):
        if portal_type not in self._fields:
            self._fields[portal_type] = dict(format_fields(portal_type))
        return self._fields[portal_type]

    def _check_node(self, raw, path, parent_type):
        err = self.source.error
        if not isinstance(raw, dict):
            raise err("an item must be a JSON object", None, path)
        portal_type = raw.get("@type")
        if portal_type not in PLAN_TYPES:
            raise err(f"unknown type {portal_type!r} (expected one of: {', '.join(PLAN_TYPES)})", raw, path, "@type")
        if parent_type is None:
            if portal_type != "StrategicPlan":
                raise err("the plan must be a StrategicPlan", raw, path, "@type")
        else:
            allowed = getUtility(IDexterityFTI, name=parent_type).allowed_content_types
            if portal_type not in allowed:
                raise err(f"a {portal_type} cannot be placed in a {parent_type}", raw, path, "@type")
        item_id = raw.get("id")
        if not isinstance(item_id, str) or not ID_RE.match(item_id):
            raise err("missing or invalid id (letters, digits, '-', '_', '.')", raw, path, "id")
        if item_id in self.seen:
            raise err(f"duplicate id {item_id!r} (first used at {self.seen[item_id].path})", raw, path, "id")
        fields = self.fields(portal_type)
        unknown = sorted(set(raw) - set(fields) - set(RESERVED_KEYS))
        if unknown:
            raise err(f"unknown field for a {portal_type}", raw, path, unknown[0])
        for key in ("workflow", "baselines"):
            if key in raw and portal_type != "StrategicPlan":
                raise err(f"only a StrategicPlan has {key}", raw, path, key)
        node = Node(portal_type, item_id, path, {}, located=raw)
        if "workflow" in raw:
            node.workflow = check_workflow(self.source, raw, path)
        if "baselines" in raw:
            node.baselines = check_baselines(self.source, raw, path)
        self.seen[item_id] = node
        self.nodes.append(node)
        for name, fld in fields.items():
            self._check_field(node, raw, name, fld)
        items = raw.get("items", [])
        if not isinstance(items, list):
            raise err("'items' must be a list", raw, path, "items")
        for index, child in enumerate(items):
            child_path = f"{path}.items[{index}]"
            if not isinstance(child, dict):
                raise err("an item must be a JSON object", raw, child_path)
            node.children.append(self._check_node(child, child_path, portal_type))
        return node

    def _check_field(self, node, raw, name, fld):
        err = self.source.error
        value = raw.get(name)
        if value is None:
            if fld.required and fld.default is None:
                raise err("required field missing", raw, node.path, name)
            return
        if fld.required and value == "":
            raise err("required field is empty", raw, node.path, name)
        try:
            converted = from_json(fld, value)
        except FieldValueError as exc:
            raise err(str(exc), raw, node.path, name + exc.key) from None
        if IRelationList.providedBy(fld):
            node.relations[name] = converted
            return
        try:
            fld.bind(self.container).validate(converted)
        except ValidationError as exc:
            raise err(describe_invalid(exc), raw, node.path, name) from None
        node.values[name] = converted

    def _check_relations(self):
        for node in self.nodes:
            for name, ids in node.relations.items():
                allowed = relation_types(self.fields(node.portal_type)[name])
                for index, target_id in enumerate(ids):
                    target = self.seen.get(target_id)
                    where = f"{name}[{index}]"
                    if target is None:
                        raise self.source.error(
                            f"no item with id {target_id!r} in this file", node.located, node.path, where
                        )
                    if allowed and target.portal_type not in allowed:
                        raise self.source.error(
                            f"{target_id!r} is a {target.portal_type}; expected {' or '.join(allowed)}",
                            node.located,
                            node.path,
                            where,
                        )


def check_plan(source, container):
    """Check a parsed plan file for ``container``; returns the root Node.

    Raises PlanFileError naming the file, line, JSON path and field.
    """
    return Checker(source, container).check()


def import_plan(source, container, progress=None):
    """Import the plan file ``source`` into ``container``, all or nothing.

    Everything is checked before anything is written; a failure while writing rolls
    back to a savepoint. Returns the new StrategicPlan. Raises PlanFileError.
    ``progress(done, total)`` is called as items are created.
    """
    checker = Checker(source, container)
    root = checker.check()
    total = len(checker.nodes)
    savepoint = transaction.savepoint()
    try:
        created = {}
        with _items_indexed_once():
            _write(source, checker.fields, root, container, created, progress, total)
        _link(checker.fields, checker.nodes, created)
        if root.workflow is not None:
            apply_workflow(created[root.id], *root.workflow, items=created.values())
        apply_baselines(created[root.id], root.baselines)
    except Exception:
        savepoint.rollback()
        raise
    return created[root.id]


def _items_indexed_once():
    """Each new item is indexed once, at the commit, whole (its queued "index" operation), not
    also as it is created.

    Adding an item makes the workflow tool reindex its workflow variables and its security
    (``WorkflowTool._reindexWorkflowVariables``). On Plone 6.1 (Products.CMFCore 3.6) that
    security reindex searches the catalog, and a search first processes the indexing queue: every
    item was indexed as it was created, then again and again as its siblings and parents were
    reindexed - five catalog writes an item, twice the import's time (3,000 nodes: 77 s instead
    of 39 s; docs/performance.md). CMFCore 3.9 (Plone 6.2) no longer searches there. The tool's
    own switch for it is turned off meanwhile and put back, the tool left unwritten
    (``internals.cmf.default_cataloging_off``), so imports running at the same moment do not
    conflict on it."""
    return default_cataloging_off(api.portal.get_tool("portal_workflow"))


def _set(obj, fields, name, value):
    getMultiAdapter((obj, fields[name]), IDataManager).set(value)


def _write(source, fields_of, node, container, created, progress, total):
    obj = createContent(node.portal_type)
    obj.id = node.id
    fields = fields_of(node.portal_type)
    for name, fld in fields.items():
        if name in node.values:
            _set(obj, fields, name, node.values[name])
        elif name not in node.relations and fld.default is not None:
            # store the default too: the item then holds every field of its schema
            _set(obj, fields, name, copy.copy(fld.default))
    try:
        container._setObject(node.id, obj)
    except Exception as exc:
        raise source.error(f"cannot create the item: {exc}", node.located, node.path, "id") from exc
    obj = container._getOb(node.id)
    created[node.id] = obj
    if progress is not None:
        progress(len(created), total)
    for child in node.children:
        _write(source, fields_of, child, obj, created, progress, total)


def _link(fields_of, nodes, created):
    for node in nodes:
        if not node.relations:
            continue
        obj = created[node.id]
        fields = fields_of(node.portal_type)
        for name, ids in node.relations.items():
            # the relation data manager turns the targets into RelationValues
            _set(obj, fields, name, [created[i] for i in ids])
        updateRelations(obj, None)
    # indicators and projects take their pillars from objectives linked only now (indexers/plan.py);
    # Plone 6.1 may have indexed them already (its indexing queue is processed earlier)
    for node in nodes:
        if node.portal_type in ("Objective", "Indicator", "PriorityProject"):
            created[node.id].reindexObject(idxs=["pillars"])
