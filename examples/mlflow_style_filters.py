"""MLflow-style filter functions: plain functions that edit the span in place.

    python examples/mlflow_style_filters.py

The first two filters are MLflow's documented examples, unchanged but for the imports;
the third does what MLflow cannot: rename the span, drop an attribute, edit an event.
"""

from __future__ import annotations

import json
import re

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import otel_redact
from otel_redact import Span, SpanType

EMAIL_PATTERN = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"


def redact_email(span: Span) -> None:
    raw_input = span.inputs.get("text")
    redacted_input = re.sub(EMAIL_PATTERN, "[REDACTED]", raw_input)
    span.set_inputs({"text": redacted_input})


def redact_bank_account(span: Span) -> None:
    if span.span_type == SpanType.TOOL and span.name == "get_bank_account":
        span.set_outputs("[REDACTED]")


def beyond_mlflow(span: Span) -> None:
    """Rename spans that carry a user id, drop a debug attribute, scrub exception events."""
    span.name = re.sub(r"/users/[^/]+", "/users/{id}", span.name)
    span.delete_attribute("debug.raw_request")
    for event in span.events:
        for key, value in list(event.attributes.items()):
            if isinstance(value, str):
                event.attributes[key] = re.sub(EMAIL_PATTERN, "[REDACTED]", value)


def main() -> int:
    provider = TracerProvider()
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[redact_email, redact_bank_account, beyond_mlflow], tracer_provider=provider)

    tracer = provider.get_tracer("example")
    with tracer.start_as_current_span("predict") as span:
        span.set_attribute("mlflow.spanType", json.dumps(SpanType.CHAIN))
        span.set_attribute("mlflow.spanInputs", json.dumps({"text": "My e-mail address is test@example.com"}))
    with tracer.start_as_current_span("get_bank_account") as span:
        span.set_attribute("mlflow.spanType", json.dumps(SpanType.TOOL))
        span.set_attribute("mlflow.spanInputs", json.dumps({"text": "account of user 42"}))
        span.set_attribute("mlflow.spanOutputs", json.dumps({"iban": "DE89370400440532013000"}))
    with tracer.start_as_current_span("GET /users/test@example.com") as span:
        span.set_attribute("mlflow.spanInputs", json.dumps({"text": "lookup"}))
        span.set_attribute("debug.raw_request", "GET /users/test@example.com HTTP/1.1")
        span.record_exception(KeyError("no user test@example.com"))
    provider.shutdown()

    for finished in exporter.get_finished_spans():
        print(finished.name, json.dumps(dict(finished.attributes)), [dict(e.attributes) for e in finished.events])
    exported = "".join(span.to_json() for span in exporter.get_finished_spans())
    leaked = "test@example.com" in exported or "DE89370400440532013000" in exported
    print("leaked:", leaked)
    return 1 if leaked else 0


if __name__ == "__main__":
    raise SystemExit(main())
