#!/usr/bin/env python3
"""One supervisord per group of local processes: the Solr node of `make solr` (solr/node.py),
SolrCloud's ZooKeeper, nodes and HAProxy (solr/cloud.py), the cluster's Zope instances and
HAProxy (cluster/cluster.py). supervisor comes from PyPI (the `processes` extra, pinned); why it
and what stays written here: docs/decisions.md, "Process manager".

    supervisor = Supervisor(directory, bin_dir)
    supervisor.start([Program("node1", [...], log=...), ...])  # writes supervisord.conf, starts it
    supervisor.start_program("node1"); supervisor.pid("node1")
    supervisor.stop_program("node1")  # SIGTERM, SIGKILL after stopwaitsecs, to the process group
    supervisor.kill("node1")          # SIGKILL: a lost process, left down (autorestart=false)
    supervisor.shutdown()             # every program (highest priority number first), then itself

The group's directory holds supervisord.conf, supervisor.sock, supervisord.log and
supervisord.pid; by hand: `supervisorctl -c DIR/supervisord.conf status`. This module talks to
supervisord through its XML-RPC interface on that socket (what supervisorctl uses). Standard
library only: the scripts that load it run with any python3; supervisord itself is the
virtualenv's (``bin_dir``: `--bin`, else beside this Python, else the checkout's .venv/bin).
"""

from pathlib import Path

import http.client
import shlex
import socket
import subprocess
import sys
import time
import xmlrpc.client

ROOT = Path(__file__).resolve().parents[1]
# supervisord's states of a process that runs (or is about to, or is being stopped)
ALIVE = ("STARTING", "RUNNING", "STOPPING")
# supervisor.xmlrpc.Faults
ALREADY_STARTED, NOT_RUNNING = 60, 70


class SupervisorError(RuntimeError):
    """supervisord did not start or stop, or a program did not reach the expected state in time."""


def find_bin(bin_dir=None):
    """The virtualenv's bin holding supervisord: ``bin_dir``, else this Python's, else .venv/bin."""
    if bin_dir:
        return Path(bin_dir).resolve()
    here = Path(sys.executable).parent
    return here if (here / "supervisord").exists() else ROOT / ".venv" / "bin"


def tail(path, lines=30):
    """The last lines of a log file (for failure messages)."""
    path = Path(path)
    if not path.exists():
        return f"({path}: no log)"
    text = path.read_text(errors="replace").splitlines()[-lines:]
    return f"--- end of {path} ---\n" + "\n".join(text)


class Program:
    """One [program:x] of supervisord.conf. Never restarted by supervisord (autorestart=false:
    a process a test or a person killed stays down), started by ``start_program`` only
    (autostart=false: the caller starts them in order, waiting for each one's health check)."""

    def __init__(self, name, command, log, directory=ROOT, environment=None, priority=1, stopwaitsecs=30):
        self.name, self.command, self.log = name, [str(part) for part in command], Path(log)
        self.directory, self.environment = Path(directory), dict(environment or {})
        self.priority, self.stopwaitsecs = priority, stopwaitsecs

    def section(self):
        lines = [
            f"[program:{self.name}]",
            f"command = {shlex.join(self.command)}",
            f"directory = {self.directory}",
            f"priority = {self.priority}",
            "autostart = false",
            "autorestart = false",
            # running as soon as spawned: the caller waits for the health check itself
            "startsecs = 0",
            "startretries = 0",
            "stopsignal = TERM",
            f"stopwaitsecs = {self.stopwaitsecs}",
            # the signals go to the process group (run-node's bash and its java, runwsgi)
            "stopasgroup = true",
            "killasgroup = true",
            "redirect_stderr = true",
            f"stdout_logfile = {self.log}",
        ]
        if self.environment:
            lines.append("environment = " + ",".join(f'{key}="{value}"' for key, value in self.environment.items()))
        # supervisord.conf expands %(...)s: a literal % is written %%
        return "\n".join(line.replace("%", "%%") for line in lines) + "\n"


class _UnixSocketConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(self.timeout)
        self.sock.connect(str(self.socket_path))


class _UnixSocketTransport(xmlrpc.client.Transport):
    def __init__(self, path, timeout):
        super().__init__()
        self.socket_path, self.timeout = path, timeout

    def make_connection(self, host):
        return _UnixSocketConnection(self.socket_path, self.timeout)


