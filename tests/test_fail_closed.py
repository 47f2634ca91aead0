"""A filter that raises never lets the raw span out."""

from __future__ import annotations

import json
import logging

import pytest
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
from opentelemetry.trace import Link, Status, StatusCode

import otel_redact
from otel_redact import Span
from otel_redact._span import NESTED_VALUES

EMAIL = "jane.doe@example.com"
CARD = "4111 1111 1111 1111"


def emit_sensitive_span(provider) -> None:
    tracer = provider.get_tracer("t")
    with tracer.start_as_current_span("seed") as seed:
        context = seed.get_span_context()
    with tracer.start_as_current_span(f"lookup {EMAIL}", links=[Link(context, {"who": EMAIL})]) as span:
        span.set_attribute("openinference.span.kind", "LLM")
        span.set_attribute("llm.model_name", "gpt-4o")
        span.set_attribute("input.value", json.dumps({"card": CARD, "email": EMAIL}))
        span.set_attribute("tags", [EMAIL, "ok"])
        span.set_attribute("nested", {"contact": {EMAIL: CARD}})
        span.set_attribute("llm.token_count.prompt", 12)
        span.add_event("exception", {"exception.message": f"no card {CARD}", "exception.type": "KeyError"})
        span.set_status(Status(StatusCode.ERROR, f"failed for {EMAIL}"))


def half_done_then_raise(span: Span) -> None:
    span.set_attribute("input.value", "partially edited")
    raise RuntimeError(f"cannot handle {EMAIL}")


def test_raising_filter_exports_placeholders_only(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[half_done_then_raise], tracer_provider=provider)
    emit_sensitive_span(provider)

    assert len(exporter.spans) == 2
    for raw in (EMAIL, CARD, "partially edited"):
        assert not exporter.contains(raw), raw
    failed = exporter.spans[1]
    assert failed.attributes["otel_redact.error"] is True
    assert failed.attributes["otel_redact.error.filter"] == "half_done_then_raise"
    assert failed.attributes["otel_redact.error.type"] == "RuntimeError"
    # structure survives: kind, model, numbers, event names, status code, ids
    assert failed.attributes["openinference.span.kind"] == "LLM"
    assert failed.attributes["llm.model_name"] == "gpt-4o"
    assert failed.attributes["llm.token_count.prompt"] == 12
    assert failed.attributes["input.value"] == "[REDACTED]"
    assert failed.attributes["tags"] == ("[REDACTED]", "[REDACTED]")
    assert failed.events[0].name == "exception"
    assert failed.events[0].attributes["exception.type"] == "KeyError"
    assert failed.status.status_code is StatusCode.ERROR
    assert failed.status.description == "[REDACTED]"
    assert failed.name == "[REDACTED]"


def test_what_a_failed_span_keeps_holds_nothing_the_detectors_find(provider, exporter):
    """Event names, structural values and nested keys survive a failure as structure, unless
    they hold a value: an e-mail in an event name or a raw route, an API key as a key."""
    api_key = "sk-proj-Zx8Qm2Lp7Rt4Vw9Yb3Nc6Hd1Jf5Kg0Ts8Ue2Wa4Xo7Pi9"
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[half_done_then_raise], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("http.route", f"/users/{EMAIL}")
        span.set_attribute("gen_ai.request.model", "gpt-4o-mini")
        span.set_attribute("nested", {api_key: 1, "field_name": 2})
        span.set_attribute("payment.card", 4111111111111111)
        span.add_event(f"sent mail to {EMAIL}")
        span.add_event("gen_ai.choice")
    assert not exporter.contains(EMAIL) and not exporter.contains(api_key) and not exporter.contains("4111111111111111")
    failed = exporter.spans[0]
    assert failed.attributes["http.route"] == "[REDACTED]" and failed.attributes["payment.card"] == "[REDACTED]"
    assert failed.attributes["gen_ai.request.model"] == "gpt-4o-mini"
    assert [event.name for event in failed.events] == ["[REDACTED]", "gen_ai.choice"]
    if NESTED_VALUES:  # older SDKs drop the mapping
        assert dict(failed.attributes["nested"]) == {"[REDACTED]_0": 1, "field_name": 2}


