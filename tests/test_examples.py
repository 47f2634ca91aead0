"""Every example runs as a user would run it, and checks its own result."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.py"))


def run_example(name: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "examples" / name)],
        capture_output=True, text=True, timeout=120, env=environment, cwd=ROOT,
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_runs_and_passes_its_own_check(name):
    result = run_example(name)
    assert result.returncode == 0, result.stdout + result.stderr


def test_quickstart_shows_before_and_after_on_the_console():
    from examples import quickstart

    result = run_example("quickstart.py")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "spans exported: 5" in out
    after = out.split("=== otel-redact quickstart: before / after ===")[1]
    assert "user message after : Hi, I'm Jane (<EMAIL_ADDRESS>, <PHONE_NUMBER>)" in after
    assert "LEAKED" not in after and "MISSING" not in after
    console = out.split("===")[0]  # the embedded console sink: exported spans as JSON lines
    assert console.count('"trace_id"') == 5
    for value in quickstart.PII_VALUES:
        assert value not in console
