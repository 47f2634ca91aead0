"""otel-redact: keep personal data and secrets out of OpenTelemetry traces.

    import otel_redact
    otel_redact.configure(span_processors=[otel_redact.pii_filter()])
"""

from otel_redact._anonymizer import Anonymizer, RecursiveAnonymizer, create_anonymizer
from otel_redact._configure import Configuration, configure, reset
from otel_redact._conventions import SpanType
from otel_redact._detectors import BUILTIN_ENTITIES, Detector
from otel_redact._logs import LogRecordView, RedactingLogRecordProcessor
from otel_redact._pii_filter import PiiFilter, pii_filter
from otel_redact._processor import RedactingSpanProcessor
from otel_redact._span import Span, SpanEvent, SpanLink

__all__ = [
    "BUILTIN_ENTITIES",
    "Anonymizer",
    "Configuration",
    "Detector",
    "LogRecordView",
    "PiiFilter",
    "RecursiveAnonymizer",
    "RedactingLogRecordProcessor",
    "RedactingSpanProcessor",
    "Span",
    "SpanEvent",
    "SpanLink",
    "SpanType",
    "configure",
    "create_anonymizer",
    "pii_filter",
    "reset",
]