def test_a_failed_span_keeps_no_attribute_key_that_holds_a_value(provider, exporter):
    """Keys are content too (``span.set_attribute(f"feedback.{email}", ...)``): a failed span,
    event or link keeps a key only if it reads like a field name, long as the conventions' are."""
    long_key = "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments"
    api_key = "sk-proj-Zx8Qm2Lp7Rt4Vw9Yb3Nc6Hd1Jf5Kg0Ts8Ue2Wa4Xo7Pi9"  # an identifier, found by the detectors
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[half_done_then_raise], tracer_provider=provider)
    tracer = provider.get_tracer("t")
    with tracer.start_as_current_span("seed") as seed:
        context = seed.get_span_context()
    with tracer.start_as_current_span("s", links=[Link(context, {f"from.{EMAIL}": 1})]) as span:
        span.set_attribute(f"user.{EMAIL}", 1)
        span.set_attribute(f"client.{api_key}", 2)
        span.set_attribute(long_key, "{}")
        span.set_attribute("llm.token_count.prompt", 12)
        span.add_event("feedback", {f"to.{EMAIL}": True})
    assert not exporter.contains(EMAIL) and not exporter.contains(api_key)
    failed = exporter.spans[1]
    assert dict(failed.attributes) == {
        "[REDACTED]_0": 1,
        "[REDACTED]_1": 2,
        long_key: "[REDACTED]",
        "llm.token_count.prompt": 12,
        "otel_redact.error": True,
        "otel_redact.error.filter": "half_done_then_raise",
        "otel_redact.error.type": "RuntimeError",
    }
    assert dict(failed.events[0].attributes) == {"[REDACTED]_0": True}
    assert dict(failed.links[0].attributes) == {"[REDACTED]_0": 1}


def test_raising_filter_with_batch_processor(provider, exporter):
    provider.add_span_processor(BatchSpanProcessor(exporter))
    otel_redact.configure(span_processors=[half_done_then_raise], tracer_provider=provider)
    emit_sensitive_span(provider)
    provider.force_flush()
    assert len(exporter.spans) == 2
    assert not exporter.contains(EMAIL) and not exporter.contains(CARD)


def test_drop_option_drops_the_span(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[half_done_then_raise], tracer_provider=provider, on_error="drop")
    emit_sensitive_span(provider)
    assert len(exporter.spans) == 0  # both spans: the seed span fails too


def test_failure_logged_once_per_filter_without_data(provider, exporter, caplog):
    def leaky_filter(span: Span) -> None:
        raise ValueError(f"bad value {EMAIL}")

    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[leaky_filter], tracer_provider=provider)
    with caplog.at_level(logging.DEBUG, logger="otel_redact"):
        emit_sensitive_span(provider)
        emit_sensitive_span(provider)
    records = [r for r in caplog.records if r.name == "otel_redact"]
    assert len(records) == 1
    message = records[0].getMessage()
    assert "leaky_filter" in message and "ValueError" in message
    assert EMAIL not in message and CARD not in message
    assert records[0].exc_info is None  # no traceback: it would carry the data


def test_filter_leaving_an_invalid_value_fails_closed(provider, exporter):
    def bad_value(span: Span) -> None:
        span.events.append("not an event")  # type: ignore[arg-type]

    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[bad_value], tracer_provider=provider)
    emit_sensitive_span(provider)
    assert len(exporter.spans) == 2
    assert not exporter.contains(EMAIL)


def test_later_filters_do_not_run_after_a_failure(provider, exporter):
    ran = []
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(
        span_processors=[half_done_then_raise, lambda span: ran.append(span.name)], tracer_provider=provider
    )
    emit_sensitive_span(provider)
    assert ran == []


@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit])
def test_interpreter_exits_are_not_swallowed(provider, exporter, exc):
    def stop(span: Span) -> None:
        raise exc()

    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[stop], tracer_provider=provider)
    with pytest.raises(exc):
        with provider.get_tracer("t").start_as_current_span("s"):
            pass
    assert exporter.spans == []
