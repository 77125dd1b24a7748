"""Defects a review found on main, each with the test that showed it.

Each test is named after the defect; each failed on the code before its fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sociaaldomein.cli import main
from sociaaldomein.testing.cbs_feed import serve_feed

FEEDS = Path(__file__).resolve().parent / "data" / "cbs-feed"


def run(capsys, *argv):
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def empty_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("SOCIAALDOMEIN_CBS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("SOCIAALDOMEIN_CBS_FEED", raising=False)
    return tmp_path / "cache"


def test_a_feed_fetch_does_not_reuse_data_cached_from_another_feed(capsys, empty_cache, tmp_path):
    for name in ("a", "b"):
        with serve_feed(FEEDS / "v4") as feed:
            status, _, err = run(
                capsys, "fetch", "cbs", "--set", "bbv-sociaal-domein", "--subject", "GM0106",
                "--period", "2023", "--online", "--feed", feed.url,
                "-o", tmp_path / f"{name}.csv", "--format", "json",
            )  # fmt: skip
        assert status == 0, err
        assert feed.requests, f"feed {name} was asked"


def test_feed_without_online_is_not_silently_ignored(capsys, empty_cache, tmp_path):
    # Naming a feed means asking it: --feed implies --online.
    with serve_feed(FEEDS / "v4") as feed:
        status, out, err = run(
            capsys, "fetch", "cbs", "--set", "bbv-sociaal-domein", "--subject", "GM0106",
            "--period", "2023", "--feed", feed.url, "-o", tmp_path / "f.csv", "--format", "json",
        )  # fmt: skip
    assert status == 0, out + err
    assert feed.requests, "the feed was asked"
    assert json.loads(out)["measurements"] == 7
