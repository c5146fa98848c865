"""`strategicplan-import` and `strategicplan-export`: a plan file into a site, all or nothing, and
a plan out to a file (docs/import-format.md)."""

from imio.strategicplan.commands.app import open_app
from imio.strategicplan.commands.app import open_site
from imio.strategicplan.commands.app import parser
from imio.strategicplan.transfer.errors import PlanFileError

import os
import sys
import time


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

    options = parser("Import a strategic plan (JSON) into a Plone site, all or nothing.")
    options.add_argument("file", help="the plan file (see docs/import-format.md)")
    options.add_argument("--container", default="", help="path of the folder inside the site (default: the site root)")
    options.add_argument(
        "--skip-existing",
        action="store_true",
        help="do nothing (exit 0) when the plan's id already exists in the container",
    )
    args = options.parse_args(argv)
    try:
        source = read_source(args.file)
    except PlanFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    app = open_app(args.zope_conf)
    site = open_site(app, args.site, args.user)
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
    print(
        f"the published figures contradict their lines: {len(found)} figures, "
        f"{len(roots)} at the root (docs/finance.md):"
    )
    for contradiction in found:
        marker = "!" if contradiction.kind == "root" else " "
        print(f"  {marker} {describe(contradiction)}")


def export_main(argv=None):
    """strategicplan-export: write a plan to a JSON file (or stdout)."""
    from imio.strategicplan.transfer.exporter import dumps
    from imio.strategicplan.transfer.exporter import export_plan

    options = parser("Export a strategic plan to the JSON format the import reads.")
    options.add_argument("plan", help="path of the plan inside the site, e.g. plan-strategique-2020-2022")
    options.add_argument("-o", "--output", help="file to write (default: standard output)")
    args = options.parse_args(argv)
    app = open_app(args.zope_conf)
    site = open_site(app, args.site, args.user)
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
