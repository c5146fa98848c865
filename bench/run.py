"""Benchmarks of issue 4: medians and ratios measured in one run, on a throw-away instance.

    .venv/bin/python bench/run.py            # the full run (`make bench`), about 15 minutes
    .venv/bin/python bench/run.py --nodes 200 --import-sizes 100,1000 --requests 10 --crawls 2 --duration 3

Creates a Zope instance in a temporary directory (its own zope.conf, zope.ini and var/), creates
the site, imports a generated plan of about --nodes nodes (adopted, so anonymous clients see it),
adds and publishes one Document (the baseline), serves the instance with `runwsgi` on a free
127.0.0.1 port and measures, as an anonymous client:

- sequential medians of GET <document>, GET <plan>/@plan-tree and the naive crawl
  (<plan>/@search?fullobjects=1, following `batching.next` through every batch);
- throughput of 8 concurrent clients (Debian's `wrk`, installed with apt-get when missing) on
  GET <document> and GET <plan>/@indicators, in alternating rounds of --duration seconds;
- on a second plan of --big-nodes nodes (10,000 by default), after an edit of the document each
  time: GET <plan>/@progress (the roll-up, computed at each request) against GET <document>, and
  GET <plan>/@@plan-at-risk (a Classic UI page) against GET <document> and its Classic UI page;
- then stops the server and times `strategicplan-import` of generated plans of each
  --import-sizes into a fresh copy of the new site, showing the CLI's progress lines.

Prints a table of medians and the ratios against the goals. Every goal is a ratio against a
baseline measured in this run; nothing here asserts a time. The server is stopped and the
temporary directory removed at the end, also on error or Ctrl-C.
"""

from pathlib import Path

import argparse
import base64
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(os.environ.get("BENCH_VENV_BIN", ROOT / ".venv" / "bin"))
SITE = "Plone"
ADMIN = ("admin", "admin")
CLIENTS = 8
GOALS = {
    "tree_vs_document": 5.0,
    "crawl_vs_tree": 10.0,
    "indicators_vs_document": 0.70,
    "import_ratio": 11.0,
    "big_vs_document": 10.0,
}

