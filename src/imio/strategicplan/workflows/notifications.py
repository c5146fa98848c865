"""Tell board and assembly members by email when a plan awaits their decision."""

from imio.strategicplan import _
from imio.strategicplan import logger
from plone import api
from zope.i18n import translate

import transaction


# state the plan enters -> (role whose holders decide, group of that body)
AWAITING = {
    "submitted_to_board": ("Board Member", "strategicplan-board"),
    "submitted_to_assembly": ("Assembly Member", "strategicplan-assembly"),
}


def deciders(plan, role, group_id):
    """Users who hold ``role`` on ``plan``: the body's group, local grants, global grants."""
    users = {}
    group = api.group.get(groupname=group_id)
    if group is not None:
        for user in api.user.get_users(group=group):
            users[user.getId()] = user
    for principal, roles in plan.get_local_roles():
        if role in roles:
            user = api.user.get(userid=principal)
            if user is not None:
                users[user.getId()] = user
    for user in api.user.get_users():
        if role in api.user.get_roles(user=user):
            users[user.getId()] = user
    return list(users.values())


def notify_deciders(plan, event):
    """After a transition into a state awaiting a body: email each of its members."""
    if event.transition is None or event.new_state.getId() not in AWAITING:
        return
    role, group_id = AWAITING[event.new_state.getId()]
    if not api.portal.get_registry_record("plone.email_from_address", default=None):
        logger.warning("No sender address configured: nobody told that %s awaits a decision", plan.absolute_url_path())
        return
    recipients = sorted(filter(None, (u.getProperty("email") for u in deciders(plan, role, group_id))))
    if not recipients:
        logger.warning("Nobody with an email address holds %r for %s", role, plan.absolute_url_path())
        return
    request = getattr(plan, "REQUEST", None)
    subject = translate(
        _("Plan à examiner : ${title}", mapping={"title": plan.Title()}),
        context=request,
    )
    state_title = translate(event.new_state.title, domain="imio.strategicplan", context=request)
    mapping = {"title": plan.Title(), "state": state_title, "url": plan.absolute_url()}
    body = (
        "\n\n".join(
            translate(message, context=request)
            for message in (
                _("Le plan « ${title} » est désormais « ${state} » et attend votre décision.", mapping=mapping),
                _("Consulter le plan : ${url}", mapping=mapping),
            )
        )
        + "\n"
    )
    transaction.get().addAfterCommitHook(_send, args=(recipients, subject, body))


def _send(committed, recipients, subject, body):
    """After the decision is committed (only then), send; a mail failure never undoes it."""
    if not committed:
        return
    for recipient in recipients:
        try:
            api.portal.send_email(recipient=recipient, subject=subject, body=body, immediate=True)
        except Exception:
            logger.exception("Could not tell %s that a plan awaits a decision", recipient)
