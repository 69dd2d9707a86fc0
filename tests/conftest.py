from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session", autouse=True)
def _isolated_kb_home(tmp_path_factory):
    """No user KB files (~/.khronika/kb, $KHRONIKA_KB) leak into the tests."""
    patch = pytest.MonkeyPatch()
    patch.setenv("KHRONIKA_HOME", str(tmp_path_factory.mktemp("khronika-home")))
    patch.delenv("KHRONIKA_KB", raising=False)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def kb(resources):
    return resources.kb


@pytest.fixture(scope="session")
def resources():
    from khronika.resources import Resources

    return Resources.load()


@pytest.fixture(scope="session")
def shared():
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared data (seed, factRuEval) sits beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory):
    """A store of examples/, ingested once for the web tests (khronika serve)."""
    from click.testing import CliRunner

    from khronika.cli.main import main

    path = tmp_path_factory.mktemp("examples-store") / "examples.duckdb"
    result = CliRunner().invoke(main, ["-q", "ingest", "--db", str(path), "-j", "1",
                                       str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    return path
