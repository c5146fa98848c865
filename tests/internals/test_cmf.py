"""Pins what internals/cmf.py uses of Products.CMFCore and Products.DCWorkflow."""

from imio.strategicplan.internals.cmf import default_cataloging_off
from imio.strategicplan.internals.cmf import workflow_state_of
from imio.strategicplan.testing import SEED_PLAN_ID
from imio.strategicplan.workflows.decisions import WORKFLOW_ID
from plone.app.testing import logout

import transaction


def test_workflow_state_of(integration):
    portal = integration["portal"]
    workflow = portal.portal_workflow[WORKFLOW_ID]
    logout()
    assert workflow_state_of(workflow, portal[SEED_PLAN_ID]).getId() == "adopted"


def test_default_cataloging_off_and_back(functional):
    tool = functional["portal"].portal_workflow
    transaction.commit()
    assert tool._default_cataloging  # loads the tool: its serial is then the stored one
    serial = tool._p_serial
    with default_cataloging_off(tool):
        assert not tool._default_cataloging
    assert tool._default_cataloging
    assert "_default_cataloging" not in tool.__dict__  # the class default again
    assert not tool._p_changed
    transaction.commit()
    assert tool._p_serial == serial  # the tool was not written
