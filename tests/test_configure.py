"""configure() / reset(): MLflow semantics, thread safety, clear errors."""

from __future__ import annotations

import threading

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor

import otel_redact
from otel_redact import Span
from tests.conftest import OtlpBytesExporter


def mark(tag: str):
    def add_tag(span: Span) -> None:
        span.set_attribute("filtered.by", tag)

    return add_tag


def emit(provider: TracerProvider, name: str = "s") -> None:
    with provider.get_tracer("t").start_as_current_span(name) as span:
        span.set_attribute("input.value", "secret")


def tags(exporter) -> list:
    return [span.attributes.get("filtered.by") for span in exporter.spans]


@pytest.fixture
def wired(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


def test_plain_call_persists(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[mark("a")], tracer_provider=provider)
    emit(provider)
    emit(provider)
    assert tags(exporter) == ["a", "a"]


def test_with_block_restores_previous_setting(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[mark("outer")], tracer_provider=provider)
    with otel_redact.configure(span_processors=[mark("inner")], tracer_provider=provider):
        emit(provider)
    emit(provider)
    assert tags(exporter) == ["inner", "outer"]


def test_with_block_on_unconfigured_provider_uninstalls_on_exit(wired):
    provider, exporter = wired
    with otel_redact.configure(span_processors=[mark("inner")], tracer_provider=provider):
        emit(provider)
    emit(provider)
    assert tags(exporter) == ["inner", None]
    assert otel_redact._configure.installed_gate(provider) is None


def test_none_leaves_filters_unchanged_and_empty_list_clears(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[mark("a")], tracer_provider=provider)
    otel_redact.configure(span_processors=None, tracer_provider=provider)
    emit(provider)
    otel_redact.configure(span_processors=[], tracer_provider=provider)
    emit(provider)
    assert tags(exporter) == ["a", None]


def test_filters_run_in_order(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[mark("first"), mark("second")], tracer_provider=provider)
    emit(provider)
    assert tags(exporter) == ["second"]


def test_reset_removes_filters_and_provider_keeps_exporting(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[mark("a")], tracer_provider=provider)
    otel_redact.reset()
    emit(provider, "after-reset")
    assert tags(exporter) == [None]
    assert exporter.spans[0].attributes["input.value"] == "secret"
    # processors added after reset still export (the provider is back to normal)
    late = OtlpBytesExporter()
    provider.add_span_processor(SimpleSpanProcessor(late))
    emit(provider)
    assert len(late.spans) == 1
    assert provider._active_span_processor._span_processors[0].__class__.__name__ == "SimpleSpanProcessor"


def test_processors_from_before_and_after_configure_all_get_filtered_spans(wired):
    provider, first = wired
    otel_redact.configure(span_processors=[mark("a")], tracer_provider=provider)
    emit(provider, "one processor")
    second = OtlpBytesExporter()
    provider.add_span_processor(SimpleSpanProcessor(second))
    emit(provider, "two processors")
    assert [(s.name, s.attributes["filtered.by"]) for s in first.spans] == [("one processor", "a"), ("two processors", "a")]
    assert [(s.name, s.attributes["filtered.by"]) for s in second.spans] == [("two processors", "a")]


def test_processor_added_while_configured_survives_reset(provider):
    otel_redact.configure(span_processors=[mark("a")], tracer_provider=provider)
    exporter = OtlpBytesExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.reset(provider)
    emit(provider)
    assert tags(exporter) == [None]


def test_global_provider_is_the_default(exporter):
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        otel_redact.configure(span_processors=[])  # creates and sets the SDK provider
        provider = trace.get_tracer_provider()
    assert isinstance(provider, TracerProvider)
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    try:
        with otel_redact.configure(span_processors=[mark("global")]):
            emit(provider)
        assert tags(exporter) == ["global"]
    finally:
        otel_redact.reset()


class NotAFilter:
    pass


def two_args(span, other):
    pass


def no_args():
    pass


@pytest.mark.parametrize(
    "bad, message",
    [
        (NotAFilter(), "'NotAFilter' is not callable"),
        (two_args, "'two_args' must take exactly one positional argument"),
        (no_args, "'no_args' must take exactly one positional argument"),
        (lambda *, span: None, "must take exactly one positional argument"),
    ],
)
def test_bad_filter_is_refused_with_its_name(provider, bad, message):
    with pytest.raises(TypeError, match=message):
        otel_redact.configure(span_processors=[bad], tracer_provider=provider)
    assert otel_redact._configure.installed_gate(provider) is None


def test_span_processors_must_be_a_list(provider):
    with pytest.raises(TypeError, match="must be a list"):
        otel_redact.configure(span_processors=mark("a"), tracer_provider=provider)  # type: ignore[arg-type]


def test_accepts_optional_extra_parameters_and_callable_objects(provider):
    class Filter:
        def __call__(self, span, extra=None):
            pass

    otel_redact.configure(span_processors=[Filter(), lambda span, x=1: None], tracer_provider=provider)


def test_bad_on_error_is_refused(provider):
    with pytest.raises(ValueError, match="on_error"):
        otel_redact.configure(span_processors=[], tracer_provider=provider, on_error="ignore")


def test_not_an_sdk_provider_is_refused():
    with pytest.raises(TypeError, match="TracerProvider"):
        otel_redact.configure(span_processors=[], tracer_provider=trace.NoOpTracerProvider())  # type: ignore[arg-type]


def test_concurrent_configure_reset_and_spans(provider, exporter):
    """Threads end spans while others configure and reset: nothing raises, nothing is lost."""
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    errors = []
    stop = threading.Event()

    def churn() -> None:
        try:
            while not stop.is_set():
                otel_redact.configure(span_processors=[mark("x")], tracer_provider=provider)
                otel_redact.reset(provider)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    def spans() -> None:
        try:
            for _ in range(300):
                emit(provider)
        except Exception as error:  # pragma: no cover
            errors.append(error)

    churner = threading.Thread(target=churn)
    workers = [threading.Thread(target=spans) for _ in range(4)]
    churner.start()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    stop.set()
    churner.join()
    assert errors == []
    assert len(exporter.spans) == 1200
