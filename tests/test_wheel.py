"""The wheel carries everything khronika needs: built, installed into a fresh venv (no
editable install, the checkout not on the path), it extracts what the checkout extracts."""

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "09_lavrov_blinken_reykjavik.html"  # HTML, with events


def _run(*args, cwd=None, check=True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing but the wheel
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          check=check, timeout=600, env=env)


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_wheel_installs_and_extracts_like_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", dist, ROOT)
    wheel = next(dist.glob("khronika-*.whl"))
    env = tmp_path / "venv"
    venv.create(env, with_pip=False)
    site = Path(sysconfig.get_path("purelib", vars={"base": env, "platbase": env}))
    # the dependencies come from the project's venv; khronika itself only from the wheel
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    _run(sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
         "--target", site, wheel)
    python = env / "bin" / "python"
    where = _run(python, "-c", "import khronika; print(khronika.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(site)), where.stdout
    args = ("-m", "khronika.cli", "extract", EXAMPLE)
    installed = _records(_run(python, *args, cwd=tmp_path).stdout)
    checkout = _records(_run(sys.executable, *args, cwd=ROOT).stdout)
    assert installed[0]["events"], "the example has events"
    assert installed == checkout
    # every data file and gold part ships: the evaluations run without a checkout
    shipped = ("from khronika.resources import SHIPPED; SHIPPED.load_all(); "
               "from khronika.evaluate.parts import all_parts; "
               "print(all(p.path.is_file() for p in all_parts()))")
    assert _run(python, "-c", shipped, cwd=tmp_path).stdout.strip() == "True"
