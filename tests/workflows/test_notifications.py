"""Board and assembly members get an email when a plan awaits them: a real SMTP server on loopback."""

from aiosmtpd.controller import Controller
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from plone import api
from plone.registry.interfaces import IRegistry
from Products.MailHost.interfaces import IMailHost
from Products.MailHost.MailHost import MailHost
from tests.helpers import free_port
from tests.workflows.helpers import add_user
from tests.workflows.helpers import seed_plan
from tests.workflows.helpers import session
from tests.workflows.helpers import set_state
from zope.component import getUtility

import pytest
import time
import transaction


class Inbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"

    def wait(self, count, timeout=10):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


@pytest.fixture
def smtp():
    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


class TestNotifications:
    @pytest.fixture(autouse=True)
    def _setup(self, functional, smtp):
        self.portal = functional["portal"]
        self.inbox, port = smtp
        # the real MailHost, pointed at the SMTP server (the test layer has a mock one)
        mailhost = MailHost("MailHost", smtp_host="127.0.0.1", smtp_port=port)
        self.portal._delObject("MailHost")
        self.portal._setObject("MailHost", mailhost)
        site_manager = self.portal.getSiteManager()
        site_manager.unregisterUtility(provided=IMailHost)
        site_manager.registerUtility(self.portal.MailHost, IMailHost)
        registry = getUtility(IRegistry)
        registry["plone.email_from_address"] = "plan@imio.example"
        registry["plone.email_from_name"] = "Plan stratégique"
        # Plone's mailer reads the SMTP server from the registry
        registry["plone.smtp_host"] = "127.0.0.1"
        registry["plone.smtp_port"] = port
        self.plan = seed_plan(self.portal)
        board_member = add_user(self.portal, "Member")
        api.user.get(userid=board_member).setMemberProperties({"email": "ca@imio.example"})
        api.group.add_user(groupname="strategicplan-board", username=board_member)
        self.portal.acl_users.userFolderAddUser("ag-member", "mot de passe ag 2026", ["Member"], [])
        api.user.get(userid="ag-member").setMemberProperties({"email": "ag@imio.example"})
        api.group.add_user(groupname="strategicplan-assembly", username="ag-member")
        self.editor = session(self.portal, add_user(self.portal, "Editor"))
        self.board = session(self.portal, board_member)
        set_state(self.plan, "draft")
        transaction.commit()
        yield
        self.editor.close()
        self.board.close()

    def _subject(self, message):
        return str(make_header(decode_header(message["Subject"])))

    def test_board_told_of_submission_then_assembly(self):
        response = self.editor.post(f"{self.plan.getId()}/@workflow/submit_to_board")
        assert response.status_code == 200, response.text
        [(to, message)] = self.inbox.wait(1)
        assert to == ["ca@imio.example"]
        assert self._subject(message) == "Plan à examiner : Plan Stratégique 2020-2022"
        body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
        assert "Soumis au Conseil d'Administration" in body
        assert self.plan.absolute_url() in body

        self.board.post(
            f"{self.plan.getId()}/@workflow/approve_by_board",
            json={"decision_date": "2026-01-15", "decision_reference": "CA-1"},
        )
        assert len(self.inbox.wait(2, timeout=1)) == 1  # approval awaits nobody
        assert self.board.post(f"{self.plan.getId()}/@workflow/submit_to_assembly").status_code == 200
        messages = self.inbox.wait(2)
        assert [to for to, _ in messages] == [["ca@imio.example"], ["ag@imio.example"]]

    def test_no_mail_when_the_transition_is_refused(self):
        response = self.board.post(f"{self.plan.getId()}/@workflow/submit_to_board")
        assert response.status_code in (401, 403)
        assert self.inbox.wait(1, timeout=1) == []

    def test_mail_server_down_does_not_undo_the_decision(self):
        registry = getUtility(IRegistry)
        registry["plone.smtp_port"] = free_port()  # nothing listens there
        transaction.commit()
        response = self.editor.post(f"{self.plan.getId()}/@workflow/submit_to_board")
        assert response.status_code == 200
        transaction.begin()
        assert api.content.get_state(obj=self.plan) == "submitted_to_board"
        assert self.inbox.wait(1, timeout=1) == []
