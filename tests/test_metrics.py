"""Optional metrics: counts by entity type and filter name, never a redacted value."""

from __future__ import annotations

import threading
from typing import Dict, FrozenSet, Iterator, Tuple

import pytest
from opentelemetry import metrics
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace.export import SimpleSpanProcessor

import otel_redact
from otel_redact import Span, pii_filter
from otel_redact._metrics import Metrics

EMAIL = "jane.doe@example.com"
CARD = "4111 1111 1111 1111"

Counts = Dict[Tuple[str, FrozenSet[Tuple[str, str]]], int]


def counts(reader: InMemoryMetricReader) -> Tuple[Counts, str]:
    """Every counter point as ((name, attributes) -> value), and the metric data as JSON."""
    data = reader.get_metrics_data()
    points: Counts = {}
    if data is not None:
        for resource_metrics in data.resource_metrics:
            for scope_metrics in resource_metrics.scope_metrics:
                for metric in scope_metrics.metrics:
                    for point in metric.data.data_points:
                        points[metric.name, frozenset(point.attributes.items())] = point.value
    return points, data.to_json() if data is not None else ""


@pytest.fixture(scope="module")
def global_reader() -> Iterator[InMemoryMetricReader]:
    """The global MeterProvider (set once per process), read in memory."""
    reader = InMemoryMetricReader()
    meter_provider = MeterProvider(metric_readers=[reader])
    metrics.set_meter_provider(meter_provider)
    assert metrics.get_meter_provider() is meter_provider, "a global MeterProvider was already set"
    yield reader


@pytest.fixture
def meter() -> Iterator[Tuple[MeterProvider, InMemoryMetricReader]]:
    """A MeterProvider of the test's own, read in memory."""
    reader = InMemoryMetricReader()
    meter_provider = MeterProvider(metric_readers=[reader])
    yield meter_provider, reader
    meter_provider.shutdown()


def emit(provider, exporter, spans: int = 1) -> None:
    """Export ``spans`` spans, each with an e-mail address in its name and a card and an
    e-mail address in its input, through ``exporter``."""
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    for _ in range(spans):
        with provider.get_tracer("t").start_as_current_span(f"mail {EMAIL}") as span:
            span.set_attribute("input.value", f"card {CARD}, mail {EMAIL}")


def test_redactions_by_entity_on_a_given_meter_provider(provider, exporter, meter):
    meter_provider, reader = meter
    otel_redact.configure(
        span_processors=[pii_filter(meter_provider=meter_provider, summary=False)],
        tracer_provider=provider,
    )
    emit(provider, exporter)
    points, raw = counts(reader)
    assert points == {
        ("otel_redact.redactions", frozenset({("entity", "EMAIL_ADDRESS")})): 2,
        ("otel_redact.redactions", frozenset({("entity", "CREDIT_CARD")})): 1,
    }
    assert EMAIL not in raw and CARD not in raw and CARD.replace(" ", "") not in raw  # (not "1111": timestamps hold it)
    assert "otel_redact.redacted_count" not in exporter.spans[0].attributes  # summary=False: silent span


def test_a_span_whose_copy_fails_is_counted_once(provider, exporter, meter, monkeypatch):
    """The hook counts only once its copy exists: when it fails, the facade path redacts
    and counts the span instead, and each redaction is counted once."""

    def failing_copy(*args, **kwargs):
        raise MemoryError("no room for the copy")

    monkeypatch.setattr("otel_redact._pii_filter.redacted_copy", failing_copy)
    meter_provider, reader = meter
    otel_redact.configure(span_processors=[pii_filter(meter_provider=meter_provider)], tracer_provider=provider)
    emit(provider, exporter)
    points, _ = counts(reader)
    assert points == {
        ("otel_redact.redactions", frozenset({("entity", "EMAIL_ADDRESS")})): 2,
        ("otel_redact.redactions", frozenset({("entity", "CREDIT_CARD")})): 1,
    }
    (span,) = exporter.spans
    assert EMAIL not in str(dict(span.attributes)) and EMAIL not in span.name
    assert span.attributes["otel_redact.redacted_count"] == 3


def test_redactions_counted_from_many_threads_add_up_exactly(meter) -> None:
    meter_provider, reader = meter
    counting = Metrics(meter_provider)
    spans_per_thread = 1_300  # past the queue's batch size several times, and not a multiple of it

    shared = {"EMAIL_ADDRESS": 2, "CREDIT_CARD": 1}  # one object for many spans, as a remembered summary is

    def count(share: bool) -> None:
        for _ in range(spans_per_thread):
            counting.redactions(shared if share else {"EMAIL_ADDRESS": 2, "CREDIT_CARD": 1})

    threads = [threading.Thread(target=count, args=(i % 2 == 0,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    points, _ = counts(reader)
    assert points == {
        ("otel_redact.redactions", frozenset({("entity", "EMAIL_ADDRESS")})): 2 * 4 * spans_per_thread,
        ("otel_redact.redactions", frozenset({("entity", "CREDIT_CARD")})): 4 * spans_per_thread,
    }


def failing_filter(span: Span) -> None:
    raise ValueError(f"bad {EMAIL}")


@pytest.mark.parametrize("on_error, dropped", [("redact", 0), ("drop", 1)])
def test_failures_and_drops_on_the_global_meter_provider(provider, exporter, global_reader, on_error, dropped):
    before, _ = counts(global_reader)
    otel_redact.configure(span_processors=[failing_filter], tracer_provider=provider, on_error=on_error)
    emit(provider, exporter)
    after, raw = counts(global_reader)

    def delta(name: str, attributes: FrozenSet[Tuple[str, str]] = frozenset()) -> int:
        return after.get((name, attributes), 0) - before.get((name, attributes), 0)

    assert delta("otel_redact.filter_failures", frozenset({("filter", "failing_filter")})) == 1
    assert delta("otel_redact.spans_dropped") == dropped
    assert EMAIL not in raw and CARD not in raw


def test_redactions_reach_the_global_meter_provider_by_default(provider, exporter, global_reader):
    before, _ = counts(global_reader)
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    emit(provider, exporter)
    after, raw = counts(global_reader)
    key = ("otel_redact.redactions", frozenset({("entity", "CREDIT_CARD")}))
    assert after[key] - before.get(key, 0) == 1
    assert EMAIL not in raw and CARD not in raw


def test_filters_sharing_a_meter_provider_all_count(provider, exporter, meter):
    meter_provider, reader = meter
    first, second = pii_filter(meter_provider=meter_provider), pii_filter(meter_provider=meter_provider, entities=["CREDIT_CARD"])
    otel_redact.configure(span_processors=[second, first], tracer_provider=provider)
    emit(provider, exporter, spans=2)
    points, _ = counts(reader)
    assert points == {
        ("otel_redact.redactions", frozenset({("entity", "EMAIL_ADDRESS")})): 4,  # by the first filter
        ("otel_redact.redactions", frozenset({("entity", "CREDIT_CARD")})): 2,  # by the second
    }
    assert counts(reader)[0] == points  # cumulative: reading again changes nothing
