"""`strategicplan-solr`: switch Solr search on or off for a site, and bring Solr back in line with
the site after it was down (docs/solr.md). Runs through the instance's zope.conf, server stopped
or running (RelStorage/ZEO) — with FileStorage, stop the server first."""

from imio.strategicplan.commands.app import open_app
from imio.strategicplan.commands.app import open_site
from imio.strategicplan.commands.app import parser

import sys


def main(argv=None):
    options = parser("Solr search for a plan site: enable, disable, sync, status.")
    commands = options.add_subparsers(dest="command", required=True)
    enable = commands.add_parser("enable", help="install the solr profile (collective.solr), switch it on, then sync")
    enable.add_argument("--host", help="Solr's host (default: the registry's, 127.0.0.1)")
    enable.add_argument("--port", type=int, help="Solr's port (default: the registry's, 8983)")
    enable.add_argument("--base", help="the core's path (default: the registry's, /solr/plone)")
    commands.add_parser("disable", help="switch Solr off: searches use the catalog")
    commands.add_parser("sync", help="send Solr what it missed (edits, moves, deletions, workflow changes)")
    commands.add_parser("status", help="say whether Solr is on, where, and whether it answers")
    args = options.parse_args(argv)

    from imio.strategicplan.search import solr

    import transaction

    app = open_app(args.zope_conf)
    site = open_site(app, args.site, args.user)
    log = lambda message: print(message, file=sys.stderr)  # noqa: E731
    try:
        if args.command == "enable":
            solr.enable(site, host=args.host, port=args.port, base=args.base)
            try:
                solr.connect()
            except solr.SolrUnavailable:
                transaction.abort()  # Solr does not answer: the site is left as it was
                raise
            transaction.commit()
            report = solr.sync(site, log=log)
            transaction.commit()
            print(f"Solr search is on for {args.site} ({_where()}); sync: {report}")
        elif args.command == "disable":
            solr.disable(site)
            transaction.commit()
            print(
                f"Solr search is off for {args.site}: searches use the catalog. "
                "Run `strategicplan-solr enable` to switch it on again (it syncs)."
            )
        elif args.command == "sync":
            report = solr.sync(site, log=log)
            transaction.commit()
            print(f"Solr is in line with {args.site}: {report}")
        else:
            from collective.solr.utils import isActive

            if not isActive():
                print(f"Solr search is off for {args.site}")
                return 0
            solr.connect()
            print(f"Solr search is on for {args.site} ({_where()}) and Solr answers")
    except solr.SolrUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _where():
    from imio.strategicplan.search.solr import connection_settings

    host, port, base = connection_settings()
    return f"http://{host}:{port}{base}"
