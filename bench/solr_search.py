"""Benchmark of issue 5: plan search through Solr and through the catalog, on a 10,000-node plan.

    .venv/bin/python bench/solr_search.py                          # the full run (`make bench-solr`)
    .venv/bin/python bench/solr_search.py --nodes 300 --repeats 3  # a quick try

Creates a Zope instance in a temporary directory (bench/run.py's `Instance`), creates the site,
imports a generated plan of about --nodes nodes (adopted, so anonymous users see it), starts a
Solr 9 node (solr/node.py, as `make solr`) on a free 127.0.0.1 port with a temporary home, then runs a Zope
script (this file again, `--in-zope`, through the instance's zope.conf) that switches Solr on
(`imio.strategicplan.search.solr.enable`), sends the catalog to Solr (`solr.sync`, timed) and times
`search_plan(plan, ..., backend="solr")` against `backend="catalog"` on the same queries, as the
Anonymous user.

Timing is in process: each `search_plan` call is timed inside the Zope process, no HTTP request
goes to Zope (the Solr backend's time includes its own HTTP round trip to the Solr node). Queries:
full-text (words of the generated plan), facets only, and both; each round runs every query
through Solr then through the catalog, after 3 warm-up rounds, --repeats rounds. Both backends
compute the facet counts. Prints p50 and p95 per kind of query and the ratio of the medians
(goal: Solr's p50 <= the catalog's); nothing asserts a time. A difference between the totals of
the two backends is reported, not a failure (Solr stems French words, the catalog matches word
beginnings). The Solr node is stopped and the temporary directory removed at the end, also on
error or Ctrl-C.
"""

from pathlib import Path

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import ADMIN  # noqa: E402
from run import BIN  # noqa: E402
from run import count  # noqa: E402
from run import free_port  # noqa: E402
from run import generate  # noqa: E402
from run import Instance  # noqa: E402
from run import load  # noqa: E402
from run import log  # noqa: E402
from run import ROOT  # noqa: E402
from run import SITE  # noqa: E402


sys.path.insert(0, str(ROOT / "solr"))
from node import Node  # noqa: E402
from node import NodeError  # noqa: E402


SOLR_BASE = "/solr/plone"
SOLR_START_TIMEOUT = float(os.environ.get("SOLR_START_TIMEOUT", "600"))  # a first start builds the node
WARMUP = 3
GOAL = 1.0  # Solr's p50 / the catalog's p50
KINDS = ("full-text", "facets", "both")

# (kind, label, text, filters); filter values "@pillar:<id>" and "@value:<id>" are replaced by the
# UID of that item of the plan. The words occur in the generated plan (bench/generate_plan.py):
# titles "Objectif stratégique v.s", "Indicateur v.s.o", the seed's values ("Innovation", mottos
# "... mission de service public ..."), pillars ("... cadre d'interopérabilité ...") and projects
# ("Gestion électronique de documents", "Interopérabilité, Wallonie-connect"), "Service N" as
# objectives' responsible.
QUERIES = [
    ("full-text", "innovation", "innovation", {}),
    ("full-text", "interopérabilité", "interopérabilité", {}),
    ("full-text", "indicateur", "indicateur", {}),
    ("full-text", "objectif stratégique", "objectif stratégique", {}),
    ("full-text", "service public", "service public", {}),
    ("full-text", "gestion documents", "gestion documents", {}),
    ("full-text", "xylophone (no match)", "xylophone", {}),
    ("facets", "type=Indicator", "", {"type": ["Indicator"]}),
    ("facets", "pillar=pilier-1", "", {"pillar": ["@pillar:pilier-1"]}),
    ("facets", "value=valeur-0 + type=Objective", "", {"value": ["@value:valeur-0"], "type": ["Objective"]}),
    ("facets", "year=2020", "", {"year": [2020]}),
    ("both", "objectif + pillar=pilier-2", "objectif", {"pillar": ["@pillar:pilier-2"]}),
    ("both", "indicateur + type=Indicator", "indicateur", {"type": ["Indicator"]}),
    ("both", "innovation + type=PriorityProject", "innovation", {"type": ["PriorityProject"]}),
]