class Supervisor:
    """The supervisord of one group, its files under ``directory``."""

    def __init__(self, directory, bin_dir=None, name="strategicplan"):
        self.directory = Path(directory).resolve()
        self.bin_dir, self.name = find_bin(bin_dir), name
        self.conf = self.directory / "supervisord.conf"
        self.socket = self.directory / "supervisor.sock"
        self.log = self.directory / "supervisord.log"
        self.pid_file = self.directory / "supervisord.pid"

    def rpc(self, timeout=120):
        """supervisord's XML-RPC interface (``.supervisor.getProcessInfo(name)``...)."""
        return xmlrpc.client.ServerProxy("http://localhost", transport=_UnixSocketTransport(self.socket, timeout))

    def running(self):
        try:
            return self.rpc(timeout=5).supervisor.getState()["statename"] == "RUNNING"
        except (OSError, xmlrpc.client.Error):
            return False

    def write(self, programs):
        self.directory.mkdir(parents=True, exist_ok=True)
        head = "\n".join([
            f"; written by imio.strategicplan's scripts/supervise.py ({self.name}); by hand:",
            f";   {self.bin_dir / 'supervisorctl'} -c {self.conf} status",
            "[supervisord]",
            f"identifier = {self.name}",
            f"logfile = {self.log}",
            f"pidfile = {self.pid_file}",
            f"childlogdir = {self.directory}",
            "",
            "[unix_http_server]",
            f"file = {self.socket}",
            "chmod = 0700",
            "",
            "[rpcinterface:supervisor]",
            "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
            "",
            "[supervisorctl]",
            f"serverurl = unix://{self.socket}",
            "",
        ]).replace("%", "%%")
        self.conf.write_text(head + "\n" + "\n".join(program.section() for program in programs))

    def start(self, programs, timeout=30):
        """Write supervisord.conf with ``programs`` and start supervisord (it daemonizes), or, when
        it runs already, apply the new configuration (as `supervisorctl update`). Starts no program."""
        self.write(programs)
        if self.running():
            rpc = self.rpc().supervisor
            added, changed, removed = rpc.reloadConfig()[0]
            for name in changed + removed:
                rpc.stopProcessGroup(name)
                rpc.removeProcessGroup(name)
            for name in changed + added:
                rpc.addProcessGroup(name)
            return
        supervisord = self.bin_dir / "supervisord"
        if not supervisord.exists():
            raise SupervisorError(f"{supervisord} not found: make install (or --bin the virtualenv's bin)")
        done = subprocess.run([str(supervisord), "-c", str(self.conf)], capture_output=True, text=True,
                              timeout=timeout, cwd=self.directory)
        if done.returncode:
            raise SupervisorError(f"supervisord -c {self.conf} failed ({done.returncode}):\n"
                                  f"{done.stdout}{done.stderr}\n{tail(self.log)}")
        deadline = time.monotonic() + timeout
        while not self.running():
            if time.monotonic() > deadline:
                raise SupervisorError(f"supervisord does not answer on {self.socket}:\n{tail(self.log)}")
            time.sleep(0.1)

    def info(self, name):
        """supervisord's getProcessInfo of ``name`` (statename, pid, exitstatus...); None when
        supervisord does not run."""
        try:
            return self.rpc(timeout=10).supervisor.getProcessInfo(name)
        except OSError:
            return None

    def pid(self, name):
        """The pid of program ``name`` while it runs, else None."""
        info = self.info(name)
        return (info["pid"] or None) if info and info["statename"] in ALIVE else None

    def exited(self, name):
        """How program ``name`` ended ("EXITED, exit status 2"...) when it does not run, else None."""
        info = self.info(name)
        if info is None:
            return "supervisord does not run"
        if info["statename"] in ALIVE:
            return None
        spawned = info["statename"] not in ("FATAL", "BACKOFF") or not info["spawnerr"]
        return f"{info['statename']}, " + (f"exit status {info['exitstatus']}" if spawned else info["spawnerr"])

    def start_program(self, name):
        """Start program ``name`` (returns once it is spawned; nothing when it runs already)."""
        try:
            self.rpc().supervisor.startProcess(name, True)
        except xmlrpc.client.Fault as fault:
            if fault.faultCode != ALREADY_STARTED:
                raise SupervisorError(f"supervisord could not start {name}: {fault.faultString}") from None

    def stop_program(self, name):
        """Stop program ``name`` and wait until it is gone; False when it did not run."""
        if not self.running():
            return False
        try:
            self.rpc().supervisor.stopProcess(name, True)
        except xmlrpc.client.Fault as fault:
            if fault.faultCode == NOT_RUNNING:
                return False
            raise SupervisorError(f"supervisord could not stop {name}: {fault.faultString}") from None
        return True

    def kill(self, name, timeout=30):
        """kill -9 of program ``name`` (a lost process: nothing stops cleanly), then wait until
        supervisord saw it exit; False when it did not run."""
        if self.pid(name) is None:
            return False
        try:
            self.rpc().supervisor.signalProcess(name, "KILL")
        except xmlrpc.client.Fault as fault:
            if fault.faultCode == NOT_RUNNING:
                return False
            raise SupervisorError(f"supervisord could not signal {name}: {fault.faultString}") from None
        deadline = time.monotonic() + timeout
        while self.pid(name) is not None:
            if time.monotonic() > deadline:
                raise SupervisorError(f"{name} still runs {timeout} s after SIGKILL")
            time.sleep(0.05)
        return True

    def shutdown(self, timeout=300):
        """Stop every program, then supervisord; False when it did not run."""
        try:
            self.rpc(timeout=10).supervisor.shutdown()
        except (OSError, xmlrpc.client.Error):
            return False
        deadline = time.monotonic() + timeout
        # supervisord removes its socket once every program has stopped, just before it exits
        while self.socket.exists():
            if time.monotonic() > deadline:
                raise SupervisorError(f"supervisord still runs {timeout} s after shutdown:\n{tail(self.log)}")
            time.sleep(0.2)
        return True
