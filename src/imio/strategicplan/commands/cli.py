"""Console scripts: create the site, import and export plans, run through a Zope instance."""

from imio.strategicplan.transfer.errors import PlanFileError

import argparse
import atexit
import os
import sys
import time

DEFAULT_ZOPE_CONF = os.environ.get("ZOPE_CONF", "etc/zope.conf")


def _parser(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--zope-conf",
        default=DEFAULT_ZOPE_CONF,
        help="the instance's zope.conf (default: $ZOPE_CONF or etc/zope.conf)",
    )
    parser.add_argument("--site", default="Plone", help="the Plone site id (default: Plone)")
    parser.add_argument("--user", default="admin", help="the user the script acts as (default: admin)")
    return parser


def open_app(zope_conf):
    """Start Zope from ``zope_conf`` (no server) and return the root application."""
    from Testing.makerequest import makerequest
    from Zope2.Startup.run import configure_wsgi
    from zope.globalrequest import setRequest

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
    app._p_jar.db().close()


def _login(app, site, username):
    from AccessControl.SecurityManagement import newSecurityManager

    for acl_users in (site.acl_users, app.acl_users):
        user = acl_users.getUser(username)
        if user is not None:
            newSecurityManager(None, user.__of__(acl_users))
            return
    sys.exit(f"error: no user {username!r} in the site or the Zope root")


def _site(app, site_id, username):
    from zope.component.hooks import setSite

    site = app.get(site_id)
    if site is None:
        sys.exit(f"error: no Plone site {site_id!r} (run strategicplan-create-site first)")
    setSite(site)
    _login(app, site, username)
    return site


class Progress:
    """Reports import progress on stderr: a line each 10 % (or each second on a terminal)."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()
        self.last_step = -1
        self.last_time = 0.0

    def __call__(self, done, total):
        step = done * 10 // max(total, 1)
        now = time.monotonic()
        if self.tty:
            if done == total or now - self.last_time >= 0.2:
                self.stream.write(f"\rimporting: {done}/{total} items")
                if done == total:
                    self.stream.write("\n")
                self.stream.flush()
                self.last_time = now
        elif step != self.last_step or done == total:
            self.last_step = step
            self.stream.write(f"importing: {done}/{total} items ({done * 100 // max(total, 1)} %)\n")
            self.stream.flush()


def import_main(argv=None):
    """strategicplan-import: import a plan file into the site, all or nothing."""
    from imio.strategicplan.transfer.importer import import_plan
    from imio.strategicplan.transfer.reader import read_source

    import transaction

    parser = _parser("Import a strategic plan (JSON) into a Plone site, all or nothing.")
    parser.add_argument("file", help="the plan file (see docs/import-format.md)")
    parser.add_argument(
        "--container", default="", help="path of the folder inside the site (default: the site root)"
    )
    parser.add_argument(
        "--skip-existing", action="store_true",
        help="do nothing (exit 0) when the plan's id already exists in the container",
    )
    args = parser.parse_args(argv)
    try:
        source = read_source(args.file)
    except PlanFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    app = open_app(args.zope_conf)
    site = _site(app, args.site, args.user)
    container = site.unrestrictedTraverse(args.container) if args.container else site
    plan_id = source.data.get("plan", {}).get("id") if isinstance(source.data, dict) else None
    if args.skip_existing and plan_id and plan_id in container.objectIds():
        print(f"{plan_id} already exists in {'/'.join(container.getPhysicalPath())}: nothing imported")
        return 0
    try:
        plan = import_plan(source, container, progress=Progress())
    except PlanFileError as exc:
        transaction.abort()
        print(f"error: {exc}", file=sys.stderr)
        print("nothing was imported: the site is unchanged", file=sys.stderr)
        return 2
    transaction.get().note(f"strategicplan-import {os.path.basename(args.file)}")
    transaction.commit()
    print(f"imported {plan.absolute_url_path()} from {args.file}")
    _report_contradictions(plan)
    return 0


def _report_contradictions(plan):
    """The published figures of the plan's years that do not come out of their lines (stdout)."""
    from imio.strategicplan.plan.finance import check
    from imio.strategicplan.plan.finance import describe
    from imio.strategicplan.plan.finance import plan_years

    found = check(plan_years(plan))
    if not found:
        return
    roots = [c for c in found if c.kind == "root"]
    print(f"the published figures contradict their lines: {len(found)} figures, "
          f"{len(roots)} at the root (docs/finance.md):")
    for contradiction in found:
        marker = "!" if contradiction.kind == "root" else " "
        print(f"  {marker} {describe(contradiction)}")


def export_main(argv=None):
    """strategicplan-export: write a plan to a JSON file (or stdout)."""
    from imio.strategicplan.transfer.exporter import dumps
    from imio.strategicplan.transfer.exporter import export_plan

    parser = _parser("Export a strategic plan to the JSON format the import reads.")
    parser.add_argument("plan", help="path of the plan inside the site, e.g. plan-strategique-2020-2022")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    app = open_app(args.zope_conf)
    site = _site(app, args.site, args.user)
    plan = site.unrestrictedTraverse(args.plan, None)
    if plan is None or getattr(plan, "portal_type", None) != "StrategicPlan":
        print(f"error: no strategic plan at {args.plan!r}", file=sys.stderr)
        return 2
    text = dumps(export_plan(plan))
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"exported {plan.absolute_url_path()} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


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

    parser = _parser("Create a Plone Classic UI site with imio.strategicplan installed.")
    parser.add_argument("--language", default="fr", help="default language (default: fr)")
    parser.add_argument("--title", default="Plan stratégique")
    parser.add_argument("--password", default=os.environ.get("ADMIN_PASSWORD", "admin"))
    args = parser.parse_args(argv)
    app = open_app(args.zope_conf)
    if app.acl_users.getUser(args.user) is None:
        app.acl_users._doAddUser(args.user, args.password, ["Manager"], [])
        transaction.commit()
        print(f"created Zope user {args.user!r}")
    if args.site in app.objectIds():
        site = _site(app, args.site, args.user)
        upgrade_addon(site)
        transaction.commit()
        print(f"site {args.site!r} exists: left as it is")
        return 0
    _login(app, app, args.user)
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

    parser = argparse.ArgumentParser(description=upgrade_main.__doc__.split(";")[0])
    parser.add_argument("--zope-conf", default=DEFAULT_ZOPE_CONF,
                        help="the instance's zope.conf (default: $ZOPE_CONF or etc/zope.conf)")
    parser.add_argument("--site", action="append", default=[],
                        help="a Plone site id (repeat it; default: every site with the add-on)")
    parser.add_argument("--user", default="admin", help="the user the script acts as (default: admin)")
    parser.add_argument("--dry-run", action="store_true", help="say what would run, change nothing")
    args = parser.parse_args(argv)
    app = open_app(args.zope_conf)
    profile = "imio.strategicplan:default"
    sites = args.site or [oid for oid, obj in app.objectItems() if IPloneSiteRoot.providedBy(obj)]
    failed = 0
    for site_id in sites:
        site = _site(app, site_id, args.user)
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
            print(f"{site_id}: {before} -> {target}, {len(steps)} step(s): "
                  + "; ".join(step["title"] for step in steps))
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
