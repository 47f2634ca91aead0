"""otel-redact: keep personal data and secrets out of OpenTelemetry traces.

    import otel_redact
    otel_redact.configure(span_processors=[otel_redact.pii_filter()])
"""

from otel_redact._anonymizer import Anonymizer, Finder, RecursiveAnonymizer, create_anonymizer
from otel_redact._batch import batch_processor
from otel_redact._comprehend import comprehend_batch_processor, comprehend_detector
from otel_redact._configure import Configuration, configure, reset
from otel_redact._conventions import SpanType
from otel_redact._detectors import BUILTIN_ENTITIES, Detector, Finding
from otel_redact._exporter import BatchFilter, RedactingSpanExporter
from otel_redact._hide import hide_filter
from otel_redact._logs import LogRecordView, RedactingLogRecordProcessor
from otel_redact._pii_filter import PiiFilter, pii_filter
from otel_redact._presidio import presidio_batch_processor, presidio_detector
from otel_redact._processor import RedactingSpanProcessor
from otel_redact._span import Span, SpanEvent, SpanLink
from otel_redact._strategies import Strategy, fixed, mask, placeholder, pseudonym, remove

__all__ = [
    "BUILTIN_ENTITIES",
    "Anonymizer",
    "BatchFilter",
    "Configuration",
    "Detector",
    "Finder",
    "Finding",
    "LogRecordView",
    "PiiFilter",
    "RecursiveAnonymizer",
    "RedactingLogRecordProcessor",
    "RedactingSpanExporter",
    "RedactingSpanProcessor",
    "Span",
    "SpanEvent",
    "SpanLink",
    "SpanType",
    "Strategy",
    "batch_processor",
    "comprehend_batch_processor",
    "comprehend_detector",
    "configure",
    "create_anonymizer",
    "fixed",
    "hide_filter",
    "mask",
    "pii_filter",
    "placeholder",
    "presidio_batch_processor",
    "presidio_detector",
    "pseudonym",
    "remove",
    "reset",
]
