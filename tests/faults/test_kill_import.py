"""kill -9 of a Zope instance in the middle of a big import (docs/deploy/faults.md): the database
then holds all of the import or none of it, the catalog agrees with the content, the storage checks
clean, and the same plan imports afterwards.

The import is POSTed to a served instance (runwsgi, as an editor's import runs) and the process is
killed once it has spent a share of the import's CPU time (its progress is not visible from
outside; CPU time, unlike wall time, is not stretched by the machine's other work). The kill in
the commit uses `strategicplan-import`, whose progress lines say when the items are all created."""

from tests.faults.conftest import assert_all_or_nothing
from tests.faults.conftest import check_site
from tests.faults.conftest import cpu_seconds
from tests.faults.conftest import create_site
from tests.faults.conftest import filestorage_instance
from tests.faults.conftest import fstest
from tests.faults.conftest import ok
from tests.faults.conftest import plan_file
from tests.faults.conftest import relstorage_instance
from tests.faults.conftest import run
from tests.faults.conftest import Server
from tests.faults.conftest import zodb_script
from tests.storage.conftest import BIN

import os
import pytest
import re
import subprocess
import threading
import time


pytestmark = pytest.mark.cli

# the 10,000 nodes on each storage (about 120 s of import on a 2-core machine);
# FAULTS_NODES=2000 FAULTS_RELSTORAGE_NODES=2000 for a quick run
NODES = int(os.environ.get("FAULTS_NODES", "10000"))
RELSTORAGE_NODES = int(os.environ.get("FAULTS_RELSTORAGE_NODES", "10000"))
# measured: reading and checking the file about 0.3 ms of CPU a node, creating the items about
# 6 ms a node, then linking, indexing and committing about 13 ms a node. The kill comes after
# 2.5 ms a node: well inside the creation of the items.
KILL_CPU_PER_NODE = 0.0025


def post_and_kill(server, body, cpu):
    """POST the plan to <site>/@plan-import and kill -9 the server once it has spent ``cpu``
    seconds on it; returns what was observed."""
    answer = {}

    def post():
        try:
            answer["response"] = server.client(timeout=900).request("POST", "/Plone/@plan-import", raw=body)[:1]
        except Exception as exc:  # the connection dies with the server
            answer["error"] = repr(exc)

    start_cpu, start = cpu_seconds(server.pid), time.monotonic()
    thread = threading.Thread(target=post)
    thread.start()
    while cpu_seconds(server.pid) - start_cpu < cpu:
        assert thread.is_alive(), f"the import ended before the kill: {answer}"
        time.sleep(0.05)
    used = cpu_seconds(server.pid) - start_cpu
    server.kill()
    thread.join(timeout=30)
    assert "response" not in answer, f"the import answered before the kill: {answer}"
    return {
        "cpu_at_kill": round(used, 1),
        "wall_at_kill": round(time.monotonic() - start, 1),
        "client": answer.get("error"),
    }


def kill_import_restart(home, conf, nodes, check_storage=None):
    """POST a plan of about ``nodes`` nodes to a served instance, kill -9 it during the import,
    check the database (``check_storage``, then every object of the site loads and the catalog
    agrees with the content: none of the plan), then restart the instance and import the same
    plan (all of it: no leftover was in the way) and check again."""
    path, plan_id, nodes = plan_file(home, nodes)
    server = Server(home, conf).start()
    try:
        seen = post_and_kill(server, path.read_bytes(), nodes * KILL_CPU_PER_NODE)
    finally:
        server.stop()
    print("observed", "kill", seen)
    if check_storage:
        check_storage()
    assert assert_all_or_nothing(check_site(home, conf, plan_id), nodes) == "none"
    server = Server(home, conf).start()
    try:
        start = time.monotonic()
        status, _, body = server.client(timeout=900).request("POST", "/Plone/@plan-import", raw=path.read_bytes())
        print("observed", "second_import_seconds", round(time.monotonic() - start, 1))
        assert status == 201, body
    finally:
        server.stop()
    assert assert_all_or_nothing(check_site(home, conf, plan_id), nodes) == "all"
    if check_storage:
        check_storage()


