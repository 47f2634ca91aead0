"""A span every filter vouches for is forwarded as it is: the shortcut never lets a value out raw."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.trace import Status, StatusCode

import otel_redact
from otel_redact import pii_filter
from otel_redact._filters import apply_filters

EMAIL = "jane.doe@example.com"
CLEAN: Dict[str, Any] = {"http.request.method": "POST", "url.full": "https://api.example.com/v1/orders", "server.port": 443}


def ended(name: str = "POST /v1/orders", attributes: Dict[str, Any] = CLEAN, **options: Any) -> ReadableSpan:
    tracer = TracerProvider().get_tracer("t")
    span = tracer.start_span(name, attributes=attributes, **options)
    span.end()
    return span._readable_span()


def test_a_span_seen_clean_before_is_forwarded_as_it_is() -> None:
    redact = pii_filter()
    first = ended()
    assert not redact.leaves_unchanged(first)  # nothing seen yet: the filter must run
    assert apply_filters(first, (redact,), "redact") is first  # ran, changed nothing
    second = ended()
    assert redact.leaves_unchanged(second)
    assert apply_filters(second, (redact,), "redact") is second


@pytest.mark.parametrize(
    "name, attributes",
    [
        ("POST /v1/orders", {**CLEAN, "user.email": EMAIL}),  # a new value
        (f"mail {EMAIL}", CLEAN),  # a new name
        ("POST /v1/orders", {**CLEAN, "password": "POST"}),  # a clean value under a sensitive key
    ],
    ids=["value", "name", "sensitive key"],
)
def test_anything_not_seen_clean_runs_the_filter(name: str, attributes: Dict[str, Any]) -> None:
    redact = pii_filter()
    apply_filters(ended(), (redact,), "redact")
    span = ended(name, attributes)
    assert not redact.leaves_unchanged(span)
    out = apply_filters(span, (redact,), "redact")
    assert out is not span
    assert EMAIL not in repr(dict(out.attributes)) + out.name
    if "password" in attributes:
        assert out.attributes["password"] == "<SENSITIVE_KEY>"


def test_events_and_status_descriptions_run_the_filter() -> None:
    redact = pii_filter()
    apply_filters(ended(), (redact,), "redact")
    tracer = TracerProvider().get_tracer("t")
    span = tracer.start_span("POST /v1/orders", attributes=CLEAN)
    span.add_event("retry", {"to": EMAIL})
    span.set_status(Status(StatusCode.ERROR, f"no mailbox {EMAIL}"))
    span.end()
    source = span._readable_span()
    assert not redact.leaves_unchanged(source)
    out = apply_filters(source, (redact,), "redact")
    assert EMAIL not in repr(out.events[0].attributes) and EMAIL not in out.status.description


def test_a_filter_without_the_check_or_with_a_failing_one_still_runs() -> None:
    redact = pii_filter()
    apply_filters(ended(), (redact,), "redact")
    calls = []

    def plain_filter(span: Any) -> None:
        calls.append(span.name)

    class Vouching:
        def __call__(self, span: Any) -> None:
            calls.append("vouching ran")
            span.set_attribute("user.email", EMAIL)

        def leaves_unchanged(self, span: ReadableSpan) -> Any:
            raise RuntimeError("cannot tell")

    apply_filters(ended(), (redact, plain_filter), "redact")
    out = apply_filters(ended(), (Vouching(), redact), "redact")
    assert calls == ["POST /v1/orders", "vouching ran"]
    assert out.attributes["user.email"] == "<EMAIL_ADDRESS>"


def test_only_a_true_answer_counts() -> None:
    class Maybe:
        def __call__(self, span: Any) -> None:
            span.set_attribute("touched", True)

        def leaves_unchanged(self, span: ReadableSpan) -> Any:
            return 1  # truthy, but not an answer

    assert apply_filters(ended(), (Maybe(),), "redact").attributes["touched"] is True


def test_many_clean_spans_then_one_with_pii_reaches_the_exporter_redacted(provider, exporter) -> None:
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    tracer = provider.get_tracer("t")
    for _ in range(50):
        tracer.start_span("POST /v1/orders", attributes=CLEAN).end()
    tracer.start_span("POST /v1/orders", attributes={**CLEAN, "url.full": f"https://api.example.com/v1/orders?email={EMAIL}"}).end()
    assert len(exporter.spans) == 51
    assert not exporter.contains(EMAIL)
    assert exporter.contains("https://api.example.com/v1/orders")