sys.path.insert(0, str(HERE))
from generate_plan import generate  # noqa: E402


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class Instance:
    """A throw-away Zope instance: <tmp>/etc/zope.conf, zope.ini (127.0.0.1, 4 threads), <tmp>/var."""

    def __init__(self, base):
        self.base = Path(base)
        self.var = self.base / "var"
        self.conf = self.base / "etc" / "zope.conf"
        self.ini = self.base / "etc" / "zope.ini"
        self.server = None
        for sub in ("filestorage", "blobstorage", "log", "cache"):
            (self.var / sub).mkdir(parents=True, exist_ok=True)
        self.conf.parent.mkdir(parents=True, exist_ok=True)
        self.conf.write_text((ROOT / "etc" / "zope.conf.in").read_text().replace("@ROOT@", str(self.base)))
        self.ini_text = (ROOT / "etc" / "zope.ini").read_text()
        assert "listen = localhost:%(http_port)s" in self.ini_text and "threads = 4" in self.ini_text, (
            "etc/zope.ini changed"
        )

    def run(self, *args, check=True, stream=False):
        """Run a console script of the venv against this instance; returns (seconds, output lines)."""
        cmd = [str(BIN / args[0]), "--zope-conf", str(self.conf), *args[1:]]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=self.base)
        lines = []
        for line in proc.stdout:
            lines.append((time.perf_counter() - start, line.rstrip("\n")))
            if stream:
                print(f"    {lines[-1][0]:7.1f} s  {lines[-1][1]}", flush=True)
        proc.wait()
        elapsed = time.perf_counter() - start
        if check and proc.returncode:
            sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n" + "\n".join(text for _, text in lines))
        return elapsed, lines

    def snapshot(self, name):
        shutil.copytree(self.var / "filestorage", self.base / name / "filestorage")
        shutil.copytree(self.var / "blobstorage", self.base / name / "blobstorage")

    def restore(self, name):
        for sub in ("filestorage", "blobstorage"):
            shutil.rmtree(self.var / sub)
            shutil.copytree(self.base / name / sub, self.var / sub)

    def start(self, port):
        # the port is written into the file: an `http_port=` argument of runwsgi does not override
        # the file's [DEFAULT] http_port (PasteDeploy keeps the file's defaults)
        self.ini.write_text(self.ini_text.replace("listen = localhost:%(http_port)s", f"listen = 127.0.0.1:{port}"))
        out = open(self.var / "log" / "runwsgi.log", "w")
        self.server = subprocess.Popen(
            [str(BIN / "runwsgi"), str(self.ini)],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=self.base,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                sys.exit(f"runwsgi exited ({self.server.returncode}); see {self.var / 'log' / 'runwsgi.log'}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.5)
        sys.exit("runwsgi did not listen within 180 s")

    def stop(self):
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()
        self.server = None


class Client:
    """One keep-alive HTTP/1.1 connection to 127.0.0.1; times a request until its body is read."""

    def __init__(self, port, auth=None):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        self.headers = {"Accept": "application/json"}
        if auth:
            self.headers["Authorization"] = "Basic " + base64.b64encode(":".join(auth).encode()).decode()

    def request(self, method, path, body=None, expect=200, accept=None):
        headers = dict(self.headers)
        if accept:
            headers["Accept"] = accept
        if body is not None:
            body = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - start
        if response.status != expect:
            sys.exit(f"{method} {path}: {response.status} (expected {expect}): {data[:500]!r}")
        return elapsed, data


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def crawl(client, plan_path, b_size):
    """The naive client: every item of the plan with full objects, batch after batch."""
    url = f"{plan_path}/@search?fullobjects=1&b_size={b_size}"
    total, items, requests = 0.0, 0, 0
    while url:
        elapsed, data = client.request("GET", url)
        start = time.perf_counter()
        page = json.loads(data)  # a client must parse each page to find the next one
        total += elapsed + time.perf_counter() - start
        items += len(page["items"])
        requests += 1
        url = path_of(page.get("batching", {}).get("next") or "")
    return total, items, requests


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    log("installing Debian's wrk (apt-get update, apt-get install wrk)")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env, stdout=subprocess.DEVNULL)
    return shutil.which("wrk")


def wrk(tool, url, seconds):
    """Requests per second of CLIENTS connections (one wrk thread) for ``seconds``."""
    out = subprocess.run(
        [tool, "-t1", f"-c{CLIENTS}", f"-d{seconds}s", "--timeout", "30s", "-H", "Accept: application/json", url],
        check=True,
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        sys.exit(f"wrk {url}: errors\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    count = int(re.search(r"(\d+) requests in", out).group(1))
    return rate, count


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ms(seconds):
    return f"{seconds * 1000:,.1f} ms"


def measure_big_plan(args, admin, anon, document, plan, results):
    """@progress and @@plan-at-risk of the big plan, each after an edit of the document (a new
    catalog state), alternating with the document as JSON and as a Classic UI page."""
    html = "text/html"
    _, data = anon.request("GET", f"{plan}/@progress")
    results["big_items"] = json.loads(data)["items_total"]
    for _ in range(args.warmup):
        anon.request("GET", f"{plan}/@@plan-at-risk", accept=html)
        anon.request("GET", document, accept=html)
    log(
        f"sequential: {args.requests} rounds of (edit the document, GET document, GET @progress, GET document "
        f"page, GET @@plan-at-risk) on the {results['big_nodes']}-node plan"
    )
    times = {"doc": [], "progress": [], "doc_page": [], "at_risk": []}
    for i in range(args.requests):
        admin.request("PATCH", document, {"description": f"Modifiée {i} ter."}, expect=204)
        times["doc"].append(anon.request("GET", document)[0])
        times["progress"].append(anon.request("GET", f"{plan}/@progress")[0])
        admin.request("PATCH", document, {"description": f"Modifiée {i} quater."}, expect=204)
        times["doc_page"].append(anon.request("GET", document, accept=html)[0])
        times["at_risk"].append(anon.request("GET", f"{plan}/@@plan-at-risk", accept=html)[0])
    results["big"] = {name: statistics.median(values) for name, values in times.items()}


def measure_server(args, instance, plan_id, nodes, results, big_id=None):
    port = free_port()
    log(f"starting runwsgi on 127.0.0.1:{port} (waitress, 4 threads)")
    instance.start(port)
    admin = Client(port, ADMIN)
    site = f"/{SITE}"
    admin.request(
        "POST",
        site,
        {
            "@type": "Document",
            "id": "bench-document",
            "title": "Document de référence",
            "description": "La page de base du banc d'essai.",
            "text": {
                "content-type": "text/html",
                "encoding": "utf-8",
                "data": "<p>" + "Texte de la page. " * 60 + "</p>",
            },
        },
        expect=201,
    )
    admin.request("POST", f"{site}/bench-document/@workflow/publish")
    anon = Client(port)
    document, plan = f"{site}/bench-document", f"{site}/{plan_id}"
    tree_url, indicators_url = f"{plan}/@plan-tree", f"{plan}/@indicators"
    # checks (and warm-up of the caches): anonymous sees everything
    _, data = anon.request("GET", tree_url)
    tree = json.loads(data)
    assert tree["review_state"] == "adopted" and tree["items_total"] == nodes - 1, (
        tree["review_state"],
        tree["items_total"],
    )
    _, items, pages = crawl(anon, plan, args.b_size)
    assert items == nodes, f"the crawl found {items} items, the plan has {nodes} nodes"
    _, data = anon.request("GET", indicators_url)
    results["indicators_items"] = json.loads(data)["items_total"]
    for _ in range(args.warmup):
        anon.request("GET", document)
        anon.request("GET", tree_url)
        anon.request("GET", indicators_url)
    log(f"sequential: {args.requests} rounds of GET document, GET @plan-tree (alternating)")
    doc_times, tree_times = [], []
    for _ in range(args.requests):
        doc_times.append(anon.request("GET", document)[0])
        tree_times.append(anon.request("GET", tree_url)[0])
    log(
        f"sequential: {args.crawls} naive crawls (@search?fullobjects=1&b_size={args.b_size}, {pages} pages), "
        "each followed by GET @plan-tree"
    )
    crawl_times = []
    for _ in range(args.crawls):
        crawl_times.append(crawl(anon, plan, args.b_size)[0])
        tree_times.append(anon.request("GET", tree_url)[0])
    log(
        f"sequential: {args.requests} rounds of (edit the document, GET @plan-tree, GET @indicators): "
        "the first answers of a new catalog state, computed, not kept ones"
    )
    cold_tree, cold_indicators = [], []
    for i in range(args.requests):
        admin.request("PATCH", document, {"description": f"Modifiée {i}."}, expect=204)
        cold_tree.append(anon.request("GET", tree_url)[0])
        admin.request("PATCH", document, {"description": f"Modifiée {i} bis."}, expect=204)
        cold_indicators.append(anon.request("GET", indicators_url)[0])
    results.update(cold_tree=statistics.median(cold_tree), cold_indicators=statistics.median(cold_indicators))
    if big_id:
        measure_big_plan(args, admin, anon, document, f"{site}/{big_id}", results)
    results.update(
        document=statistics.median(doc_times),
        tree=statistics.median(tree_times),
        crawl=statistics.median(crawl_times),
        crawl_pages=pages,
        n_doc=len(doc_times),
        n_tree=len(tree_times),
        n_crawl=len(crawl_times),
        tree_bytes=len(anon.request("GET", tree_url)[1]),
    )
    tool = ensure_wrk() if args.rounds else None
    base = f"http://127.0.0.1:{port}"
    doc_rates, ind_rates = [], []
    for r in range(args.rounds):
        log(f"throughput round {r + 1}/{args.rounds}: {CLIENTS} clients, {args.duration} s each (load {load()})")
        doc_rates.append(wrk(tool, base + document, args.duration))
        ind_rates.append(wrk(tool, base + indicators_url, args.duration))
        log(f"  document {doc_rates[-1][0]:.1f} req/s, @indicators {ind_rates[-1][0]:.1f} req/s")
    if args.rounds:
        results.update(
            doc_rate=statistics.median(r for r, _ in doc_rates),
            ind_rate=statistics.median(r for r, _ in ind_rates),
            doc_rates=doc_rates,
            ind_rates=ind_rates,
        )
    instance.stop()


def measure_imports(args, instance, results):
    log("Zope start-up alone (strategicplan-export of a missing plan: opens and closes the database), 3 times")
    startups = [instance.run("strategicplan-export", "--site", SITE, "no-such-plan", check=False)[0] for _ in range(3)]
    results["startup"] = statistics.median(startups)
    imports = {}
    for size in args.import_sizes:
        instance.restore("pristine")
        path = instance.base / f"plan-{size}.json"
        data = generate(size)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        nodes = count(data["plan"])
        # a short import is repeated (median of 3): a single run of a few seconds is at the
        # mercy of the machine's other work; the long one averages that out by itself
        repeats = 3 if size <= 2000 else 1
        walls = []
        for attempt in range(repeats):
            instance.restore("pristine")
            log(
                f"import of {nodes} nodes into a fresh copy of the site, run {attempt + 1}/{repeats} "
                "(strategicplan-import's output, timed):"
            )
            elapsed, lines = instance.run("strategicplan-import", "--site", SITE, str(path), stream=True)
            walls.append(elapsed)
        first = next(t for t, text in lines if text.startswith("importing:"))
        wall = statistics.median(walls)
        imports[size] = {
            "nodes": nodes,
            "wall": wall,
            "walls": walls,
            "first_progress": first,
            "net": wall - results["startup"],
        }
    results["imports"] = imports


def count(node):
    return 1 + sum(count(child) for child in node.get("items", []))


def report(args, results):
    rows = []
    tree_ratio = results["tree"] / results["document"]
    # against the computed (not kept) tree: the naive client's crawl is never kept either
    crawl_ratio = results["crawl"] / results["cold_tree"]

    def verdict(ok, text):
        return ("met" if ok else "MISSED") + (f" ({text})" if text else "")

    rows.append(("GET document (baseline)", f"median {ms(results['document'])} (n={results['n_doc']})", "", ""))
    rows.append(
        (
            "GET @plan-tree (kept answer)",
            f"median {ms(results['tree'])} (n={results['n_tree']}, {results['tree_bytes'] / 1024:,.0f} KiB)",
            f"{tree_ratio:.1f}x the document",
            verdict(
                tree_ratio <= GOALS["tree_vs_document"],
                "goal <= 5x" if tree_ratio <= 5 else f"goal <= 5x: {tree_ratio / 5:.2f}x over",
            ),
        )
    )
    cold_ratio = results["cold_tree"] / results["document"]
    rows.append(
        (
            "GET @plan-tree, first after an edit",
            f"median {ms(results['cold_tree'])} (n={args.requests})",
            f"{cold_ratio:.1f}x the document",
            verdict(
                cold_ratio <= GOALS["tree_vs_document"],
                "goal <= 5x" if cold_ratio <= 5 else f"goal <= 5x: {cold_ratio / 5:.2f}x over",
            ),
        )
    )
    rows.append(
        (
            "GET @indicators, first after an edit",
            f"median {ms(results['cold_indicators'])} (n={args.requests})",
            f"{results['cold_indicators'] / results['document']:.1f}x the document",
            "",
        )
    )
    rows.append(
        (
            "naive crawl @search?fullobjects=1",
            f"median {ms(results['crawl'])} (n={results['n_crawl']}, {results['crawl_pages']} pages of {args.b_size})",
            f"@plan-tree (first after an edit) {crawl_ratio:.1f}x faster",
            verdict(
                crawl_ratio >= GOALS["crawl_vs_tree"],
                "goal >= 10x" if crawl_ratio >= 10 else f"goal >= 10x: {crawl_ratio / 10:.0%} of it",
            ),
        )
    )
    if "big" in results:
        big, goal = results["big"], GOALS["big_vs_document"]
        nodes = results["big_nodes"]
        rows.append(
            (f"GET document ({nodes}-node plan's rounds)", f"median {ms(big['doc'])} (n={args.requests})", "", "")
        )
        # against the document GET of the sequential rounds above (the baseline of every ratio);
        # the GETs of the document between these rounds come after a walk of the big plan, which
        # may have pushed the document out of the ZODB cache
        bases = {"doc": results["document"], "doc_page": big["doc_page"]}
        for name, label, base, base_label in (
            ("progress", "GET @progress", "doc", "the document"),
            ("at_risk", "GET @@plan-at-risk (page)", "doc", "the document"),
            ("at_risk", "GET @@plan-at-risk (page)", "doc_page", "the document's page"),
        ):
            ratio = big[name] / bases[base]
            rows.append(
                (
                    f"{label}, {nodes} nodes, after an edit",
                    f"median {ms(big[name])} (n={args.requests})",
                    f"{ratio:.1f}x {base_label}",
                    verdict(
                        ratio <= goal, "goal <= 10x" if ratio <= goal else f"goal <= 10x: {ratio / goal:.2f}x over"
                    ),
                )
            )
        rows.append(
            (
                f"GET document page ({nodes}-node plan's rounds)",
                f"median {ms(big['doc_page'])} (n={args.requests})",
                "",
                "",
            )
        )
    if "doc_rate" in results:
        ind_ratio = results["ind_rate"] / results["doc_rate"]
        rows.append(
            (
                f"{CLIENTS} clients GET document",
                f"median {results['doc_rate']:,.1f} req/s ({args.rounds} x {args.duration} s)",
                "",
                "",
            )
        )
        rows.append(
            (
                f"{CLIENTS} clients GET @indicators ({results['indicators_items']} items)",
                f"median {results['ind_rate']:,.1f} req/s ({args.rounds} x {args.duration} s)",
                f"{ind_ratio:.0%} of the document's",
                verdict(
                    ind_ratio >= GOALS["indicators_vs_document"],
                    "goal >= 70 %" if ind_ratio >= 0.7 else f"goal >= 70 %: {(0.7 - ind_ratio) * 100:.0f} points short",
                ),
            )
        )
    imports = results.get("imports", {})
    sizes = sorted(imports)
    for size in sizes:
        i = imports[size]
        runs = (
            f" (median of {len(i['walls'])}: {', '.join(f'{w:.1f}' for w in i['walls'])})"
            if len(i["walls"]) > 1
            else ""
        )
        rows.append(
            (f"import {i['nodes']} nodes", f"{i['wall']:.1f} s wall{runs}, {i['net']:.1f} s without start-up", "", "")
        )
    if len(sizes) >= 2:
        small, big = imports[sizes[0]], imports[sizes[-1]]
        net_ratio, wall_ratio = big["net"] / small["net"], big["wall"] / small["wall"]
        node_ratio = big["nodes"] / small["nodes"]
        rows.append(
            (
                f"import {big['nodes']} vs {small['nodes']} nodes ({node_ratio:.1f}x the nodes)",
                f"start-up {results['startup']:.1f} s (median of 3)",
                f"{net_ratio:.1f}x without start-up ({wall_ratio:.1f}x wall)",
                verdict(
                    net_ratio <= GOALS["import_ratio"],
                    "goal <= 11" if net_ratio <= 11 else f"goal <= 11: {net_ratio / 11:.2f}x over",
                ),
            )
        )
    print()
    print("| measure | median | ratio | goal |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Benchmarks of issue 4 (ratios against baselines of the same run).")
    parser.add_argument("--nodes", type=int, default=2000, help="about how many nodes the served plan has")
    parser.add_argument(
        "--big-nodes",
        type=int,
        default=10000,
        help="about how many nodes the plan of @progress and @@plan-at-risk has (0: not measured)",
    )
    parser.add_argument("--import-sizes", default="1000,10000", help="plan sizes to import (comma-separated)")
    parser.add_argument("--requests", type=int, default=40, help="sequential rounds (document + @plan-tree)")
    parser.add_argument("--crawls", type=int, default=5, help="naive crawls")
    parser.add_argument("--b-size", type=int, default=100, help="the naive client's batch size")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up rounds")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each throughput round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating throughput rounds")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    args.import_sizes = [int(s) for s in args.import_sizes.split(",") if s]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    base = tempfile.mkdtemp(prefix="strategicplan-bench-")
    instance = Instance(base)
    results = {}
    started = time.monotonic()
    log(f"machine: {os.cpu_count()} CPUs (nproc), load average {load()}; instance in {base}")
    try:
        instance.run("strategicplan-create-site", "--site", SITE, "--language", "fr", "--password", ADMIN[1])
        instance.snapshot("pristine")
        data = generate(args.nodes)
        nodes = count(data["plan"])
        path = instance.base / "plan-served.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        log(f"importing the served plan ({nodes} nodes, adopted)")
        instance.run("strategicplan-import", "--site", SITE, str(path), stream=True)
        big_id = None
        if args.big_nodes:
            big = generate(args.big_nodes)
            big_id = big["plan"]["id"]
            path = instance.base / "plan-big.json"
            path.write_text(json.dumps(big, ensure_ascii=False), encoding="utf-8")
            results["big_nodes"] = count(big["plan"])
            log(f"importing the big plan ({results['big_nodes']} nodes, adopted)")
            instance.run("strategicplan-import", "--site", SITE, str(path))
        measure_server(args, instance, data["plan"]["id"], nodes, results, big_id)
        if args.import_sizes:
            measure_imports(args, instance, results)
    finally:
        instance.stop()
        if args.keep:
            log(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    log(f"done in {time.monotonic() - started:.0f} s; load average {load()}")
    report(args, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
