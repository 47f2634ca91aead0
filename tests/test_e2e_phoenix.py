"""End to end: the quickstart app exports through a BatchSpanProcessor to a real Arize Phoenix.

Phoenix runs as a separate process from its own virtual environment (see
``tests/phoenix_harness.py``); when none is installed the harness installs one into a
cached virtual environment. ``OTEL_REDACT_SKIP_PHOENIX=1`` skips these tests (offline use).

The app under test is ``examples/quickstart.py``: it exports over OTLP to
``OTEL_EXPORTER_OTLP_ENDPOINT`` with ``OTEL_EXPORTER_OTLP_PROTOCOL``, puts
``PHOENIX_PROJECT_NAME`` in the resource attribute ``openinference.project.name``, prints
``spans exported: N`` last, and exposes ``PII_VALUES`` and ``KEPT_WORDS``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Dict, Iterator, List, Sequence

import pytest
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from examples import quickstart
from tests.phoenix_harness import ENV_PHOENIX_BIN, PhoenixServer, find_phoenix, provision_phoenix, run_phoenix

ROOT = Path(__file__).resolve().parents[1]
QUICKSTART = ROOT / "examples" / "quickstart.py"
APP_TIMEOUT = 120.0
INGEST_TIMEOUT = 60.0
_EXPORTED_LINE = re.compile(r"^spans exported:\s*(\d+)\s*$", re.MULTILINE)


def _app_env(extra: Dict[str, str]) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "PHOENIX_"))}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def _run_app(phx: PhoenixServer, protocol: str, project: str) -> int:
    """Run the app against Phoenix; return the count from its ``spans exported: N`` line."""
    endpoint = phx.grpc_endpoint if protocol == "grpc" else phx.otlp_http_base
    env = _app_env(
        {
            "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint,
            "OTEL_EXPORTER_OTLP_PROTOCOL": protocol,
            "PHOENIX_PROJECT_NAME": project,
        }
    )
    argv = [sys.executable, str(QUICKSTART)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=APP_TIMEOUT,
                          cwd=str(ROOT))
    report = f"argv={argv}\n--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}"
    assert done.returncode == 0, report
    counts = _EXPORTED_LINE.findall(done.stdout)
    assert counts, "no 'spans exported: N' line\n" + report
    return int(counts[-1])


def _occurrences(haystack: str, values: Sequence[str]) -> List[str]:
    """Which of ``values`` occur in ``haystack``, raw or JSON-escaped."""
    found = []
    for value in values:
        escaped = json.dumps(value)[1:-1]
        if value in haystack or escaped in haystack:
            found.append(value)
    return found


def _stored_occurrences(phx: PhoenixServer, values: Sequence[str]) -> List[str]:
    """Which of ``values`` occur in the bytes of Phoenix's database files."""
    stored = phx.stored_bytes()
    found = []
    for value in values:
        forms = {value.encode("utf-8"), json.dumps(value)[1:-1].encode("utf-8")}
        if any(form in stored for form in forms):
            found.append(value)
    return found


@pytest.fixture(scope="module")
def phoenix() -> Iterator[PhoenixServer]:
    """One Phoenix server for the module (startup takes about 10 s)."""
    if os.environ.get("OTEL_REDACT_SKIP_PHOENIX") == "1":
        pytest.skip("OTEL_REDACT_SKIP_PHOENIX=1")
    if find_phoenix() is None:
        os.environ[ENV_PHOENIX_BIN] = provision_phoenix()
    with run_phoenix() as phx:
        print(f"\nPhoenix healthy after {phx.startup_seconds:.1f}s at {phx.base_url}")
        yield phx


def _fail_with_log(phx: PhoenixServer, message: str) -> None:
    pytest.fail(f"{message}\n--- Phoenix log (tail) ---\n{phx.log_text()[-8000:]}")


@pytest.mark.parametrize("protocol", ["http/protobuf", "grpc"])
def test_app_spans_reach_phoenix_redacted(phoenix: PhoenixServer, protocol: str) -> None:
    pii_values, kept_words = quickstart.PII_VALUES, quickstart.KEPT_WORDS
    project = f"otel-redact-e2e-{protocol.replace('/', '-')}-{uuid.uuid4().hex[:8]}"
    produced = _run_app(phoenix, protocol, project)
    assert produced > 0

    try:
        spans = phoenix.wait_for_spans(project, produced, timeout=INGEST_TIMEOUT)
    except Exception as exc:  # noqa: BLE001 - report with the server log
        _fail_with_log(phoenix, f"{protocol}: {exc}")
    assert len(spans) == produced, f"{protocol}: Phoenix holds {len(spans)}, app sent {produced}"
    ids = {(s["context"]["trace_id"], s["context"]["span_id"]) for s in spans}
    assert len(ids) == produced, "duplicate spans in Phoenix"

    dump = json.dumps(spans, ensure_ascii=False)
    leaked = _occurrences(dump, pii_values)
    assert not leaked, f"{protocol}: {len(leaked)} raw PII value(s) reached Phoenix: {leaked}"
    stored = _stored_occurrences(phoenix, pii_values)
    assert not stored, f"Phoenix's database holds raw PII value(s): {stored}"

    missing = [w for w in kept_words if w not in dump]
    assert not missing, f"{protocol}: non-sensitive content lost: {missing}"
    llm_spans = [s for s in spans if s.get("span_kind") == "LLM"]
    assert llm_spans, "no LLM span (openinference.span.kind) arrived"
    assert any(s["attributes"].get("llm.model_name") for s in llm_spans), "model name lost"


def test_leak_check_sees_unredacted_values(phoenix: PhoenixServer) -> None:
    """Control: with redaction off, the same search finds the raw values in Phoenix.

    Proves that Phoenix stores and returns values verbatim, so the absence checks above
    are meaningful.  Uses canary values of its own so the database scan of the other
    tests stays clean.
    """
    token = uuid.uuid4().hex[:10]
    canaries = [f"canary.{token}@example.com", f"sk-proj-canary{token}abcdefghij"]
    project = f"otel-redact-e2e-control-{token}"
    provider = TracerProvider(
        resource=Resource.create({"openinference.project.name": project}), shutdown_on_exit=False
    )
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=phoenix.otlp_http_endpoint)))
    with provider.get_tracer("control").start_as_current_span("raw") as span:
        span.set_attribute("openinference.span.kind", "LLM")
        span.set_attribute("input.value", " ".join(canaries))
    provider.shutdown()
    spans = phoenix.wait_for_spans(project, 1, timeout=INGEST_TIMEOUT)
    dump = json.dumps(spans, ensure_ascii=False)
    assert _occurrences(dump, canaries) == canaries
    assert _stored_occurrences(phoenix, canaries) == canaries
