"""Zope, OFS and ZODB beyond their public API (pinned by tests/internals/test_zope.py)."""


def close_database(app):
    """Close the database the application ``app`` was opened from (FileStorage then writes its
    index) (``app._p_jar.db()``)."""
    app._p_jar.db().close()


def add_zope_manager(app, name, password):
    """Add a Manager ``name`` to the Zope root's user folder (``UserFolder._doAddUser``)."""
    app.acl_users._doAddUser(name, password, ["Manager"], [])
