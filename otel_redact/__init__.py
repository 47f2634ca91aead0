"""otel-redact: keep personal data and secrets out of OpenTelemetry traces.

    import otel_redact
    otel_redact.configure(span_processors=[otel_redact.pii_filter()])
"""

from otel_redact._configure import Configuration, configure, reset
from otel_redact._conventions import SpanType
from otel_redact._processor import RedactingSpanProcessor
from otel_redact._span import Span, SpanEvent, SpanLink

__all__ = [
    "Configuration",
    "RedactingSpanProcessor",
    "Span",
    "SpanEvent",
    "SpanLink",
    "SpanType",
    "configure",
    "reset",
]