# --- inside Zope (`--in-zope CONFIG`) -------------------------------------------------------------


def in_zope(config_path):
    """Switch Solr on, sync, time the queries; write the results next to the config."""
    from AccessControl.SecurityManagement import noSecurityManager
    from imio.strategicplan.commands.app import open_app
    from imio.strategicplan.commands.app import open_site
    from imio.strategicplan.search import solr
    from imio.strategicplan.search.query import item_summaries
    from imio.strategicplan.search.query import search_plan

    import transaction

    config = json.loads(Path(config_path).read_text())
    app = open_app(config["zope_conf"])
    site = open_site(app, SITE, ADMIN[0])  # enable and sync as the admin
    solr.enable(site, host="127.0.0.1", port=config["solr_port"], base=SOLR_BASE)
    transaction.commit()
    log(f"Solr switched on for the site: http://127.0.0.1:{config['solr_port']}{SOLR_BASE}")
    start = time.perf_counter()
    report = solr.sync(site, log=lambda message: log(f"  sync: {message}"))
    transaction.commit()
    sync_seconds = time.perf_counter() - start
    log(f"sync: {report} in {sync_seconds:.1f} s")

    plan = site[config["plan_id"]]

    def resolve(filters):  # "@pillar:pilier-1" -> the UID of the plan's item pilier-1
        return {
            name: [plan[v.split(":", 1)[1]].UID() if str(v).startswith("@") else v for v in values]
            for name, values in filters.items()
        }

    queries = [
        {"kind": kind, "label": label, "text": text, "filters": resolve(filters)}
        for kind, label, text, filters in QUERIES
    ]
    noSecurityManager()  # from here on, the Anonymous user
    transaction.abort()

    def run(query, backend):
        start = time.perf_counter()
        result = search_plan(plan, query["text"], query["filters"], backend=backend)
        elapsed = time.perf_counter() - start
        transaction.abort()  # a request's end: the ZODB cache is trimmed between searches, untimed
        return elapsed, result

    checks = {}
    for backend in ("solr", "catalog"):
        result = run({"text": "", "filters": {}}, backend)[1]
        checks[backend] = result.total
    log(f"the whole plan as anonymous: Solr {checks['solr']} items, catalog {checks['catalog']} items")
    for query in queries:
        results = {backend: run(query, backend)[1] for backend in ("solr", "catalog")}
        query["totals"] = {backend: r.total for backend, r in results.items()}
        query["backends"] = {backend: r.backend for backend, r in results.items()}
        facets = {
            backend: {name: sorted((str(v), c) for v, c in pairs) for name, pairs in r.facets.items()}
            for backend, r in results.items()
        }
        query["facets_differ"] = sorted(
            name for name in facets["solr"] if facets["solr"][name] != facets["catalog"].get(name)
        )
        if query["totals"]["solr"] != query["totals"]["catalog"]:
            # which items: every item of both, compared by UID (titles kept to show them)
            size = max(query["totals"].values())
            found = {}
            for backend in ("solr", "catalog"):
                items = search_plan(plan, query["text"], query["filters"], b_size=size, backend=backend).items
                found[backend] = {s["UID"]: (s["@type"], s["title"]) for s in item_summaries(items)}
            transaction.abort()
            query["only"] = {
                backend: sorted(item for uid, item in found[backend].items() if uid not in found[other])
                for backend, other in (("solr", "catalog"), ("catalog", "solr"))
            }
        assert query["backends"] == {"solr": "solr", "catalog": "catalog"}, query["backends"]
    for _ in range(WARMUP):
        for query in queries:
            run(query, "solr")
            run(query, "catalog")
    log(f"{config['repeats']} rounds of {len(queries)} queries, Solr then catalog each (load {load()})")
    for query in queries:
        query["times"] = {"solr": [], "catalog": []}
        query["qtimes"] = []
    for r in range(config["repeats"]):
        for query in queries:
            for backend in ("solr", "catalog"):
                elapsed, result = run(query, backend)
                query["times"][backend].append(elapsed)
                if backend == "solr":
                    query["qtimes"].append(result.solr_qtime / 1000 if result.solr_qtime is not None else None)
        if (r + 1) % 10 == 0 or r + 1 == config["repeats"]:
            log(f"  round {r + 1}/{config['repeats']} (load {load()})")
    results = {
        "sync_seconds": sync_seconds,
        "sync_report": str(report),
        "whole_plan": checks,
        "queries": queries,
        "solr_documents": report.indexed + report.reindexed + report.unchanged,
    }
    Path(config["results"]).write_text(json.dumps(results, default=str))
    return 0


