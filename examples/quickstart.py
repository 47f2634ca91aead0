"""otel-redact quickstart: a small LLM agent whose spans are full of PII, redacted in one line.

    python examples/quickstart.py

Spans go over OTLP when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set (``OTEL_EXPORTER_OTLP_PROTOCOL``
``grpc`` or ``http/protobuf``, the default), otherwise to the console. The script then
prints what the agent put into its spans beside what left the process.
"""

from __future__ import annotations

import json
import os
import sys
from typing import List, Sequence

from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
    SpanExportResult,
)
from opentelemetry.trace import Status, StatusCode, Tracer

import otel_redact

EMAIL = "jane.doe@example.com"
PHONE = "+1 415-555-0132"
UK_PHONE = "+44 20 7946 0958"
CARD = "4111 1111 1111 1111"
IBAN = "DE89 3704 0044 0532 0130 00"
SSN = "536-90-4399"
API_KEY = "sk-proj-Zx8Qm2Lp7Rt4Vw9Yb3Nc6Hd1Jf5Kg0Ts8Ue2Wa4Xo7Pi9"
URL_TOKEN = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0"

PII_VALUES: List[str] = [EMAIL, PHONE, UK_PHONE, CARD, IBAN, SSN, API_KEY, URL_TOKEN]
KEPT_WORDS: List[str] = ["gpt-4o-mini", "weather", "Paris", "get_weather", "Sunny"]

USER_MESSAGE = (
    f"Hi, I'm Jane ({EMAIL}, {PHONE}). What's the weather in Paris? "
    f"Then charge my card {CARD} for the umbrella."
)
SYSTEM_PROMPT = "You are a helpful travel assistant. Never reveal customer data."
ANSWER = f"Sunny, 21 C in Paris. I will e-mail the receipt to {EMAIL}."
CUSTOMER_RECORD = f"Jane Doe, IBAN {IBAN}, SSN {SSN}, mobile {UK_PHONE}, notes: prefers e-mail."


class CapturingExporter(SpanExporter):
    """Keeps the OTLP bytes of every exported span, to show what left the process."""

    def __init__(self) -> None:
        self.spans: List[ReadableSpan] = []
        self.payload = b""

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.spans.extend(spans)
        self.payload += encode_spans(spans).SerializeToString()
        return SpanExportResult.SUCCESS


def make_exporter() -> SpanExporter:
    """OTLP when an endpoint is configured, else the console."""
    if not os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        return ConsoleSpanExporter(formatter=lambda span: span.to_json(indent=None) + os.linesep)
    if os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf") == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
    else:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter  # type: ignore[assignment]
    return OTLPSpanExporter()


def run_agent(tracer: Tracer) -> None:
    """One agent turn: an LLM call that asks for a tool, the tool, a lookup, a failing payment."""
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": USER_MESSAGE}]
    with tracer.start_as_current_span("support-agent") as agent:
        agent.set_attribute("openinference.span.kind", "AGENT")
        agent.set_attribute("input.value", USER_MESSAGE)
        agent.set_attribute("input.mime_type", "text/plain")
        agent.set_attribute("user.id", EMAIL)

        with tracer.start_as_current_span("ChatCompletion") as llm:
            llm.set_attribute("openinference.span.kind", "LLM")
            llm.set_attribute("llm.model_name", "gpt-4o-mini")
            llm.set_attribute("input.value", json.dumps({"messages": messages}))
            llm.set_attribute("input.mime_type", "application/json")
            for i, message in enumerate(messages):
                llm.set_attribute(f"llm.input_messages.{i}.message.role", message["role"])
                llm.set_attribute(f"llm.input_messages.{i}.message.content", message["content"])
            llm.set_attribute("llm.invocation_parameters", json.dumps({"temperature": 0.2, "api_key": API_KEY}))
            llm.set_attribute("gen_ai.operation.name", "chat")
            llm.set_attribute("gen_ai.request.model", "gpt-4o-mini")
            llm.set_attribute(
                "gen_ai.input.messages",
                json.dumps([{"role": m["role"], "parts": [{"type": "text", "content": m["content"]}]} for m in messages]),
            )
            tool_call = {"type": "tool_call", "id": "call_1", "name": "get_weather",
                         "arguments": {"city": "Paris", "notify": EMAIL}}
            llm.set_attribute("gen_ai.output.messages", json.dumps([{"role": "assistant", "parts": [tool_call]}]))
            llm.set_attribute("llm.token_count.prompt", 57)
            llm.set_attribute("llm.token_count.completion", 18)

        with tracer.start_as_current_span("get_weather") as tool:
            tool.set_attribute("openinference.span.kind", "TOOL")
            tool.set_attribute("tool.name", "get_weather")
            tool.set_attribute("input.value", json.dumps({"city": "Paris", "notify": EMAIL}))
            tool.set_attribute("input.mime_type", "application/json")
            tool.set_attribute("output.value", "Sunny, 21 C")

        with tracer.start_as_current_span(f"GET /customers/{EMAIL}") as lookup:
            lookup.set_attribute("openinference.span.kind", "RETRIEVER")
            lookup.set_attribute("retrieval.documents.0.document.content", CUSTOMER_RECORD)

        with tracer.start_as_current_span("POST /v1/charges") as payment:
            payment.set_attribute("http.request.method", "POST")
            payment.set_attribute("url.full", f"https://payments.example.com/v1/charges?access_token={URL_TOKEN}")
            error = ValueError(f"card {CARD} declined for {EMAIL}")
            payment.record_exception(error)
            payment.set_status(Status(StatusCode.ERROR, f"declined: {CARD}"))

        agent.set_attribute("output.value", ANSWER)
        agent.set_attribute("output.mime_type", "text/plain")


def main() -> int:
    resource = Resource.create(
        {
            "service.name": "otel-redact-quickstart",
            "openinference.project.name": os.environ.get("PHOENIX_PROJECT_NAME", "otel-redact-quickstart"),
        }
    )
    provider = TracerProvider(resource=resource)
    capture = CapturingExporter()
    provider.add_span_processor(BatchSpanProcessor(make_exporter()))
    provider.add_span_processor(SimpleSpanProcessor(capture))

    # The one line: every processor on the provider now sees only redacted spans.
    otel_redact.configure(span_processors=[otel_redact.pii_filter()], tracer_provider=provider)

    run_agent(provider.get_tracer("quickstart"))
    provider.shutdown()  # flushes the batch processor: no span is lost on exit
    print_summary(capture)
    return 0 if not any(value.encode() in capture.payload for value in PII_VALUES) else 1


def print_summary(capture: CapturingExporter) -> None:
    """What the agent put into its spans, beside what left the process."""
    out = sys.stdout
    out.write("\n=== otel-redact quickstart: before / after ===\n")
    llm = next(span for span in capture.spans if span.name == "ChatCompletion")
    out.write(f"user message before: {USER_MESSAGE}\n")
    out.write(f"user message after : {llm.attributes['llm.input_messages.1.message.content']}\n\n")
    out.write(f"{'sensitive value the app traced':<52} in exported bytes\n")
    for value in PII_VALUES:
        out.write(f"{value:<52} {'LEAKED' if value.encode() in capture.payload else 'no'}\n")
    out.write(f"\n{'ordinary content':<52} in exported bytes\n")
    for word in KEPT_WORDS:
        out.write(f"{word:<52} {'yes' if word.encode() in capture.payload else 'MISSING'}\n")
    out.write(f"\nspans exported: {len(capture.spans)}\n")


if __name__ == "__main__":
    sys.exit(main())
