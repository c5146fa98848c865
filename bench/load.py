"""Benchmark of issue 7: one Zope instance against the two-instance cluster, under load.

    .venv/bin/python bench/load.py                      # the full run (`make bench-load`), about 5 minutes
    .venv/bin/python bench/load.py --duration 10        # a quick try

Sets up, in a temporary directory: a PostgreSQL of its own (postgres/pg, free port), the site
with the seed plan on RelStorage (strategicplan-create-site, strategicplan-import), a Solr 9 node
(bench/solr_search.py's SolrNode: solr/run-node, free port) switched on with `strategicplan-solr
enable` (which also fills it). Then, twice, with the same database:

1. `cluster/run start --instances 1`: one instance behind HAProxy;
2. `cluster/run start --instances 2`: two instances behind the same kind of HAProxy,

and each time --clients concurrent anonymous clients (16) for --duration seconds (60) send, in
turn, GET <plan> (the plan overview page), GET <plan>/@plan-tree, GET <plan>/@indicators and GET
<plan>/@plan-search?q=<word> (through Solr), keep-alive, after a warm-up of 5 s. Prints, per
setup and request kind, the count, throughput, p50 and p99, the errors (anything but 200), the
CPU each part used (Zope instances, PostgreSQL, Solr, HAProxy, this client: CPU seconds / wall
seconds = cores busy) and the ratio of the cluster's throughput to the single instance's.

The clients are Python threads in this process, on the same 2 cores as the servers: they take
CPU from both setups alike (reported). Nothing asserts a time; --json writes the results.
Everything started is stopped and the directory removed at the end, also on error or Ctrl-C.
"""

from pathlib import Path

import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from solr_search import free_port  # noqa: E402
from solr_search import log  # noqa: E402
from solr_search import SolrNode  # noqa: E402


PLAN = "plan-strategique-2020-2022"
SEED = ROOT / "src" / "imio" / "strategicplan" / "data" / "plan-imio-2020-2022.json"
WORDS = [
    "cooperation",
    "logiciel",
    "membres",
    "communes",
    "projet",
    "interoperabilite",
    "donnees",
    "transparence",
    "formation",
    "services",
]
KINDS = {
    "overview page": lambda r: f"/Plone/{PLAN}",
    "@plan-tree": lambda r: f"/Plone/{PLAN}/@plan-tree",
    "@indicators": lambda r: f"/Plone/{PLAN}/@indicators",
    "@plan-search (Solr)": lambda r: f"/Plone/{PLAN}/@plan-search?q={r.choice(WORDS)}",
}


def run(*args, cwd, timeout=600):
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ, zope_i18n_compile_mo_files="true"),
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def relstorage_instance(home, dsn, name):
    """An instance's zope.conf on RelStorage from etc/zope-postgres.conf.in (as `make instance
    STORAGE=postgres` writes it), in ``home``."""
    for sub in ("log", "cache", name):
        (home / "var" / sub).mkdir(parents=True, exist_ok=True)
    (home / "etc").mkdir(exist_ok=True)
    conf = home / "etc" / f"zope-postgres-{name}.conf"
    text = (ROOT / "etc" / "zope-postgres.conf.in").read_text()
    conf.write_text(text.replace("@ROOT@", str(home)).replace("@NAME@", name).replace("@DSN@", dsn))
    return conf


