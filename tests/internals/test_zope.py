"""Pins what internals/zope.py uses of Zope's user folder and ZODB (the database closing is run by
every console-script test in tests/cli/)."""

from imio.strategicplan.internals.zope import add_zope_manager


def test_add_zope_manager(integration):
    app = integration["app"]
    add_zope_manager(app, "chef", "secret-123")
    user = app.acl_users.getUser("chef")
    assert "Manager" in user.getRoles()
    assert app.acl_users.authenticate("chef", "secret-123", integration["request"]) is not None


def test_an_application_knows_its_database(integration):
    app = integration["app"]
    assert callable(app._p_jar.db().close)
