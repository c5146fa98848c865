"""The groups the profile creates for staff, board and assembly."""

from imio.strategicplan import _
from plone import api
from zope.i18n import translate


# id -> (title, description, global roles)
GROUPS = {
    "strategicplan-staff": (
        _("Personnel (plan stratégique)"),
        _("Prépare et suit le plan : rédaction, mesures des indicateurs, chiffres."),
        ("Contributor", "Editor", "Reader"),
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
