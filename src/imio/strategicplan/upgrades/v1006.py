"""1005 -> 1006: the staff group's rights become local roles (Contributor, Editor, Reader on each
plan; Plan Author, which adds plans, on the site) instead of global roles."""

from imio.strategicplan.workflows.groups import create_groups
from imio.strategicplan.workflows.groups import grant_staff_roles
from imio.strategicplan.workflows.groups import STAFF_GROUP
from imio.strategicplan.workflows.groups import STAFF_PLAN_ROLES
from plone import api

import logging


PROFILE = "profile-imio.strategicplan:default"
logger = logging.getLogger(__name__)


def upgrade(context):
    """The Plan Author role (rolemap), the staff's local roles, then its global roles removed."""
    context.runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)
    create_groups()
    plans = grant_staff_roles(api.portal.get())
    if api.group.get(groupname=STAFF_GROUP) is not None:
        api.group.revoke_roles(groupname=STAFF_GROUP, roles=list(STAFF_PLAN_ROLES))
    logger.info(
        "%s: local roles on the site and on %d plan(s); global roles %s removed",
        STAFF_GROUP,
        plans,
        ", ".join(STAFF_PLAN_ROLES),
    )
