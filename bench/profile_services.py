"""Profile @plan-tree and @indicators in-process (no HTTP): where does a request's time go?

    .venv/bin/python bench/profile_services.py --zope-conf /tmp/<instance>/etc/zope.conf \
        --plan plan-banc-2000 [--repeat 20] [--cprofile]

Run it against an instance left by `bench/run.py --keep` (server stopped). Prints the median time
of each phase of the two services as an anonymous user: the catalog query, building the reply,
and plone.restapi's JSON rendering; with --cprofile, the top functions of 5 full renderings.
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zope-conf", required=True)
    parser.add_argument("--site", default="Plone")
    parser.add_argument("--plan", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args(argv)

    from AccessControl.SecurityManagement import noSecurityManager
    from imio.strategicplan.commands.app import open_app
    from imio.strategicplan.restapi.services.indicators.get import PlanIndicators
    from imio.strategicplan.restapi.services.tree.get import PlanTree
    from plone.restapi.services import Service
    from zope.component.hooks import setSite
    from zope.interface import alsoProvides

    import imio.strategicplan.interfaces as interfaces
    import json

    app = open_app(args.zope_conf)
    site = app[args.site]
    setSite(site)
    noSecurityManager()  # anonymous
    request = app.REQUEST
    request["SERVER_URL"] = "http://127.0.0.1:8080"
    for name in dir(interfaces):
        iface = getattr(interfaces, name)
        if name.endswith("Layer") and hasattr(iface, "providedBy"):
            alsoProvides(request, iface)
    plan = site[args.plan]

    def render(data):
        return json.dumps(data, indent=2, sort_keys=True, separators=(", ", ": "))

    for label, cls in (("@plan-tree", PlanTree), ("@indicators", PlanIndicators)):
        service = cls()  # plone.rest mixes the view in at registration
        service.context, service.request = plan, request
        service.check_permission = lambda: (
            None
        )  # not acquisition-wrapped here; the view permission is checked by the catalog
        replies, renders, fulls = [], [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            data = service.reply()
            mid = time.perf_counter()
            body = render(data)
            end = time.perf_counter()
            replies.append(mid - start)
            renders.append(end - mid)
            start = time.perf_counter()
            Service.render(service)
            fulls.append(time.perf_counter() - start)
        print(
            f"{label}: reply {statistics.median(replies) * 1000:.1f} ms, json.dumps(indent=2) "
            f"{statistics.median(renders) * 1000:.1f} ms, render() {statistics.median(fulls) * 1000:.1f} ms, "
            f"{len(body) / 1024:.0f} KiB, compact dumps "
            f"{_time(lambda: json.dumps(data, sort_keys=True)) * 1000:.1f} ms"  # noqa: B023 (timed at once)
        )
        if args.cprofile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(5):
                Service.render(service)
            profile.disable()
            pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(25)
    return 0


def _time(func, n=5):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
