import subprocess
import sys

import sociaaldomein


def test_every_public_name_resolves():
    assert sorted(sociaaldomein.__all__) == sorted({*sociaaldomein._EXPORTS, "__version__"})
    for name in sociaaldomein.__all__:
        assert getattr(sociaaldomein, name) is not None


def test_importing_the_package_and_the_cli_loads_nothing_heavy():
    code = (
        "import sys, sociaaldomein, sociaaldomein.cli;"
        "print(sorted(m for m in ('cattrs', 'pluggy', 'attrs', 'matplotlib', 'decimal')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
