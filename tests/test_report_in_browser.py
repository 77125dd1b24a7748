"""The HTML report as a browser shows it: headless Chromium renders headings and charts."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sociaaldomein.cli import main

KAMPEN = Path(__file__).resolve().parent.parent / "examples" / "kampen-ontwikkelpilot"
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


def test_chromium_renders_headings_and_charts(chromium, tmp_path, capsys):
    assert main(["report", str(KAMPEN), "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    page = (tmp_path / "report.html").as_uri()
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [chromium, *FLAGS, *profile, "--dump-dom", page],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "<h1>Verantwoording september 2005 t/m december 2007: Ontwikkelpilot Wmo" in dom
    assert "<h2>Samenvatting</h2>" in dom
    assert "<h2>Begroting</h2>" in dom
    assert dom.count("<svg") >= 5
    screenshot = tmp_path / "report.png"
    subprocess.run(
        [chromium, *FLAGS, *profile, f"--screenshot={screenshot}", "--window-size=1280,2400", page],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG")
    # A blank page compresses to a few kilobytes; headings, tables and charts do not.
    assert len(data) > 50_000
