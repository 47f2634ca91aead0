"""Bring your LangSmith or Opik anonymizer rules as they are.

    python examples/migrate_from_langsmith_opik.py

``create_anonymizer`` takes both peers' rule formats; the same rules plug into
``pii_filter(rules=...)`` to run on every span of an OpenTelemetry pipeline.
"""

from __future__ import annotations

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import otel_redact
from otel_redact import RecursiveAnonymizer, create_anonymizer

# LangSmith: [{"pattern": ..., "replace": ...}]
LANGSMITH_RULES = [
    {"pattern": r"\b[\w.+-]+@[\w-]+\.[\w.]+\b", "replace": "<email>"},
    {"pattern": r"\b\d{3}-\d{2}-\d{4}\b", "replace": "<ssn>"},
]
# Opik: {"regex": ..., "replace": ...} dicts, (regex, replace) tuples and callables, mixed.
OPIK_RULES = [
    {"regex": r"\b\d{4}[- ]?\d{4}[- ]?\d{4}[- ]?\d{4}\b", "replace": "<card>"},
    (r"\+?\d[\d -]{8,}\d", "<phone>"),
    lambda text: text.replace("Project Falcon", "<codename>"),
]


class UppercaseSecrets(RecursiveAnonymizer):
    """An Opik-style RecursiveAnonymizer subclass: sees every string with its dotted path."""

    def anonymize_text(self, data: str, **kwargs) -> str:
        return "<hidden>" if kwargs.get("field_name", "").endswith("password") else data


def main() -> int:
    data = {
        "messages": [
            {"role": "user", "content": "I'm ann@example.com, SSN 536-90-4399, card 4111 1111 1111 1111"},
            {"role": "user", "content": "call me on +1 415 555 0132 about Project Falcon"},
        ],
        "login": {"password": "hunter2"},
    }
    langsmith = create_anonymizer(LANGSMITH_RULES)
    opik = create_anonymizer(OPIK_RULES)
    print("LangSmith rules:", langsmith(data)["messages"][0]["content"])
    print("Opik rules     :", opik.anonymize(data)["messages"][1]["content"])
    print("Subclass       :", UppercaseSecrets().anonymize(data)["login"])
    print("Built-ins      :", create_anonymizer()(data))

    provider = TracerProvider()
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(
        span_processors=[otel_redact.pii_filter(rules=LANGSMITH_RULES + OPIK_RULES)], tracer_provider=provider
    )
    with provider.get_tracer("example").start_as_current_span("chat") as span:
        span.set_attribute("input.value", data["messages"][0]["content"])
    provider.shutdown()
    exported = exporter.get_finished_spans()[0].attributes["input.value"]
    print("On a span      :", exported)
    return 0 if exported == "I'm <email>, SSN <ssn>, card <card>" else 1


if __name__ == "__main__":
    raise SystemExit(main())
