"""MLflow's documented filter examples run unchanged, apart from the import lines.

Spans are produced the way MLflow writes them (``mlflow.spanType``, ``mlflow.spanInputs``,
``mlflow.spanOutputs``, every value ``json.dumps``-encoded) through a real SDK pipeline.
"""

from __future__ import annotations

import json
import re

from opentelemetry.sdk.trace.export import SimpleSpanProcessor

import otel_redact as mlflow_tracing  # stands in for ``mlflow.tracing``
from otel_redact import Span, SpanType


def mlflow_span(provider, name: str, span_type: str, inputs, outputs) -> None:
    with provider.get_tracer("mlflow").start_as_current_span(name) as span:
        span.set_attribute("mlflow.spanType", json.dumps(span_type))
        span.set_attribute("mlflow.spanInputs", json.dumps(inputs))
        span.set_attribute("mlflow.spanOutputs", json.dumps(outputs))


# --- Example 1 of MLflow's "Redacting Sensitive Data from Traces" ----------------------
EMAIL_PATTERN = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"


def redact_email(span: Span) -> None:
    raw_input = span.inputs.get("text")
    redacted_input = re.sub(EMAIL_PATTERN, "[REDACTED]", raw_input)
    span.set_inputs({"text": redacted_input})


# --- Example 2: apply the filter to specific spans only ---------------------------------
def redact_bank_account(span: Span) -> None:
    if span.span_type == SpanType.TOOL and span.name == "get_bank_account":
        span.set_outputs("[REDACTED]")


# --- The example in MLflow's API reference for mlflow.tracing.configure -----------------
def pii_filter(span):
    """Example PII filter that masks sensitive data in span attributes."""
    # Mask sensitive inputs
    if inputs := span.inputs:
        for key, value in inputs.items():
            if "password" in key.lower() or "token" in key.lower():
                span.set_inputs({**inputs, key: "[REDACTED]"})

    # Mask sensitive outputs
    if outputs := span.outputs:
        if isinstance(outputs, dict):
            for key in outputs:
                if "secret" in key.lower():
                    outputs[key] = "[REDACTED]"
            span.set_outputs(outputs)

    # Mask sensitive attributes
    for attr_key in list(span.attributes.keys()):
        if "api_key" in attr_key.lower():
            span.set_attribute(attr_key, "[REDACTED]")


def test_example_1_redact_email(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    mlflow_tracing.configure(span_processors=[redact_email], tracer_provider=provider)
    mlflow_span(provider, "predict", "UNKNOWN", {"text": "My e-mail address is test@example.com"}, "Answer")

    (span,) = exporter.spans
    assert json.loads(span.attributes["mlflow.spanInputs"]) == {"text": "My e-mail address is [REDACTED]"}
    assert not exporter.contains("test@example.com")


def test_example_2_redact_tool_output_by_span_type(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    mlflow_tracing.configure(span_processors=[redact_bank_account], tracer_provider=provider)
    mlflow_span(provider, "get_bank_account", SpanType.TOOL, {"user": "u1"}, {"account": "DE89370400440532013000"})
    mlflow_span(provider, "chat", SpanType.LLM, {"q": "hi"}, "hello")

    tool, llm = exporter.spans
    assert json.loads(tool.attributes["mlflow.spanOutputs"]) == "[REDACTED]"
    assert json.loads(llm.attributes["mlflow.spanOutputs"]) == "hello"
    assert not exporter.contains("DE89370400440532013000")


def test_api_reference_pii_filter(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    mlflow_tracing.configure(span_processors=[pii_filter], tracer_provider=provider)
    with provider.get_tracer("mlflow").start_as_current_span("login") as span:
        span.set_attribute("mlflow.spanType", json.dumps("CHAIN"))
        span.set_attribute("mlflow.spanInputs", json.dumps({"user": "ann", "password": "hunter2"}))
        span.set_attribute("mlflow.spanOutputs", json.dumps({"client_secret": "s3cr3t", "ok": True}))
        span.set_attribute("service.api_key", "sk-live-123")

    (exported,) = exporter.spans
    assert json.loads(exported.attributes["mlflow.spanInputs"]) == {"user": "ann", "password": "[REDACTED]"}
    assert json.loads(exported.attributes["mlflow.spanOutputs"]) == {"client_secret": "[REDACTED]", "ok": True}
    assert exported.attributes["service.api_key"] == "[REDACTED]"
    for raw in ("hunter2", "s3cr3t", "sk-live-123"):
        assert not exporter.contains(raw)


def test_examples_as_context_manager(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    with mlflow_tracing.configure(span_processors=[redact_email], tracer_provider=provider):
        mlflow_span(provider, "predict", "UNKNOWN", {"text": "a@b.io"}, "x")
    mlflow_span(provider, "predict", "UNKNOWN", {"text": "c@d.io"}, "x")
    assert not exporter.contains("a@b.io")
    assert exporter.contains("c@d.io")  # outside the with block: no filter
