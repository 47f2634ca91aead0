"""Every processor on the provider sees only filtered spans, whenever it was added."""

from __future__ import annotations

import re

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

import otel_redact
from otel_redact import RedactingSpanProcessor, Span

SECRET = "jane.doe@example.com"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def scrub_emails(span: Span) -> None:
    """Rewrite every string attribute, event attribute and the name without e-mails."""
    span.name = EMAIL.sub("[EMAIL]", span.name)
    for key, value in span.attributes.items():
        if isinstance(value, str):
            span.set_attribute(key, EMAIL.sub("[EMAIL]", value))
    for event in span.events:
        for key, value in list(event.attributes.items()):
            if isinstance(value, str):
                event.attributes[key] = EMAIL.sub("[EMAIL]", value)
    for link in span.links:
        for key, value in list(link.attributes.items()):
            if isinstance(value, str):
                link.attributes[key] = EMAIL.sub("[EMAIL]", value)
    if span.status_description:
        span.status_description = EMAIL.sub("[EMAIL]", span.status_description)


def make_span(provider: TracerProvider) -> None:
    from opentelemetry.trace import Link, Status, StatusCode

    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("seed") as seed:
        seed_context = seed.get_span_context()
    with tracer.start_as_current_span(
        f"GET /users/{SECRET}",
        links=[Link(seed_context, {"link.note": f"from {SECRET}"})],
    ) as span:
        span.set_attribute("input.value", f"please mail {SECRET}")
        span.set_attribute("model", "gpt-4o")
        span.add_event("note", {"text": f"sent to {SECRET}"})
        span.set_status(Status(StatusCode.ERROR, f"bounced: {SECRET}"))


def processor_of(kind: str, exporter):
    return SimpleSpanProcessor(exporter) if kind == "simple" else BatchSpanProcessor(exporter)


@pytest.mark.parametrize("kind", ["simple", "batch"])
@pytest.mark.parametrize("order", ["processor_first", "configure_first"])
def test_every_processor_sees_only_redacted_spans(provider, exporter, kind, order):
    if order == "processor_first":
        provider.add_span_processor(processor_of(kind, exporter))
        otel_redact.configure(span_processors=[scrub_emails], tracer_provider=provider)
    else:
        otel_redact.configure(span_processors=[scrub_emails], tracer_provider=provider)
        provider.add_span_processor(processor_of(kind, exporter))

    make_span(provider)
    assert provider.force_flush()

    assert len(exporter.spans) == 2
    assert not exporter.contains(SECRET)
    assert exporter.contains("[EMAIL]")
    assert exporter.contains("gpt-4o")  # content that is not sensitive survives


def test_without_configure_the_raw_value_is_exported(provider, exporter):
    """The leak check can fail: with no filter, the raw value is in the bytes."""
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    make_span(provider)
    assert exporter.contains(SECRET)


def test_processors_before_and_after_both_filtered(provider):
    from tests.conftest import OtlpBytesExporter

    before, after = OtlpBytesExporter(), OtlpBytesExporter()
    provider.add_span_processor(SimpleSpanProcessor(before))
    otel_redact.configure(span_processors=[scrub_emails], tracer_provider=provider)
    provider.add_span_processor(SimpleSpanProcessor(after))
    make_span(provider)
    for exporter in (before, after):
        assert len(exporter.spans) == 2
        assert not exporter.contains(SECRET)


def test_tracer_created_before_configure_is_filtered(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = provider.get_tracer("early")
    otel_redact.configure(span_processors=[scrub_emails], tracer_provider=provider)
    with tracer.start_as_current_span("s") as span:
        span.set_attribute("input.value", SECRET)
    assert exporter.spans and not exporter.contains(SECRET)


@pytest.mark.parametrize("kind", ["simple", "batch"])
def test_explicit_composition(exporter, kind):
    provider = TracerProvider(shutdown_on_exit=False)
    provider.add_span_processor(
        RedactingSpanProcessor(processor_of(kind, exporter), span_processors=[scrub_emails])
    )
    make_span(provider)
    provider.shutdown()
    assert len(exporter.spans) == 2
    assert not exporter.contains(SECRET)


def test_explicit_composition_wraps_a_bare_exporter_in_a_batch_processor(exporter):
    provider = TracerProvider(shutdown_on_exit=False)
    redacting = RedactingSpanProcessor(exporter, span_processors=[scrub_emails])
    assert isinstance(redacting.processors[0], BatchSpanProcessor)
    provider.add_span_processor(redacting)
    make_span(provider)
    provider.shutdown()  # flushes the batch processor
    assert len(exporter.spans) == 2
    assert not exporter.contains(SECRET)


def test_rejects_something_that_is_not_a_processor():
    with pytest.raises(TypeError, match="SpanProcessor or SpanExporter"):
        RedactingSpanProcessor("not a processor")  # type: ignore[arg-type]


def test_unchanged_span_is_forwarded_as_is(provider, exporter):
    """A filter that changes nothing costs no copy: downstream gets the SDK's own span."""
    seen = []
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[lambda span: seen.append(span.name)], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("plain"):
        pass
    assert seen == ["plain"]
    assert type(exporter.spans[0]).__name__ == "ReadableSpan"