# --- outside Zope: instance, Solr node, report -----------------------------------------------------


def run_zope_script(config_path, processes):
    """This file with --in-zope, in the venv's Python; its output is shown as it comes."""
    cmd = [str(BIN / "python"), str(Path(__file__).resolve()), "--in-zope", str(config_path)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    processes.append(proc)
    for line in proc.stdout:
        print(f"    {line.rstrip()}", flush=True)
    if proc.wait():
        sys.exit(f"the Zope script failed ({proc.returncode})")


def percentile(values, q):
    """The q-th percentile (0-100), linear between the closest ranks."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def stats(samples):
    return {backend: (statistics.median(samples[backend]), percentile(samples[backend], 95)) for backend in samples}


def ms(seconds):
    return f"{seconds * 1000:,.1f}"


def report(args, nodes, results):
    queries = results["queries"]
    print()
    print(
        f"Plan of {nodes} nodes, {results['solr_documents']} documents in Solr; sync {results['sync_seconds']:.1f} s "
        f"({results['sync_report']}). Timed in process (no HTTP to Zope), as Anonymous, "
        f"{args.repeats} rounds after {WARMUP} warm-up rounds."
    )
    print()
    print("| kind | query | total Solr / catalog | Solr p50 ms (Solr's QTime p50) | catalog p50 ms | ratio |")
    print("|---|---|---|---|---|---|")
    for q in queries:
        s = stats(q["times"])
        totals = f"{q['totals']['solr']} / {q['totals']['catalog']}"
        if q["totals"]["solr"] != q["totals"]["catalog"]:
            totals += " (differ)"
        qtimes = [t for t in q["qtimes"] if t is not None]
        qtime = f" ({ms(statistics.median(qtimes))})" if qtimes else ""
        print(
            f"| {q['kind']} | {q['label']} | {totals} | {ms(s['solr'][0])}{qtime} | {ms(s['catalog'][0])} | "
            f"{s['solr'][0] / s['catalog'][0]:.2f} |"
        )
    print()
    print(
        "| kind | samples per backend | Solr p50 / p95 ms | catalog p50 / p95 ms | Solr p50 / catalog p50 "
        "| goal <= 1.0 |"
    )
    print("|---|---|---|---|---|---|")
    for kind in KINDS + ("overall",):
        chosen = [q for q in queries if kind in (q["kind"], "overall")]
        samples = {backend: [t for q in chosen for t in q["times"][backend]] for backend in ("solr", "catalog")}
        s = stats(samples)
        ratio = s["solr"][0] / s["catalog"][0]
        print(
            f"| {kind} ({len(chosen)} queries) | {len(samples['solr'])} | {ms(s['solr'][0])} / {ms(s['solr'][1])} | "
            f"{ms(s['catalog'][0])} / {ms(s['catalog'][1])} | {ratio:.2f} | {'met' if ratio <= GOAL else 'MISSED'} |"
        )
    print()
    whole = results["whole_plan"]
    if whole["solr"] != whole["catalog"]:
        print(f"WARNING: the whole plan: Solr finds {whole['solr']} items, the catalog {whole['catalog']}")
    differ = [q for q in queries if q["totals"]["solr"] != q["totals"]["catalog"]]
    if differ:
        print(
            "WARNING: totals differ between the backends (expected for full-text only: Solr stems French "
            "words, the catalog matches word beginnings): "
            + "; ".join(f"{q['label']!r} Solr {q['totals']['solr']}, catalog {q['totals']['catalog']}" for q in differ)
        )
        for q in differ:
            for backend in ("solr", "catalog"):
                only = q["only"][backend]
                if only:
                    by_type = ", ".join(
                        f"{sum(1 for t, _ in only if t == name)} {name}" for name in sorted({t for t, _ in only})
                    )
                    more = f"; and {len(only) - 5} more" if len(only) > 5 else ""
                    print(
                        f"  {q['label']!r}, found by {backend} only: {len(only)} ({by_type}), e.g. "
                        + "; ".join(title for _, title in only[:5])
                        + more
                    )
    else:
        print("Both backends found the same totals for every query.")
    facets = [q for q in queries if q["facets_differ"] and q["totals"]["solr"] == q["totals"]["catalog"]]
    if facets:
        print(
            "WARNING: same totals but different facet counts: "
            + "; ".join(f"{q['label']!r} ({', '.join(q['facets_differ'])})" for q in facets)
        )
    print()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Plan search: Solr vs catalog (issue 5), on a throw-away instance.")
    parser.add_argument("--nodes", type=int, default=10000, help="about how many nodes the plan has")
    parser.add_argument("--repeats", type=int, default=30, help="timed rounds of every query on both backends")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (instance, Solr home)")
    parser.add_argument("--in-zope", metavar="CONFIG", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.in_zope:
        return in_zope(args.in_zope)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    base = tempfile.mkdtemp(prefix="strategicplan-bench-solr-")
    started = time.monotonic()
    log(f"machine: {os.cpu_count()} CPUs (nproc), load average {load()}; instance in {base}")
    node, processes = None, []
    try:
        instance = Instance(base)
        instance.run("strategicplan-create-site", "--site", SITE, "--language", "fr", "--password", ADMIN[1])
        data = generate(args.nodes)
        nodes = count(data["plan"])
        path = instance.base / "plan.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        log(f"importing the plan ({nodes} nodes, adopted)")
        elapsed, _ = instance.run("strategicplan-import", "--site", SITE, str(path), stream=True)
        log(f"imported in {elapsed:.1f} s")
        node = Node(Path(base) / "solr-home", free_port(), log=Path(base) / "solr.log", bin_dir=BIN)
        log(f"starting a Solr node on 127.0.0.1:{node.port} (home {node.home}, log {node.log})")
        try:
            log(f"Solr answers after {node.start(SOLR_START_TIMEOUT):.1f} s")
        except NodeError as error:
            sys.exit(str(error))
        config = instance.base / "zope-script.json"
        results_path = instance.base / "results.json"
        config.write_text(
            json.dumps(
                {
                    "zope_conf": str(instance.conf),
                    "solr_port": node.port,
                    "plan_id": data["plan"]["id"],
                    "repeats": args.repeats,
                    "results": str(results_path),
                }
            )
        )
        log("Zope script: enable Solr, sync, then the queries (output below)")
        run_zope_script(config, processes)
        results = json.loads(results_path.read_text())
    finally:
        for proc in processes:
            if proc.poll() is None:
                proc.terminate()
                proc.wait()
        if node is not None and node.shutdown():
            log("Solr node stopped")
        if args.keep:
            log(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    log(f"done in {time.monotonic() - started:.0f} s; load average {load()}")
    report(args, nodes, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
