"""Serving while ingesting: `khronika ingest` (a real process) writes the store the web app
reads; the app keeps answering (200, or 503 while a batch is written, never 500) and shows
the new article once the batch is committed, with no restart."""

import os
import subprocess
import sys
import time

from starlette.testclient import TestClient

from khronika.store import access
from khronika.web.app import create_app
from tests.conftest import ROOT
from tests.helpers import PAGE, write_pages

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _serving(examples_store, tmp_path):
    """A copy of the examples store, a new page to ingest, the app over the copy, and how
    many articles it shows."""
    db = tmp_path / "k.duckdb"
    db.write_bytes(examples_store.read_bytes())
    (page,) = write_pages(tmp_path, {"new.txt": PAGE})
    client = TestClient(create_app(str(db), wait=1.0))
    before = client.get("/api/search", params={"per_page": 200}).json()["total"]
    return db, page, client, before


def test_serve_shows_articles_an_ingest_adds_while_serving(examples_store, tmp_path):
    db, page, client, before = _serving(examples_store, tmp_path)
    ingest = subprocess.Popen(
        [sys.executable, "-m", "khronika", "-q", "ingest", "-j", "1", "--db", str(db),
         str(page)], env=ENV, stderr=subprocess.PIPE, text=True)
    statuses = []
    try:
        while ingest.poll() is None:
            for url in ("/api/search?per_page=200", "/events", "/api/timeline"):
                statuses.append(client.get(url).status_code)
            time.sleep(0.1)
    finally:
        ingest.wait(timeout=300)
    assert ingest.returncode == 0, ingest.stderr.read()
    ingest.stderr.close()
    assert statuses and set(statuses) <= {200, 503}, statuses
    after = client.get("/api/search", params={"per_page": 200}).json()
    assert after["total"] == before + 1
    assert any("Чавушоглу" in (a["title"] or "") for a in after["articles"])
    events = client.get("/api/events", params={"actor": "Чавушоглу"}).json()
    assert events["total"] >= 1


def test_serve_lets_an_ingest_in_while_it_keeps_a_connection(examples_store, tmp_path):
    """The app keeps its read connection between requests; an ingest that starts while
    no request comes in still gets the file (the watcher closes the kept connection)."""
    db, page, client, before = _serving(examples_store, tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "khronika", "-q", "ingest", "-j", "1", "--wait", "3",
         "--db", str(db), str(page)], env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert client.get("/api/search", params={"per_page": 200}).json()["total"] == before + 1


def test_being_written_reads_the_lock_files_process(tmp_path):
    db = tmp_path / "k.duckdb"
    assert not access.being_written(db)
    with access.writing(db):
        assert access.being_written(db)  # this process holds it, and keeps holding it
        assert access.being_written(db)
    assert not access.being_written(db)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    (tmp_path / "k.duckdb.lock").write_text(dead)  # left by a killed ingest
    assert not access.being_written(db)
