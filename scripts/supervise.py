#!/usr/bin/env python3
"""One supervisord per group of local processes (docs/decisions.md, "Process manager"): the Solr
node of `make solr` (solr/node.py), SolrCloud's ZooKeeper, nodes and HAProxy (solr/cloud.py), the
cluster's Zope instances and HAProxy (cluster/cluster.py).

The group's directory holds supervisord.conf, supervisor.sock, supervisord.log and supervisord.pid;
by hand: `supervisorctl -c DIR/supervisord.conf status`. ``Supervisor`` writes the configuration,
starts supervisord (which daemonizes) and talks to it through its XML-RPC interface on the socket,
as supervisorctl does. Standard library only: the scripts loading this run with any python3;
supervisord is the virtualenv's (``bin_dir``: `--bin`, else beside this Python, else .venv/bin).
"""

from pathlib import Path

import http.client
import os
import shlex
import signal
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
    """One [program:x]: started only when asked (autostart=false: the caller starts the programs in
    order, each after the previous one's health check) and never restarted (autorestart=false: a
    process a test or a person killed stays down). SIGTERM, SIGKILL after ``stopwaitsecs``, both to
    the process group (run-node's java, runwsgi)."""

    def __init__(self, name, command, log, directory=ROOT, environment=None, priority=1, stopwaitsecs=30):
        self.name, self.command, self.log = name, [str(part) for part in command], Path(log)
        self.directory, self.environment = Path(directory), dict(environment or {})
        self.priority, self.stopwaitsecs = priority, stopwaitsecs

    def section(self):
        environment = ",".join(f'{key}="{value}"' for key, value in self.environment.items())
        text = f"""[program:{self.name}]
command = {shlex.join(self.command)}
directory = {self.directory}
priority = {self.priority}
autostart = false
autorestart = false
startsecs = 0
startretries = 0
stopwaitsecs = {self.stopwaitsecs}
stopasgroup = true
killasgroup = true
redirect_stderr = true
stdout_logfile = {self.log}
""" + (f"environment = {environment}\n" if environment else "")
        return text.replace("%", "%%")  # supervisord.conf expands %(...)s


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
        head = f"""; written by imio.strategicplan's scripts/supervise.py
[supervisord]
identifier = {self.name}
logfile = {self.log}
pidfile = {self.pid_file}
childlogdir = {self.directory}

[unix_http_server]
file = {self.socket}
chmod = 0700

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl = unix://{self.socket}

""".replace("%", "%%")
        self.conf.write_text(head + "\n".join(program.section() for program in programs))

    def start(self, programs, timeout=30):
        """Write supervisord.conf with ``programs`` and start supervisord, which daemonizes; none of
        the programs is started. Nothing when it runs already (`stop` first to change them)."""
        if self.running():
            return
        self.write(programs)
        supervisord = self.bin_dir / "supervisord"
        if not supervisord.exists():
            raise SupervisorError(f"{supervisord} not found: make install (or --bin the virtualenv's bin)")
        done = subprocess.run(
            [str(supervisord), "-c", str(self.conf)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.directory,
        )
        deadline = time.monotonic() + timeout
        while done.returncode == 0 and not self.running() and time.monotonic() < deadline:
            time.sleep(0.1)
        if not self.running():
            raise SupervisorError(
                f"supervisord -c {self.conf} did not start ({done.returncode}): "
                f"{done.stdout}{done.stderr}\n{tail(self.log)}"
            )

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

    def _call(self, method, name, *args, ignore=()):
        """``method`` of supervisord on program ``name``: True, False on a fault in ``ignore``."""
        try:
            getattr(self.rpc().supervisor, method)(name, *args)
            return True
        except xmlrpc.client.Fault as fault:
            if fault.faultCode in ignore:
                return False
            raise SupervisorError(f"supervisord: {method} {name}: {fault.faultString}") from None

    def start_program(self, name):
        """Start program ``name``: returns once it is spawned; False when it runs already."""
        return self._call("startProcess", name, True, ignore=(ALREADY_STARTED,))

    def stop_program(self, name):
        """Stop program ``name`` and wait until it is gone; False when it did not run."""
        return self.running() and self._call("stopProcess", name, True, ignore=(NOT_RUNNING,))

    def kill(self, name, timeout=30):
        """kill -9 of program ``name``'s process, from outside as the kernel's OOM killer would (a
        lost process), then wait until supervisord saw it exit; False when it did not run."""
        pid = self.pid(name)
        if pid is None:
            return False
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + timeout
        while self.pid(name) == pid:
            if time.monotonic() > deadline:
                raise SupervisorError(f"{name} (pid {pid}) still runs {timeout} s after SIGKILL")
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
