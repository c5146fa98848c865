#!/usr/bin/env python3
"""Several Zope instances sharing one RelStorage database behind an HAProxy (docs/deploy/cluster.md).

    cluster/run start --dsn DSN [--dir var/cluster] [--instances 2] [--port 8080]
                      [--instance-ports 8081,8082] [--bin .venv/bin]
    cluster/run [--dir D] status [--json] | stop | stop-instance K [--kill] | start-instance K

`start` writes, under the directory, each instance's zope.conf (etc/zope-postgres.conf.in,
NAME=instanceK: own client home and blob cache, the shared database) and WSGI ini (etc/zope.ini:
own port on 127.0.0.1, own logs, HAProxy trusted for X-Forwarded-For/-Proto), the instance home's
site.zcml and CORS policy (scripts/instance_zcml.py, $STRATEGICPLAN_CORS_ORIGINS), starts the
instances (`runwsgi`) as programs of a supervisord of the cluster's own (supervisord.conf,
scripts/supervise.py), waits until each answers, then starts an HAProxy (round robin, no cookie,
`GET /ok` health check; balancer/haproxy.cfg) on `--port` under the same supervisord. The
database must hold the site already (`strategicplan-create-site`). Logs: var/log/instanceK.log
(runwsgi's output), instanceK-event.log, instanceK-access.log; processes by hand:
`supervisorctl -c D/supervisord.conf status`.

Standard library only: `cluster/run` runs it with python3 and the tests import it. The HAProxy
configuration and stats socket are solr/haproxy.py's (loaded from the file); only the
configuration differs.
"""

from pathlib import Path

import argparse
import importlib.util
import json
import os
import socket
import sys
import time
import urllib.error
import urllib.request


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHECK_PATH = "/ok"  # Products.CMFPlone's `ok` view: "OK", on any object, the Zope root included
BACKEND = "zope_instances"
START_TIMEOUT = float(os.environ.get("CLUSTER_START_TIMEOUT", "180"))


def _load(relative, name):
    """A script of the repository (solr/haproxy.py, scripts/supervise.py), under a name of its own."""
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


haproxy = _load("solr/haproxy.py", "strategicplan_solr_haproxy")
supervise = _load("scripts/supervise.py", "strategicplan_scripts_supervise")
HAProxyError = haproxy.HAProxyError
FAILURES = (HAProxyError, supervise.SupervisorError)


# the instance home's site.zcml and CORS policy, as `make start` writes them
instance_zcml = _load("scripts/instance_zcml.py", "strategicplan_instance_zcml")


class ClusterError(RuntimeError):
    """An instance or the balancer did not start, or did not reach the expected state in time."""


def tail(path, lines=25):
    return supervise.tail(path, lines)


def balancer_config(port, servers, bind="127.0.0.1", check_path=CHECK_PATH, stats_socket=None):
    """The text of an haproxy.cfg balancing ``port`` over ``servers`` ([(name, "host:port")]) of Zope."""
    lines = haproxy.preamble("cluster/cluster.py: Zope instances behind one address", stats_socket)
    lines += [
        "",
        "defaults",
        "    mode http",
        "    timeout connect 2s",
        # the slowest answers: a plan import, the PDF evaluation report (about 1.3 s)
        "    timeout client 300s",
        "    timeout server 300s",
        "    timeout queue 60s",
        "    timeout check 3s",
        # only a connection that could not be made is sent again, to the other instance: a request
        # an instance received may have been written (a POST, a PATCH), never replay it
        "    retries 2",
        "    option redispatch 1",
        "    retry-on conn-failure",
        # the client's address for the access logs (waitress trusts 127.0.0.1 for it)
        "    option forwardfor",
        "",
        "frontend zope",
        f"    bind {bind}:{port}",
        # the Host header goes through unchanged: Zope's URLs name the balancer's host and port.
        # The scheme is the balancer's to say (a client's own X-Forwarded-Proto is replaced)
        "    http-request set-header X-Forwarded-Proto https if { ssl_fc }",
        "    http-request set-header X-Forwarded-Proto http if !{ ssl_fc }",
        f"    default_backend {BACKEND}",
        "",
        f"backend {BACKEND}",
        # no cookie, no stickiness: the login cookie (__ac) and JWT are signed with secrets kept in
        # the database's acl_users, so every instance accepts them
        "    balance roundrobin",
        "    option httpchk",
        f"    http-check send meth GET uri {check_path} ver HTTP/1.1 hdr Host localhost",
        "    http-check expect status 200",
        # waitress serves 4 threads: more requests wait in HAProxy's queue, not in waitress's
        "    default-server inter 1s fall 2 rise 2 maxconn 4",
        # which instance answered (for people and the tests)
        "    http-response set-header X-Served-By %s",
    ]
    for name, address in servers:
        lines.append(f"    server {name} {address} check")
    return "\n".join(lines) + "\n"


