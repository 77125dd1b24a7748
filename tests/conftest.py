import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


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


@pytest.fixture(scope="session")
def kampen():
    return load_example("kampen_ontwikkelpilot")


# `make mutate` runs the fast tests once per mutant: few, fixed examples keep that
# affordable and make a mutant's verdict repeatable (benchmarks/mutation.py).
settings.register_profile(
    "mutation", max_examples=25, derandomize=True, database=None, deadline=None
)
