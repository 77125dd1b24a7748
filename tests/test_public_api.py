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
        "print(sorted(m for m in ('cattrs', 'pluggy', 'attrs', 'matplotlib', 'decimal',"
        " 'polars')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_help_does_not_load_the_columnar_engine_or_the_model():
    code = (
        "import sys\n"
        "from sociaaldomein.cli import main_exit\n"
        "sys.argv = ['sociaaldomein', '--help']\n"
        "try:\n"
        "    main_exit()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('polars', 'attrs', 'jinja2', 'sociaaldomein.model')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "gebruik:" in done.stdout
    # An option's choices read from a writer's module once made --help three times slower.
    assert done.stderr.strip().splitlines()[-1] == "[]"
