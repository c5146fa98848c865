"""`strategicplan-create-site` (the Classic UI site with the add-on, once; pending upgrades on an
existing one) and `strategicplan-upgrade` (pending upgrade steps on every site of a database)."""

from imio.strategicplan.commands.app import login
from imio.strategicplan.commands.app import open_app
from imio.strategicplan.commands.app import open_site
from imio.strategicplan.commands.app import parser
from imio.strategicplan.internals.zope import add_zope_manager

import os
import sys


def upgrade_addon(site):
    """Run the add-on's pending upgrade steps, saying which."""
    setup = site.portal_setup
    profile = "imio.strategicplan:default"
    before = setup.getLastVersionForProfile(profile)
    if setup.listUpgrades(profile):
        setup.upgradeProfile(profile)
        after = setup.getLastVersionForProfile(profile)
        print(f"upgraded imio.strategicplan from {'.'.join(before)} to {'.'.join(after)}")


def create_site_main(argv=None):
    """strategicplan-create-site: create the Classic UI site with the add-on, once.

    On an existing site it runs the add-on's pending upgrade steps (`make upgrade`).
    """
    from imio.strategicplan.site import configure_languages
    from plone.base.utils import get_installer
    from plone.distribution.api.site import create

    import transaction

    options = parser("Create a Plone Classic UI site with imio.strategicplan installed.")
    options.add_argument("--language", default="fr", help="default language (default: fr)")
    options.add_argument("--title", default="Plan stratégique")
    options.add_argument("--password", default=os.environ.get("ADMIN_PASSWORD", "admin"))
    args = options.parse_args(argv)
    app = open_app(args.zope_conf)
    if app.acl_users.getUser(args.user) is None:
        add_zope_manager(app, args.user, args.password)
        transaction.commit()
        print(f"created Zope user {args.user!r}")
    if args.site in app.objectIds():
        site = open_site(app, args.site, args.user)
        upgrade_addon(site)
        transaction.commit()
        print(f"site {args.site!r} exists: left as it is")
        return 0
    login(app, app, args.user)
    answers = {
        "site_id": args.site,
        "title": args.title,
        "description": "Plan stratégique d'une intercommunale, suivi et approuvé en ligne.",
        "default_language": args.language,
        "portal_timezone": "Europe/Brussels",
        "setup_content": False,
    }
    site = create(app, "classic", answers)
    configure_languages(site, default=args.language)
    get_installer(site).install_product("imio.strategicplan")
    transaction.get().note("strategicplan-create-site")
    transaction.commit()
    print(f"created site {args.site!r} (language {args.language}) with imio.strategicplan")
    return 0


def upgrade_main(argv=None):
    """strategicplan-upgrade: run the add-on's pending upgrade steps on every site of the database
    that has it (or the --site ones), each site in its own transaction; a site that fails is
    rolled back and reported, the others go on (docs/deploy/topology.md, "Upgrades")."""
    from plone.base.interfaces import IPloneSiteRoot
    from plone.base.utils import get_installer
    from zope.component.hooks import setSite

    import transaction

    options = parser(upgrade_main.__doc__.split(";")[0], many_sites=True)
    options.add_argument("--dry-run", action="store_true", help="say what would run, change nothing")
    args = options.parse_args(argv)
    app = open_app(args.zope_conf)
    profile = "imio.strategicplan:default"
    sites = args.site or [oid for oid, obj in app.objectItems() if IPloneSiteRoot.providedBy(obj)]
    failed = 0
    for site_id in sites:
        site = open_site(app, site_id, args.user)
        if not get_installer(site).is_product_installed("imio.strategicplan"):
            print(f"{site_id}: imio.strategicplan not installed, skipped")
            continue
        setup = site.portal_setup
        before = ".".join(setup.getLastVersionForProfile(profile))
        steps = setup.listUpgrades(profile)
        if not steps:
            print(f"{site_id}: up to date ({before})")
            continue
        target = setup.getVersionForProfile(profile)
        if args.dry_run:
            print(
                f"{site_id}: {before} -> {target}, {len(steps)} step(s): " + "; ".join(step["title"] for step in steps)
            )
            continue
        try:
            setup.upgradeProfile(profile)
            transaction.get().note(f"strategicplan-upgrade {site_id}")
            transaction.commit()
        except Exception as exc:  # one site's failure must not stop the others
            transaction.abort()
            failed += 1
            print(f"{site_id}: FAILED at {before}, rolled back: {exc.__class__.__name__}: {exc}")
            continue
        finally:
            setSite(None)
        print(f"{site_id}: {before} -> {'.'.join(setup.getLastVersionForProfile(profile))}")
    if failed:
        print(f"{failed} site(s) failed", file=sys.stderr)
    return 1 if failed else 0
