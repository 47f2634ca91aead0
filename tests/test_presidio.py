"""Presidio (spaCy NER) detectors: synchronous in pii_filter, batched in RedactingSpanExporter."""

from __future__ import annotations

import json
import logging
import sys
from typing import Iterator

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
from opentelemetry.trace import Status, StatusCode

pytest.importorskip("presidio_analyzer")

from otel_redact import (  # noqa: E402
    Finding,
    RedactingSpanExporter,
    create_anonymizer,
    pii_filter,
    presidio_batch_processor,
    presidio_detector,
)
from otel_redact._batch import outside_markers  # noqa: E402
from otel_redact._presidio import PresidioDetector, load_spacy_model  # noqa: E402

NAMES = ("John Smith", "Maria Garcia", "Robert Johnson")


@pytest.fixture(scope="module")
def detector() -> Iterator[PresidioDetector]:
    """One loaded model for the whole module."""
    yield presidio_detector(["PERSON", "LOCATION"])


def emit(provider: TracerProvider) -> None:
    tracer = provider.get_tracer("t")
    with tracer.start_as_current_span("chat with John Smith") as span:
        span.set_attribute("input.value", json.dumps({"messages": [{"role": "user", "content": "I am Maria Garcia."}]}))
        span.set_attribute("user.email", "maria@example.com")
        span.add_event("note", {"text": "Robert Johnson called from Paris."})
        span.set_status(Status(StatusCode.ERROR, "John Smith was not found"))
    with tracer.start_as_current_span("plain") as span:
        span.set_attribute("input.value", "nothing personal here")


def test_importing_otel_redact_loads_no_nlp() -> None:
    code = "import otel_redact, sys; print(any(m.split('.')[0] in ('presidio_analyzer', 'spacy', 'boto3') for m in sys.modules))"
    import subprocess

    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_finds_names_and_places(detector: PresidioDetector) -> None:
    text = "My name is John Smith and I live in Paris."
    found = detector.find(text)
    assert [(text[f.start : f.end], f.entity) for f in found] == [("John Smith", "PERSON"), ("Paris", "LOCATION")]
    assert detector.find_batch([text, "", "  "]) == [found, [], []]


def test_entity_selection_and_unknown_types(detector: PresidioDetector) -> None:
    with pytest.raises(ValueError, match="does not detect"):
        presidio_detector(["NO_SUCH_TYPE"], analyzer=detector._analyzer)
    people = presidio_detector(["PERSON"], analyzer=detector._analyzer)
    assert {f.entity for f in people.find("John Smith flew to Paris.")} == {"PERSON"}


def test_model_by_installed_package_name() -> None:
    assert "ner" in load_spacy_model("en_core_web_sm").pipe_names
    with pytest.raises(OSError, match="not installed"):
        load_spacy_model("xx_no_such_model")


def test_synchronous_with_builtins_and_strategies(detector: PresidioDetector) -> None:
    anonymizer = create_anonymizer(detectors=[detector], strategies={"PERSON": "pseudonym", "*": "placeholder"})
    out = anonymizer({"q": "Ask John Smith at john.smith@example.com", "n": json.dumps(["Maria Garcia"])})
    assert "John" not in json.dumps(out) and "Maria" not in json.dumps(out)
    assert out["q"].startswith("Ask <PERSON:") and out["q"].endswith(" at <EMAIL_ADDRESS>")


def test_markers_are_not_findings() -> None:
    text = "<PERSON> Smith met <EMAIL_ADDRESS:3f9a1c2b>"
    found = outside_markers(text, [Finding(0, 14, "PERSON"), Finding(19, len(text), "PERSON")])
    assert [text[f.start : f.end] for f in found] == ["Smith"]


def test_pii_filter_synchronous(exporter, detector: PresidioDetector) -> None:
    provider = TracerProvider(shutdown_on_exit=False)
    provider.add_span_processor(SimpleSpanProcessor(RedactingSpanExporter(exporter, span_processors=[pii_filter(detectors=[detector])])))
    emit(provider)
    provider.shutdown()
    assert not any(exporter.contains(name) for name in NAMES) and not exporter.contains("maria@example.com")


def test_batched_names_gone_from_otlp_bytes(exporter, detector: PresidioDetector) -> None:
    batch = presidio_batch_processor(detector=detector)
    calls = []
    find_batch = detector.find_batch
    detector.find_batch = lambda texts: calls.append(len(texts)) or find_batch(texts)  # type: ignore[method-assign]
    try:
        provider = TracerProvider(shutdown_on_exit=False)
        redacting = RedactingSpanExporter(exporter, span_processors=[pii_filter()], batch_processors=[batch])
        provider.add_span_processor(BatchSpanProcessor(redacting))
        emit(provider)
        provider.shutdown()
    finally:
        del detector.find_batch
    assert len(calls) == 1 and len(exporter.spans) == 2
    assert not any(exporter.contains(name) for name in NAMES)
    assert not exporter.contains("maria@example.com") and not exporter.contains("Paris")
    first = next(s for s in exporter.spans if s.name != "plain")
    assert first.name == "chat with <PERSON>"
    assert json.loads(first.attributes["input.value"])["messages"][0]["content"] == "I am <PERSON>."
    assert first.status.description == "<PERSON> was not found"
    assert first.attributes["otel_redact.redacted_types"] == ("EMAIL_ADDRESS", "LOCATION", "PERSON")
    assert first.attributes["otel_redact.redacted_count"] == 6
    assert exporter.contains("nothing personal here")


def test_failure_drops_the_batch_without_logging_data(exporter, detector: PresidioDetector, caplog) -> None:
    class Broken(PresidioDetector):
        def find_batch(self, texts):
            raise RuntimeError(f"model crashed on {texts[0]}")

    broken = Broken.__new__(Broken)
    broken.__dict__.update(detector.__dict__)
    provider = TracerProvider(shutdown_on_exit=False)
    provider.add_span_processor(
        SimpleSpanProcessor(RedactingSpanExporter(exporter, batch_processors=[presidio_batch_processor(detector=broken)]))
    )
    with caplog.at_level(logging.ERROR, logger="otel_redact"):
        emit(provider)
    provider.shutdown()
    assert exporter.spans == [] and not exporter.data
    assert caplog.records and not any(name in caplog.text for name in NAMES) and "RuntimeError" in caplog.text
