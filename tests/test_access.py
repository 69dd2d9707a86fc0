"""Opening the store: readers during an ingest, a second writer, and files that are not a
khronika store (each a one-line error, the file left as it was)."""

import hashlib
import os
import subprocess
import sys
import time
from contextlib import contextmanager

import duckdb
import pytest
from click.testing import CliRunner

from khronika.cli.main import main
from khronika.store import db as store
from khronika.store.ingest import Options, ingest
from tests.conftest import ROOT
from tests.helpers import PAGE, write_pages

HOLD_DUCKDB = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
"""

HOLD_INGEST = """
import sys, time
from khronika.store.access import writing
with writing(sys.argv[1]):
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@contextmanager
def holder(script, *args):
    """A second process that holds the store until the test is done with it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield proc
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


def invoke(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "k.duckdb"
    store.connect(path).close()
    return path


def one_line_error(result) -> str:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


READERS = [["stats"], ["events"], ["show", "abc"], ["export", "--format", "plover"]]


@pytest.mark.parametrize("command", READERS)
def test_access_a_reader_waits_out_a_writer_then_gives_up_in_one_line(db, command):
    with holder(HOLD_DUCKDB, db, "write", 60) as proc:
        started = time.monotonic()
        line = one_line_error(invoke(*command, "--db", str(db), "--wait", "0.5"))
    assert time.monotonic() - started >= 0.5
    assert f"{db} is being written by another process (PID {proc.pid}" in line
    assert "wait for it to finish" in line


def test_access_a_reader_gets_in_when_the_writer_lets_go(db):
    with holder(HOLD_DUCKDB, db, "write", 1.5):
        result = invoke("stats", "--db", str(db), "--json", "--wait", "30")
    assert result.exit_code == 0, result.output


def test_access_a_second_ingest_says_which_process_writes(db, tmp_path):
    (page,) = write_pages(tmp_path, {"a.txt": PAGE})
    with holder(HOLD_INGEST, db, 60) as proc:
        line = one_line_error(invoke("ingest", "--db", str(db), str(page)))
    assert f"{db} is being written by another process (PID {proc.pid}, " in line
    assert "khronika ingest" in line and "wait for it to finish" in line


def test_access_an_ingest_waits_out_another_writer_then_gives_up_in_one_line(db, tmp_path):
    (page,) = write_pages(tmp_path, {"a.txt": PAGE})
    with holder(HOLD_DUCKDB, db, "write", 60) as proc:
        line = one_line_error(invoke("ingest", "--db", str(db), "--wait", "0.5", str(page)))
    assert f"{db} is being written by another process (PID {proc.pid}" in line


def test_access_an_ingest_waits_out_a_reader_then_gives_up_in_one_line(db, tmp_path):
    (page,) = write_pages(tmp_path, {"a.txt": PAGE})
    with holder(HOLD_DUCKDB, db, "read", 60) as proc:
        line = one_line_error(invoke("ingest", "--db", str(db), "--wait", "0.5", str(page)))
    assert f"{db} is being read by another process (PID {proc.pid}" in line


READ_ARTICLES = """
import sys, duckdb
with duckdb.connect(sys.argv[1], read_only=True) as con:
    print(con.execute("SELECT count(*) FROM articles").fetchone()[0])
"""


def test_access_readers_get_in_between_the_batches_of_an_ingest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_pages(folder, {"a.txt": PAGE, "b.txt": PAGE.replace("12 марта", "11 марта"),
                         "c.txt": PAGE.replace("12 марта", "10 марта")})
    db = tmp_path / "k.duckdb"
    seen = []

    def read_from_another_process(outcome):
        done = subprocess.run([sys.executable, "-c", READ_ARTICLES, str(db)],
                              capture_output=True, text=True, check=True)
        seen.append(int(done.stdout))

    ingest([str(folder)], str(db), Options(), batch_size=1,
           on_outcome=read_from_another_process)
    assert seen == [0, 1, 2]


def _truncated(path):
    store.connect(path).close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _foreign(path):
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE articles (id INTEGER, name VARCHAR)")


def _no_tables(path):
    duckdb.connect(str(path)).close()


BAD_STORES = {
    "empty": lambda path: path.write_bytes(b""),
    "truncated": _truncated,
    "corrupt": lambda path: path.write_bytes(b"DUCK" + os.urandom(8000)),
    "text": lambda path: path.write_text("id,title\n1,Лавров\n", encoding="utf-8"),
    "foreign": _foreign,
    "no-tables": _no_tables,
}


def _fingerprint(path):
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size


@pytest.mark.parametrize("command", [*READERS, ["ingest", "PAGE"]])
@pytest.mark.parametrize("kind", BAD_STORES)
def test_access_a_file_that_is_no_khronika_store_is_refused_and_left_alone(
        tmp_path, kind, command):
    path = tmp_path / "k.duckdb"
    BAD_STORES[kind](path)
    before = _fingerprint(path)
    (page,) = write_pages(tmp_path, {"a.txt": PAGE})
    args = [str(page) if arg == "PAGE" else arg for arg in command]
    line = one_line_error(invoke(*args, "--db", str(path)))
    assert str(path) in line and "khronika store" in line
    assert _fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "k.duckdb"]
