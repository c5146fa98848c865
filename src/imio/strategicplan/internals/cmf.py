"""Products.CMFCore and Products.DCWorkflow beyond their public API (pinned by
tests/internals/test_cmf.py)."""

from Acquisition import aq_base
from contextlib import contextmanager


def workflow_state_of(workflow, obj):
    """The state definition ``obj`` is in under ``workflow`` (a DCWorkflow definition), whatever
    the current user may see (``DCWorkflowDefinition._getWorkflowStateOf``)."""
    return workflow._getWorkflowStateOf(obj)


@contextmanager
def default_cataloging_off(tool):
    """While the block runs, the workflow tool does not reindex an added item's workflow variables
    and security (``WorkflowTool._setDefaultCataloging`` and its ``_default_cataloging``
    attribute); then its switch is put back and, when the block changed nothing else of the tool,
    the tool is left out of the commit (``_p_changed = False``), so that two blocks running at the
    same moment do not conflict on it."""
    own = "_default_cataloging" in tool.__dict__
    before = tool._default_cataloging  # loads the tool: _p_changed is then False or True
    unchanged, state = not tool._p_changed, aq_base(tool).__getstate__()
    tool._setDefaultCataloging(False)
    try:
        yield
    finally:
        if own:
            tool._default_cataloging = before
        else:
            del tool._default_cataloging
        if unchanged and aq_base(tool).__getstate__() == state:
            tool._p_changed = False  # ZODB then leaves it out of the commit