def test_filestorage_kill_during_import(tmp_path):
    conf = filestorage_instance(tmp_path)
    create_site(tmp_path, conf, seed=False)
    kill_import_restart(tmp_path, conf, NODES, lambda: fstest(tmp_path / "var" / "filestorage" / "Data.fs"))


def import_and_kill(home, conf, path, when):
    """Run strategicplan-import and kill -9 it once all items are created and then ``when``
    says so (called with the process, the CPU spent since the last progress line, and the
    Data.fs size then); returns what was observed."""
    datafs = home / "var" / "filestorage" / "Data.fs"
    process = subprocess.Popen(
        [str(BIN / "strategicplan-import"), "--zope-conf", str(conf), str(path)],
        cwd=home,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, zope_i18n_compile_mo_files="true"),
    )
    lines = []
    for line in process.stderr:
        lines.append(line)
        if "(100 %)" in line:
            break
    else:
        raise AssertionError(f"no progress line: {''.join(lines)[-2000:]}{process.stdout.read()[-2000:]}")
    size, start_cpu, start = datafs.stat().st_size, cpu_seconds(process.pid), time.monotonic()
    while not when(cpu_seconds(process.pid) - start_cpu, datafs.stat().st_size - size):
        assert process.poll() is None, "the import finished before the kill"
        time.sleep(0.001)
    grown = datafs.stat().st_size - size
    process.kill()
    process.wait(timeout=30)
    return {
        "after_last_progress_s": round(time.monotonic() - start, 2),
        "data_fs_size_before": size,
        "data_fs_grown_at_kill": grown,
        "data_fs_grown_after": datafs.stat().st_size - size,
    }


def test_filestorage_kill_during_commit(tmp_path):
    """Killed while indexing (the commit's first phase), then while Data.fs is being written."""
    home = tmp_path
    conf = filestorage_instance(home)
    create_site(home, conf, seed=False)
    path, plan_id, nodes = plan_file(home, 1000)
    datafs = home / "var" / "filestorage" / "Data.fs"
    outcomes = {}
    # 1 ms of CPU a node after the last progress line: linking and indexing (Plone 6.2 indexes
    # everything in the commit, 6.1 part of it while creating the items: its last phase is shorter)
    for name, when in (
        ("indexing", lambda cpu, grown: cpu >= nodes * 0.001),
        ("writing Data.fs", lambda cpu, grown: grown > 0),
    ):
        seen = import_and_kill(home, conf, path, when)
        # killed while writing, the file ends with an incomplete transaction: fstest says so
        # ("truncated possibly because of damaged records at <the end before the commit>");
        # FileStorage drops it when it opens the file again (as the check below does)
        seen["fstest_before_reopening"] = zodb_script("fstest", datafs)
        damaged = re.fullmatch(
            rf"{re.escape(str(datafs))} truncated possibly because of damaged records at (\d+)",
            seen["fstest_before_reopening"],
        )
        assert seen["fstest_before_reopening"] == "" or (
            damaged and int(damaged.group(1)) >= seen["data_fs_size_before"] - 16
        ), seen
        seen["outcome"] = outcomes[name] = assert_all_or_nothing(check_site(home, conf, plan_id), nodes)
        print("observed", name, seen)
        if seen["outcome"] == "all":  # committed after all: start the next kill from scratch
            ok(run("zconsole", "run", str(conf), str(write_delete(home, plan_id)), cwd=home))
    assert outcomes["indexing"] == "none"


def write_delete(home, plan_id):
    script = home / "delete.py"
    script.write_text(f"import transaction\napp.Plone.manage_delObjects([{plan_id!r}])\ntransaction.commit()\n")
    return script


def test_relstorage_kill_during_import(own_postgres, tmp_path):
    database, dsn = own_postgres.database()
    conf = relstorage_instance(tmp_path, dsn)
    create_site(tmp_path, conf, seed=False)
    # RelStorage's check is the full traversal of check_site: every object of the site loads
    kill_import_restart(tmp_path, conf, RELSTORAGE_NODES)
