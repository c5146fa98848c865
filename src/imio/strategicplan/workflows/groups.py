"""The groups the profile creates for staff, board and assembly, and the staff's local roles."""

from imio.strategicplan import _
from plone import api
from zope.i18n import translate


STAFF_GROUP = "strategicplan-staff"
# the staff's roles on each plan (local roles, granted when a plan is added: docs/workflow.md)
STAFF_PLAN_ROLES = ("Contributor", "Editor", "Reader")
# the staff's role on the site: adding plans, nothing else (rolemap.xml)
PLAN_AUTHOR = "Plan Author"

# id -> (title, description, global roles)
GROUPS = {
    STAFF_GROUP: (
        _("Personnel (plan stratégique)"),
        _("Prépare et suit le plan : rédaction, mesures des indicateurs, chiffres."),
        (),
    ),
    "strategicplan-board": (
        _("Conseil d'Administration"),
        _("Examine et approuve le plan, en assure le suivi semestriel."),
        ("Board Member",),
    ),
    "strategicplan-assembly": (
        _("Assemblée Générale"),
        _("Adopte le plan."),
        ("Assembly Member",),
    ),
}


def create_groups():
    """Create the groups (once) with their global roles; leaves existing groups alone."""
    for group_id, (title, description, roles) in GROUPS.items():
        if api.group.get(groupname=group_id) is not None:
            continue
        api.group.create(
            groupname=group_id,
            title=translate(title, target_language="fr"),
            description=translate(description, target_language="fr"),
            roles=list(roles),
        )


def grant_staff_plan_roles(plan, new=False):
    """Give the staff group its local roles on ``plan`` (items acquire them) and reindex the
    security of the plan and its items (``new``: of the plan only, queued, as its items are not
    there yet); does nothing when the group does not exist."""
    if api.group.get(groupname=STAFF_GROUP) is None:
        return
    current = set(plan.get_local_roles_for_userid(STAFF_GROUP))
    if current >= set(STAFF_PLAN_ROLES):
        return
    plan.manage_setLocalRoles(STAFF_GROUP, sorted(current | set(STAFF_PLAN_ROLES)))
    if new:
        # a catalog search (reindexObjectSecurity's) would process the import's indexing queue
        plan.reindexObject(idxs=["allowedRolesAndUsers"])
    else:
        plan.reindexObjectSecurity()


def grant_staff_roles(portal):
    """The staff's rights as local roles: Plan Author on the site, its roles on every plan.

    Returns the number of plans changed or checked."""
    if api.group.get(groupname=STAFF_GROUP) is None:
        return 0
    current = set(portal.get_local_roles_for_userid(STAFF_GROUP))
    if PLAN_AUTHOR not in current:
        portal.manage_setLocalRoles(STAFF_GROUP, sorted(current | {PLAN_AUTHOR}))
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(portal_type="StrategicPlan")
    for brain in brains:
        grant_staff_plan_roles(brain._unrestrictedGetObject())
    return len(brains)


def plan_added(plan, event):
    """IObjectAddedEvent of a plan (created, imported, pasted): the staff's local roles on it."""
    grant_staff_plan_roles(plan, new=True)