def cpu_seconds(pids):
    """utime + stime of these processes (and their threads), in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def pids_of(user=None, marker=None):
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if user is not None and entry.stat().st_uid != user:
                continue
            if marker is not None and marker not in (entry / "cmdline").read_bytes().decode(errors="replace"):
                continue
        except OSError:
            continue
        found.append(int(entry.name))
    return found


def load(port, clients, duration, warmup):
    """``clients`` threads for warmup + duration seconds; the results of the last ``duration``."""
    results = []  # (kind, seconds, status)
    lock = threading.Lock()
    start = time.monotonic()
    measure_from, stop_at = start + warmup, start + warmup + duration

    def client(number):
        rng = random.Random(number)
        connection = http.client.HTTPConnection("localhost", port, timeout=60)
        kinds = list(KINDS)
        k = number % len(kinds)
        mine = []
        while True:
            now = time.monotonic()
            if now >= stop_at:
                break
            kind = kinds[k % len(kinds)]
            k += 1
            began = time.monotonic()
            try:
                headers = {"Accept": "text/html"} if kind == "overview page" else {"Accept": "application/json"}
                connection.request("GET", KINDS[kind](rng), headers=headers)
                reply = connection.getresponse()
                reply.read()
                status = reply.status
            except (OSError, http.client.HTTPException) as error:
                status = f"{error.__class__.__name__}"
                connection.close()
                connection = http.client.HTTPConnection("localhost", port, timeout=60)
            ended = time.monotonic()
            if began >= measure_from and ended <= stop_at:
                mine.append((kind, ended - began, status))
        connection.close()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(warmup + duration + 120)
    return results


def summarise(results, duration):
    rows = {}
    for kind in [*KINDS, "all"]:
        mine = [r for r in results if kind == "all" or r[0] == kind]
        times = sorted(r[1] for r in mine if r[2] == 200)
        errors = [r[2] for r in mine if r[2] != 200]
        rows[kind] = {
            "requests": len(mine),
            "per_s": len(mine) / duration,
            "errors": len(errors),
            "error_kinds": sorted({str(e) for e in errors}),
            "p50_ms": 1000 * statistics.median(times) if times else None,
            "p99_ms": 1000 * times[min(len(times) - 1, int(0.99 * len(times)))] if times else None,
        }
    return rows


def measure(name, base, dsn, instances, args, solr):
    directory = base / name
    port = free_port()
    ports = ",".join(str(free_port()) for _ in range(instances))
    log(f"{name}: starting {instances} instance(s) behind HAProxy on :{port}")
    run(
        ROOT / "cluster" / "run",
        "start",
        "--dir",
        directory,
        "--dsn",
        dsn,
        "--instances",
        instances,
        "--port",
        port,
        "--instance-ports",
        ports,
        "--bin",
        BIN,
        cwd=ROOT,
    )
    try:
        status = json.loads(run(ROOT / "cluster" / "run", "--dir", directory, "status", "--json", cwd=ROOT))
        groups = {
            "Zope instances": [i["pid"] for i in status["instances"]],
            "PostgreSQL": pids_of(user=_uid("postgres")),
            "Solr": pids_of(marker="be.imio.strategicplan.solr"),
            "HAProxy": [status["balancer"]["pid"]],
            "clients (this process)": [os.getpid()],
        }
        before = {group: cpu_seconds(pids) for group, pids in groups.items()}
        wall = time.monotonic()
        results = load(port, args.clients, args.duration, args.warmup)
        wall = time.monotonic() - wall
        cores = {group: (cpu_seconds(pids) - before[group]) / wall for group, pids in groups.items()}
    finally:
        run(ROOT / "cluster" / "run", "--dir", directory, "stop", cwd=ROOT)
    rows = summarise(results, args.duration)
    log(
        f"{name}: {rows['all']['requests']} requests, {rows['all']['per_s']:.1f}/s, "
        f"{rows['all']['errors']} errors; cores busy: " + ", ".join(f"{g} {c:.2f}" for g, c in cores.items())
    )
    return {"rows": rows, "cores": cores}


def _uid(user):
    import pwd

    try:
        return pwd.getpwnam(user).pw_uid
    except KeyError:
        return os.getuid()


def report(results, args):
    print()
    print(
        f"## {args.clients} clients, {args.duration} s each (after {args.warmup} s of warm-up), "
        f"nproc {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}"
    )
    print()
    print("| setup | request | requests | per s | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|---|")
    for name, result in results.items():
        for kind, row in result["rows"].items():
            p50 = f"{row['p50_ms']:.0f}" if row["p50_ms"] is not None else "—"
            p99 = f"{row['p99_ms']:.0f}" if row["p99_ms"] is not None else "—"
            errors = f"{row['errors']} {' '.join(row['error_kinds'])}".strip()
            print(f"| {name} | {kind} | {row['requests']} | {row['per_s']:.1f} | {p50} | {p99} | {errors} |")
    print()
    print("| setup | " + " | ".join(next(iter(results.values()))["cores"]) + " |")
    print("|---|" + "---|" * len(next(iter(results.values()))["cores"]))
    for name, result in results.items():
        print(f"| {name} | " + " | ".join(f"{c:.2f}" for c in result["cores"].values()) + " |")
    single, cluster = results["single"]["rows"]["all"]["per_s"], results["cluster"]["rows"]["all"]["per_s"]
    print()
    print(f"cluster / single throughput: {cluster / single:.2f} (cores busy = CPU seconds / wall seconds)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="strategicplan-load-"))
    os.chmod(base, 0o755)  # PostgreSQL runs as the postgres user when this runs as root
    pg_port = free_port()
    pg = [str(ROOT / "postgres" / "pg"), "--dir", str(base / "postgres"), "--port", str(pg_port)]
    solr = None
    try:
        log(f"PostgreSQL on :{pg_port}")
        subprocess.run([pg[0], "start", *pg[1:]], check=True, capture_output=True)
        dsn = subprocess.run(
            [pg[0], "dsn", "--port", str(pg_port)], check=True, capture_output=True, text=True
        ).stdout.strip()
        home = base / "site"
        conf = relstorage_instance(home, dsn, "setup")
        log("site with the seed plan on RelStorage")
        run(BIN / "strategicplan-create-site", "--zope-conf", conf, "--password", "admin", cwd=home)
        run(BIN / "strategicplan-import", "--zope-conf", conf, SEED, cwd=home)
        solr = SolrNode(base)
        log(f"Solr node up in {solr.start():.0f} s on :{solr.port}")
        run(
            BIN / "strategicplan-solr",
            "--zope-conf",
            conf,
            "enable",
            "--host",
            "127.0.0.1",
            "--port",
            solr.port,
            "--base",
            "/solr/plone",
            cwd=home,
        )
        results = {
            "single": measure("single", base, dsn, 1, args, solr),
            "cluster": measure("cluster", base, dsn, 2, args, solr),
        }
        report(results, args)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1))
        return 0
    finally:
        if solr is not None:
            solr.stop()
        subprocess.run([pg[0], "stop", *pg[1:]], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
