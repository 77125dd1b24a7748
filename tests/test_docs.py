"""The docs cannot rot: the tutorial runs step by step, and the reference covers the API."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import sociaaldomein
from sociaaldomein.plugin.manager import hook_names

DOCS = Path(__file__).resolve().parent.parent / "docs"
BLOCK = re.compile(r"```(\w+)([^\n]*)\n(.*?)```", re.S)


def blocks(name):
    return [
        (kind, info.strip(), body)
        for kind, info, body in BLOCK.findall((DOCS / name).read_text(encoding="utf-8"))
    ]


def run_page(name, tmp_path, *, extra=(), errors=None):
    """Run a page's shell blocks in ``tmp_path`` as a reader would; its outputs by line.

    A ``file=`` block is written first; ``pip install`` goes to a folder of
    its own, so the project's environment stays as it was. ``extra`` is
    added to every ``sociaaldomein`` command (``--lang en``); ``errors``,
    a dict, receives each line's standard error.
    """
    site = tmp_path / "site"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
    }
    env.pop("SOCIAALDOMEIN_DISABLE_PLUGIN_AUTOLOAD", None)
    script = str(Path(sys.executable).with_name("sociaaldomein"))
    ran = []
    for kind, info, body in blocks(name):
        if info.startswith("file="):
            target = tmp_path / info.removeprefix("file=")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            continue
        assert kind == "sh", f"a {kind} block without file= cannot be run"
        for line in body.strip().splitlines():
            words = shlex.split(line)
            if words[:2] == ["pip", "install"]:
                package = words[-1]
                words = [
                    sys.executable,
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--no-deps",
                    "--target",
                    str(site),
                    package,
                ]
            elif words[0] == "sociaaldomein":
                words[0] = script
                words += extra
            elif words[0] == "python":
                words[0] = sys.executable
            done = subprocess.run(
                words,
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=600,
            )
            assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
            ran.append((line, done.stdout))
            if errors is not None:
                errors[line] = done.stderr
    return dict(ran)


def test_the_tutorial_runs_in_a_fresh_folder(tmp_path):
    outputs = run_page("tutorial.md", tmp_path)
    assert "beekdal" in outputs["sociaaldomein plugins"]
    assert "beekdal.ommetjes" in outputs["sociaaldomein indicators beekdal"]
    verdicts = outputs[
        "sociaaldomein evaluate --set beekdal --period 2024 metingen/measurements.csv"
    ]
    assert "beekdal.ommetjes | 2024 | binnen tolerantie |" in verdicts  # as the tutorial says
    report = (tmp_path / "metingen" / "report.md").read_text(encoding="utf-8")
    assert "# Verantwoording 2025 \u2013 " in report
    assert "| Deelnemers aan wandelgroepen voor ouderen | gehaald |" in report
    assert "passed" in outputs["python -m pytest -q sociaaldomein-beekdal/tests"]


def test_the_yearly_cycle_runs_as_written(tmp_path):
    outputs = run_page("cycle.md", tmp_path)
    diff = next(out for line, out in outputs.items() if line.startswith("sociaaldomein diff"))
    assert "waarde herzien 76% (voorlopig) → 81% (definitief)" in diff
    assert "beoordeling niet gehaald → gehaald" in diff
    assert "status van de gegevens voorlopig → definitief" in diff
    adopted = (tmp_path / "rapport-voorjaar" / "report.html").read_text(encoding="utf-8")
    assert "Vastgesteld door de gemeenteraad op 30 juni 2025" in adopted
    autumn = (tmp_path / "rapport-najaar" / "report.md").read_text(encoding="utf-8")
    assert "Wijzigingen sinds de vorige verantwoording" in autumn


@pytest.mark.parametrize("name", ["reference.md", "architecture.md"])
def test_python_examples_in_the_docs_run(name):
    for kind, info, body in blocks(name):
        if kind == "python" and not info:
            exec(compile(body, str(DOCS / name), "exec"), {})


def test_the_reference_names_every_public_name_and_hook():
    reference = (DOCS / "reference.md").read_text(encoding="utf-8")
    missing = [name for name in sociaaldomein.__all__ if f"`{name}`" not in reference]
    missing += [name for name in hook_names() if f"`{name}`" not in reference]
    assert missing == []


def test_the_testing_page_runs(tmp_path):
    for kind, info, body in blocks("testing.md"):
        if kind != "python":
            continue
        if not info:
            exec(compile(body, str(DOCS / "testing.md"), "exec"), {})
            continue
        target = tmp_path / info.removeprefix("file=")
        target.write_text(body, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(target)],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "3 passed" in done.stdout


def test_the_delivery_page_runs_as_written(tmp_path):
    outputs = run_page("delivery.md", tmp_path)
    status = next(out for line, out in outputs.items() if line.startswith("sociaaldomein status"))
    assert "ONS welzijn | 2.tevredenheid | 2024 | voorlopig" in status
    assert "1 aangeleverd, 1 voorlopig, 0 niet bekend, 0 ontbreken" in status
    evaluated = next(
        out for line, out in outputs.items() if line.startswith("sociaaldomein evaluate")
    )
    assert "2.tevredenheid | 2024 | gehaald | 8,2 (doel: minimaal 8,0)" in evaluated
    assert (tmp_path / "overzicht.xlsx").is_file()


def test_the_bbv_page_runs_as_written(tmp_path):
    outputs = run_page("bbv.md", tmp_path)
    evaluated = next(
        out for line, out in outputs.items() if line.startswith("sociaaldomein evaluate")
    )
    assert "bbv.bijstand | 2024-H1 | gehaald | 318 per 10.000 (doel: maximaal 320" in evaluated
    assert "bbv.wmo-maatwerk | 2024 | niet gehaald | 640 per 10.000" in evaluated
    assert "bbv.werkloze-jongeren | 2024 | binnen tolerantie |" in evaluated
    assert "bbv.jeugdhulp | 2024 | niet beoordeeld |" in evaluated
    assert "bbv.jeugdbescherming | 2024 | geen gegevens | waarde niet bekend (n.n.b.)" in evaluated
    report = (tmp_path / "rapport" / "report.md").read_text(encoding="utf-8")
    assert "# Verantwoording 2024 \u2013 Assen: BBV-beleidsindicatoren sociaal domein" in report
    assert "## 6.3 Inkomensregelingen" in report
    assert "Overige indicatoren" not in report
    assert "3 van de 4 bekende waarden zijn voorlopig" in report
    assert "1 waarde is niet bekend" in report
    assert "(halfjaarlijks)" in report
