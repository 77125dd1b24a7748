"""What the browser tests share: the example reports, Chromium's flags, reading a page's DOM.

The fixtures ``chromium`` and ``axe_source`` are in ``conftest.py`` (one
install per session for every browser test).
"""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KAMPEN = ROOT / "examples" / "kampen-ontwikkelpilot"
DRENTHE = ROOT / "examples" / "drenthe-vergelijking"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPORTS = {
    "kampen": [str(KAMPEN)],
    "drenthe": [
        str(DRENTHE),
        "--set",
        "drenthe",
        "--subject",
        "Assen",
        "--regions",
        str(DRENTHE / "regions.toml"),
    ],
}


def dump_dom(chromium, page, profile):
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=60000",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=300, check=True,
    ).stdout  # fmt: skip
