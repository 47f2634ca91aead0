"""Deferred mode: redaction on the export thread, with a whole-batch hook."""

from __future__ import annotations

import logging
import threading
from typing import List, Sequence

import pytest
from opentelemetry.sdk.trace import TracerProvider

from otel_redact import Finding, Span, batch_processor, pii_filter
from tests.conftest import deferred_pipeline

EMAIL = "jane.doe@example.com"


def emit(provider: TracerProvider, count: int = 3) -> None:
    tracer = provider.get_tracer("t")
    for i in range(count):
        with tracer.start_as_current_span(f"step-{i}") as span:
            span.set_attribute("input.value", f"write to {EMAIL}")


def test_filters_run_on_the_export_thread(exporter):
    threads = []

    def record_thread(span: Span) -> None:
        threads.append(threading.get_ident())

    provider = deferred_pipeline(exporter, batch=True, span_processors=[record_thread, pii_filter()])
    emit(provider)
    provider.shutdown()
    assert len(exporter.spans) == 3 and not exporter.contains(EMAIL)
    assert threads and threading.get_ident() not in threads


def test_batch_processor_sees_the_whole_batch_and_redacts(exporter):
    sizes = []

    def whole_batch(spans):
        sizes.append(len(spans))
        for span in spans:
            span.set_attribute("input.value", "[batch-redacted]")
        return spans

    provider = deferred_pipeline(exporter, batch=True, batch_processors=[whole_batch])
    emit(provider, 5)
    provider.shutdown()
    assert sizes == [5]
    assert [s.attributes["input.value"] for s in exporter.spans] == ["[batch-redacted]"] * 5


class OneResultTooMany:
    """A batch detector that finds the e-mail, but puts an extra result first: zip would
    pair every text with the wrong findings."""

    entities = frozenset({"EMAIL_ADDRESS"})

    def find(self, text: str) -> List[Finding]:
        start = text.find(EMAIL)
        return [Finding(start, start + len(EMAIL), "EMAIL_ADDRESS")] if start >= 0 else []

    def find_batch(self, texts: Sequence[str]) -> List[List[Finding]]:
        return [[]] + [self.find(text) for text in texts]


@pytest.mark.parametrize(
    "make_bad_batch, error_type",
    [
        pytest.param(lambda: lambda spans: spans[:-1], "ValueError", id="one span too few"),
        pytest.param(lambda: lambda spans: list(reversed(spans)), "ValueError", id="reordered"),
        pytest.param(lambda: lambda spans: 1 / 0, "ZeroDivisionError", id="raises"),
        pytest.param(lambda: lambda spans: [None] * len(spans), "ValueError", id="not spans"),
        pytest.param(lambda: batch_processor(OneResultTooMany()), "RuntimeError", id="detector gives one result too many"),
    ],
)
def test_a_bad_batch_processor_drops_the_batch(exporter, caplog, make_bad_batch, error_type):
    # Made per run: a failure is logged once per batch processor object.
    provider = deferred_pipeline(exporter, batch=True, batch_processors=[make_bad_batch()])
    with caplog.at_level(logging.ERROR, logger="otel_redact"):
        emit(provider)
        provider.shutdown()
    assert exporter.spans == []
    assert any("dropped" in r.getMessage() and f"raised {error_type};" in r.getMessage() for r in caplog.records)
    assert EMAIL not in caplog.text and not exporter.contains(EMAIL)


def test_a_raising_span_filter_fails_closed_in_deferred_mode(exporter):
    def broken(span: Span) -> None:
        raise RuntimeError(EMAIL)

    provider = deferred_pipeline(exporter, span_processors=[broken])
    emit(provider, 1)
    provider.shutdown()
    assert len(exporter.spans) == 1 and not exporter.contains(EMAIL)
    assert exporter.spans[0].attributes["otel_redact.error"] is True


def test_drop_policy_in_deferred_mode(exporter):
    provider = deferred_pipeline(exporter, span_processors=[lambda span: 1 / 0], on_error="drop")
    emit(provider, 2)
    provider.shutdown()
    assert exporter.spans == []


def test_without_filters_it_passes_spans_through(exporter):
    provider = deferred_pipeline(exporter)
    emit(provider, 2)
    provider.shutdown()
    assert len(exporter.spans) == 2 and exporter.contains(EMAIL)


def test_deferred_and_inline_redaction_export_the_same_spans(exporter):
    from otel_redact import RedactingSpanProcessor

    def emit_mixed(provider: TracerProvider) -> None:
        tracer = provider.get_tracer("t")
        for i in range(4):  # the same text again and again: the shortcut's memo hits
            with tracer.start_as_current_span(f"mail {EMAIL}") as span:
                span.set_attribute("input.value", f"write to {EMAIL}")
                span.set_attribute("step", i)
                if i == 3:
                    span.add_event("retry", {"to": EMAIL})  # events: run on a facade

    inline_sink = type(exporter)()
    inline = TracerProvider(shutdown_on_exit=False)
    inline.add_span_processor(RedactingSpanProcessor(inline_sink, span_processors=[pii_filter()]))
    emit_mixed(inline)
    inline.shutdown()
    deferred = deferred_pipeline(exporter, batch=True, span_processors=[pii_filter()])
    emit_mixed(deferred)
    deferred.shutdown()

    def exported(sink):
        return [(s.name, dict(s.attributes), [dict(e.attributes) for e in s.events]) for s in sink.spans]

    assert len(exporter.spans) == 4 and not exporter.contains(EMAIL)
    assert exported(exporter) == exported(inline_sink)
    assert exported(exporter)[0][1]["input.value"] == "write to <EMAIL_ADDRESS>"

