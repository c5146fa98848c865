"""1000 -> 1001: board approval (workflow, roles, permissions, groups, protected fields)."""

from imio.strategicplan.workflows.groups import create_groups
from plone import api


PROFILE = "profile-imio.strategicplan:default"


def upgrade(context):
    """Import the new rolemap, workflow and type settings; create the groups."""
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "workflow", "typeinfo"):
        setup.runImportStepFromProfile(PROFILE, step)
    create_groups()
    # existing plans enter the workflow's initial state with its permissions
    api.portal.get_tool("portal_workflow").updateRoleMappings()