class Balancer(haproxy.HAProxy):
    """solr/haproxy.py's HAProxy (own config, log, stats socket) with Zope's config."""

    def __init__(self, directory, port, servers, check_path=CHECK_PATH):
        super().__init__(directory, port, [address for _, address in servers], check_path=check_path)
        self.servers = list(servers)

    def config(self):
        return balancer_config(self.port, self.servers, check_path=self.check_path, stats_socket=self.socket)

    def states(self):
        """{server name: status} of the instances as HAProxy sees them ("UP", "DOWN", ...)."""
        lines = self.command("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        found = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(",")))
            if row.get("pxname") == BACKEND and row.get("svname") not in ("BACKEND", None):
                found[row["svname"]] = row["status"]
        return found


def answers(port, path=CHECK_PATH, timeout=2):
    """Whether the server on 127.0.0.1:``port`` answers 200 to GET ``path``."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


class Instance:
    """One Zope instance of the cluster: instanceK, its config, port, logs, and its program in the
    cluster's supervisord."""

    def __init__(self, directory, number, port, bin_dir, supervisor):
        self.directory, self.number, self.port = Path(directory), number, port
        self.bin_dir, self.supervisor = Path(bin_dir), supervisor
        self.name = f"instance{number}"
        self.conf = self.directory / "etc" / f"{self.name}.conf"
        self.ini = self.directory / "etc" / f"{self.name}.ini"
        self.log = self.directory / "var" / "log" / f"{self.name}.log"
        self.event_log = self.directory / "var" / "log" / f"{self.name}-event.log"
        self.access_log = self.directory / "var" / "log" / f"{self.name}-access.log"

    def write(self, dsn):
        """zope.conf and ini of this instance; raises ClusterError if the templates changed shape."""
        var = self.directory / "var"
        for sub in ("log", "cache", self.name):
            (var / sub).mkdir(parents=True, exist_ok=True)
        self.conf.parent.mkdir(parents=True, exist_ok=True)
        conf = (ROOT / "etc" / "zope-postgres.conf.in").read_text()
        self.conf.write_text(
            conf.replace("@ROOT@", str(self.directory)).replace("@NAME@", self.name).replace("@DSN@", dsn)
        )
        ini = (ROOT / "etc" / "zope.ini").read_text()
        replacements = {
            "%(here)s/zope.conf": str(self.conf),
            "listen = localhost:%(http_port)s": (
                f"listen = 127.0.0.1:{self.port}\n"
                "# behind the cluster's HAProxy: the client's address and the scheme come from it\n"
                "trusted_proxy = 127.0.0.1\n"
                "trusted_proxy_count = 1\n"
                "trusted_proxy_headers = x-forwarded-for x-forwarded-proto\n"
                "clear_untrusted_proxy_headers = true"
            ),
            "%(here)s/../var/log/access.log": str(self.access_log),
            "%(here)s/../var/log/event.log": str(self.event_log),
        }
        for old, new in replacements.items():
            if old not in ini:
                raise ClusterError(f"etc/zope.ini has no '{old}' any more: update cluster/cluster.py")
            ini = ini.replace(old, new)
        self.ini.write_text(ini)
        # the instance home's site.zcml and CORS policy ($STRATEGICPLAN_CORS_ORIGINS)
        try:
            instance_zcml.write(self.conf.parent)
        except ValueError as error:
            raise ClusterError(str(error)) from None

    def program(self):
        """runwsgi as supervisord runs it (SIGTERM: waitress finishes its requests)."""
        return supervise.Program(
            self.name,
            [self.bin_dir / "runwsgi", self.ini],
            self.log,
            directory=self.directory,
            environment={"zope_i18n_compile_mo_files": "true"},
            priority=1,
            stopwaitsecs=30,
        )

    def pid(self):
        return self.supervisor.pid(self.name)

    def start(self):
        """Start runwsgi (returns at once; ``wait`` waits for it)."""
        runwsgi = self.bin_dir / "runwsgi"
        if not os.access(runwsgi, os.X_OK):
            raise ClusterError(f"{runwsgi} not found: make install (or --bin the virtualenv's bin)")
        self.supervisor.start_program(self.name)

    def wait(self, timeout=START_TIMEOUT):
        """Wait until the instance answers GET /ok; raises ClusterError with its log's tail."""
        deadline = time.monotonic() + timeout
        while not answers(self.port):
            gone = self.supervisor.exited(self.name)
            if gone:
                raise ClusterError(f"{self.name} exited ({gone}):\n{tail(self.log)}\n{tail(self.event_log)}")
            if time.monotonic() > deadline:
                raise ClusterError(
                    f"{self.name} does not answer on 127.0.0.1:{self.port} after {timeout} s:\n"
                    f"{tail(self.log)}\n{tail(self.event_log)}"
                )
            time.sleep(0.25)

    def stop(self, kill=False):
        """SIGTERM (waitress finishes its requests) or, ``kill``, SIGKILL: a lost instance, which
        supervisord leaves down. False when it did not run."""
        return self.supervisor.kill(self.name) if kill else self.supervisor.stop_program(self.name)


class Cluster:
    """N instances and their balancer, all under ``directory`` (cluster.json keeps the layout),
    programs of the cluster's supervisord."""

    def __init__(self, directory, port, instance_ports, bin_dir, check_path=CHECK_PATH):
        self.directory = Path(directory).resolve()
        self.port, self.instance_ports = port, list(instance_ports)
        self.bin_dir, self.check_path = Path(bin_dir).resolve(), check_path
        self.supervisor = supervise.Supervisor(self.directory, self.bin_dir, name="cluster")
        self.instances = [
            Instance(self.directory, k, p, self.bin_dir, self.supervisor) for k, p in enumerate(self.instance_ports, 1)
        ]
        self.balancer = Balancer(
            self.directory / "balancer",
            port,
            [(i.name, f"127.0.0.1:{i.port}") for i in self.instances],
            check_path=check_path,
        )

    @classmethod
    def load(cls, directory):
        state = Path(directory).resolve() / "cluster.json"
        if not state.exists():
            raise ClusterError(f"no cluster in {directory} (no cluster.json): cluster/run start first")
        data = json.loads(state.read_text())
        return cls(directory, data["port"], data["instance_ports"], data["bin"], data.get("check_path", CHECK_PATH))

    def save(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "cluster.json").write_text(
            json.dumps(
                {
                    "port": self.port,
                    "instance_ports": self.instance_ports,
                    "bin": str(self.bin_dir),
                    "check_path": self.check_path,
                },
                indent=1,
            )
            + "\n"
        )

    def instance(self, number):
        if not 1 <= number <= len(self.instances):
            raise ClusterError(f"no instance {number}: 1 to {len(self.instances)}")
        return self.instances[number - 1]

    def programs(self):
        """The instances, then HAProxy (stopped first)."""
        balancer = supervise.Program(
            "haproxy", self.balancer.command_line(), self.balancer.log, priority=2, stopwaitsecs=10
        )
        return [i.program() for i in self.instances] + [balancer]

    def balancer_pid(self):
        return self.supervisor.pid("haproxy")

    def _free(self, port):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
                return True
            except OSError:
                return False

    def start(self, dsn, timeout=START_TIMEOUT):
        """Write every config, start the instances together, wait for them, then the balancer."""
        busy = [
            p
            for p, owner in [(self.port, self.balancer_pid())] + [(i.port, i.pid()) for i in self.instances]
            if owner is None and not self._free(p)
        ]
        if busy:
            raise ClusterError(f"port(s) {', '.join(map(str, busy))} already in use on 127.0.0.1")
        self.save()
        for instance in self.instances:
            instance.write(dsn)
        try:
            self.balancer.write()
            self.supervisor.start(self.programs())
            for instance in self.instances:
                instance.start()
            for instance in self.instances:
                instance.wait(timeout)
            self.supervisor.start_program("haproxy")
            self.balancer.wait_listening(lambda: self.supervisor.exited("haproxy"))
        except FAILURES as error:
            raise ClusterError(str(error)) from None
        self.wait_states({i.name: "UP" for i in self.instances})

    def start_instance(self, number, timeout=START_TIMEOUT):
        instance = self.instance(number)
        try:
            instance.start()
        except supervise.SupervisorError as error:
            raise ClusterError(str(error)) from None
        instance.wait(timeout)
        if self.balancer_pid() is not None:
            self.wait_states({instance.name: "UP"})

    def stop_instance(self, number, kill=False):
        try:
            return self.instance(number).stop(kill=kill)
        except supervise.SupervisorError as error:
            raise ClusterError(str(error)) from None

    def wait_states(self, expected, timeout=30):
        """Wait until HAProxy sees the instances in exactly the ``expected`` states ({"instance1": "UP"}:
        not "UP 1/2", a server one failed check from down); raises ClusterError with the log tails."""
        deadline = time.monotonic() + timeout
        while True:
            seen = self.balancer.states()
            if all(seen.get(name) == state for name, state in expected.items()):
                return seen
            if time.monotonic() > deadline:
                logs = "\n".join(tail(i.event_log, 10) for i in self.instances)
                raise ClusterError(f"HAProxy sees {seen}, not {expected}, after {timeout} s:\n{logs}")
            time.sleep(0.2)

    def stop(self):
        """Stop HAProxy, then the instances, then the supervisord; False when it did not run."""
        try:
            return self.supervisor.shutdown()
        except supervise.SupervisorError as error:
            raise ClusterError(str(error)) from None

    def status(self):
        balancer_pid = self.balancer_pid()
        try:
            states = self.balancer.states() if balancer_pid else {}
        except OSError:
            states = {}
        return {
            "balancer": {
                "url": f"http://localhost:{self.port}",
                "pid": balancer_pid,
                "config": str(self.balancer.config_file),
            },
            "instances": [
                {
                    "name": i.name,
                    "url": f"http://localhost:{i.port}",
                    "pid": i.pid(),
                    "answers": answers(i.port),
                    "balancer_state": states.get(i.name),
                    "log": str(i.event_log),
                }
                for i in self.instances
            ],
            "supervisord": str(self.supervisor.conf),
        }


def main(argv=None):
    parser = argparse.ArgumentParser(prog="cluster/run", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command", nargs="?", default="status", choices=["start", "stop", "status", "stop-instance", "start-instance"]
    )
    parser.add_argument("number", nargs="?", type=int, help="the instance (1, 2...) of stop-/start-instance")
    parser.add_argument("--dir", default="var/cluster", help="where the cluster lives (default var/cluster)")
    parser.add_argument("--dsn", help="the shared database (start); e.g. $(postgres/pg dsn)")
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="the balancer's port (default 8080)")
    parser.add_argument("--instance-ports", help="comma-separated (default: port+1, port+2...)")
    parser.add_argument("--bin", default=str(ROOT / ".venv" / "bin"), help="the virtualenv's bin (runwsgi)")
    parser.add_argument("--check-path", default=CHECK_PATH, help="HAProxy's health check (default /ok)")
    parser.add_argument("--kill", action="store_true", help="stop-instance with SIGKILL (a lost instance)")
    parser.add_argument("--json", action="store_true", help="status as JSON")
    options = parser.parse_args(argv)
    started = time.monotonic()
    try:
        if options.command == "start":
            if not options.dsn:
                parser.error("start needs --dsn (the database holding the site)")
            if options.instance_ports:
                ports = [int(p) for p in options.instance_ports.split(",")]
            else:
                ports = [options.port + k for k in range(1, options.instances + 1)]
            cluster = Cluster(options.dir, options.port, ports, options.bin, options.check_path)
            cluster.start(options.dsn)
            print(f"cluster ready in {time.monotonic() - started:.1f} s ({cluster.directory})")
            for instance in cluster.instances:
                print(
                    f"  {instance.name}: http://localhost:{instance.port}  pid {instance.pid()}  "
                    f"log {instance.event_log}"
                )
            print(f"  balancer: http://localhost:{cluster.port}  (HAProxy, config {cluster.balancer.config_file})")
            print(f"  processes: {cluster.bin_dir / 'supervisorctl'} -c {cluster.supervisor.conf} status")
            return 0
        cluster = Cluster.load(options.dir)
        if options.command == "stop":
            stopped = cluster.stop()
            print(f"cluster {'stopped' if stopped else 'was not running'} ({cluster.directory})")
        elif options.command == "status":
            status = cluster.status()
            ok = bool(status["balancer"]["pid"]) and all(
                i["answers"] and i["balancer_state"] == "UP" for i in status["instances"]
            )
            if options.json:
                print(json.dumps(status, indent=1))
            else:
                balancer = status["balancer"]
                print(f"balancer: {balancer['url']}  pid {balancer['pid'] or '(not running)'}")
                for i in status["instances"]:
                    print(
                        f"{i['name']}: {i['url']}  pid {i['pid'] or '(not running)'}  "
                        f"{'answers' if i['answers'] else 'does not answer'}  "
                        f"balancer: {i['balancer_state'] or '-'}"
                    )
            return 0 if ok else 1
        else:
            if options.number is None:
                parser.error(f"{options.command} needs an instance number")
            if options.command == "stop-instance":
                done = cluster.stop_instance(options.number, kill=options.kill)
                what = ("killed" if options.kill else "stopped") if done else "was not running"
                print(f"instance{options.number} {what}")
            else:
                cluster.start_instance(options.number)
                print(f"instance{options.number} back in {time.monotonic() - started:.1f} s")
    except ClusterError as error:
        print(f"cluster/run: {error}", file=sys.stderr)
        if options.command == "start":
            print(f"cluster/run: `cluster/run --dir {options.dir} stop` stops what did start", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
