"""Add your own detector in one call, and choose how each entity type is replaced.

    python examples/custom_detector.py
"""

from __future__ import annotations

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import otel_redact
from otel_redact import Detector


def valid_employee_id(text: str) -> bool:
    """Employee ids end in a check digit: the sum of the other digits modulo 10."""
    digits = [int(c) for c in text if c.isdigit()]
    return sum(digits[:-1]) % 10 == digits[-1]


EMPLOYEE_ID = Detector("EMPLOYEE_ID", r"\bEMP-\d{6}\b", validator=valid_employee_id)


def main() -> int:
    provider = TracerProvider()
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(
        span_processors=[
            otel_redact.pii_filter(
                detectors=[EMPLOYEE_ID],
                strategies={
                    "EMPLOYEE_ID": "pseudonym",  # same id -> same token: still debuggable
                    "CREDIT_CARD": "mask",  # keeps the last 4 digits
                    "*": "placeholder",
                },
            )
        ],
        tracer_provider=provider,
    )
    with provider.get_tracer("example").start_as_current_span("hr-lookup") as span:
        span.set_attribute("input.value", "EMP-123455 paid with 4111 1111 1111 1111, mail hr@example.com")
        span.set_attribute("note", "EMP-123454 fails its check digit and is left alone")
    provider.shutdown()

    attributes = exporter.get_finished_spans()[0].attributes
    print("input.value:", attributes["input.value"])
    print("note       :", attributes["note"])
    ok = (
        "EMP-123455" not in attributes["input.value"]
        and "<EMPLOYEE_ID:" in attributes["input.value"]
        and "1111" in attributes["input.value"]
        and "4111 1111" not in attributes["input.value"]
        and "EMP-123454" in attributes["note"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
