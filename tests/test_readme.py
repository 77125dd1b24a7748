"""The README's code runs as written."""

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_opens_with_the_two_commands():
    first_block = README.read_text().split("```")[1]
    assert first_block.split("\n")[1].startswith("make demo")
    assert first_block.split("\n")[2].startswith("make test")


def test_readme_python_example_runs(capsys):
    code = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    assert code
    for block in code:
        exec(compile(block, str(README), "exec"), {})
    out = capsys.readouterr().out
    assert "jeugd.tevredenheid gehaald | 7,8 (doel: minimaal 7,5); gehaald" in out
    assert "wmo.beter-redden geen gegevens | geen meting voor 2024" in out  # every indicator
    # Assen's tolerance is a rising trend on the previous year, which is not measured here.
    assert "wmo.ondersteuning-past niet gehaald" in out
    assert "vorige meting ontbreekt" in out
