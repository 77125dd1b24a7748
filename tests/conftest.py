import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# The tests read Dutch, the default, whatever the machine's locale says; a test of
# another language asks for it (use_language, --lang). Set before any test runs, so
# that the commands the tests start in subprocesses inherit it.
os.environ["SOCIAALDOMEIN_LANG"] = "nl"


def load_example(name: str):
    """Import a script from examples/ as a module."""
    path = ROOT / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"example_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# A CBS cache of the test's own, and no feed from the environment (the CBS tests).
@pytest.fixture
def empty_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("SOCIAALDOMEIN_CBS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("SOCIAALDOMEIN_CBS_FEED", raising=False)
    return tmp_path / "cache"


@pytest.fixture(scope="session")
def kampen():
    return load_example("kampen_ontwikkelpilot")


# `make mutate` runs the fast tests once per mutant: few, fixed examples keep that
# affordable and make a mutant's verdict repeatable (benchmarks/mutation.py).
settings.register_profile(
    "mutation", max_examples=25, derandomize=True, database=None, deadline=None
)
# No property is a timing test (speed is benchmarks/' job): a loaded machine running the
# suite on every core must not fail one on hypothesis' 200 ms deadline.
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")


# -- browser tests (test_report_in_browser.py, test_site.py) ------------------------


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, installed here where it is missing and we may install it."""
    found = shutil.which("chromium")
    if found is None and shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for step in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
            subprocess.run(step, env=env, capture_output=True, check=False, timeout=900)
        found = shutil.which("chromium")
    if found is None:
        pytest.skip("Chromium is not installed and could not be installed (needs apt-get as root)")
    return found


@pytest.fixture(scope="session")
def axe_source(tmp_path_factory):
    """axe-core's script from the npm registry, or why it could not be had.

    The accessibility checker runs in the page; without it the other checks
    still run, and the test then skips with the reason.
    """
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed: axe-core cannot be fetched"
    folder = tmp_path_factory.mktemp("axe")
    done = subprocess.run(
        [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(folder),
         "axe-core@4"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if done.returncode != 0 or not script.is_file():
        return None, f"axe-core could not be installed from npm: {done.stderr.strip()[-300:]}"
    return script.read_text(encoding="utf-8"), ""
