"""One way for the console scripts to open the Zope application of an instance (its zope.conf, no
server), log in and reach a site; each script adds its own options to ``parser()``."""

from imio.strategicplan.internals.zope import close_database

import argparse
import atexit
import os
import sys


DEFAULT_ZOPE_CONF = os.environ.get("ZOPE_CONF", "etc/zope.conf")


def parser(description, many_sites=False):
    """The options every console script takes: --zope-conf, --site (repeatable with
    ``many_sites``), --user."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--zope-conf",
        default=DEFAULT_ZOPE_CONF,
        help="the instance's zope.conf (default: $ZOPE_CONF or etc/zope.conf)",
    )
    if many_sites:
        parser.add_argument(
            "--site",
            action="append",
            default=[],
            help="a Plone site id (repeat it; default: every site with the add-on)",
        )
    else:
        parser.add_argument("--site", default="Plone", help="the Plone site id (default: Plone)")
    parser.add_argument("--user", default="admin", help="the user the script acts as (default: admin)")
    return parser


def open_app(zope_conf):
    """Start Zope from ``zope_conf`` (no server) and return the root application."""
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import configure_wsgi

    import Zope2

    if not os.path.exists(zope_conf):
        sys.exit(f"error: {zope_conf} does not exist (run `make instance` first)")
    configure_wsgi(zope_conf)
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    atexit.register(close_app, app)
    return app


def close_app(app):
    """Close the database cleanly (FileStorage then writes its index)."""
    import transaction

    transaction.abort()
    close_database(app)


def login(app, site, username):
    """Act as ``username`` (a user of the site or of the Zope root); exits when there is none."""
    from AccessControl.SecurityManagement import newSecurityManager

    for acl_users in (site.acl_users, app.acl_users):
        user = acl_users.getUser(username)
        if user is not None:
            newSecurityManager(None, user.__of__(acl_users))
            return
    sys.exit(f"error: no user {username!r} in the site or the Zope root")


def open_site(app, site_id, username):
    """The site ``site_id``, made the current site, with ``username`` logged in; exits when missing."""
    from zope.component.hooks import setSite

    site = app.get(site_id)
    if site is None:
        sys.exit(f"error: no Plone site {site_id!r} (run strategicplan-create-site first)")
    setSite(site)
    login(app, site, username)
    return site
