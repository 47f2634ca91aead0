"""Shared fixtures: real SDK pipelines whose exporters keep the OTLP bytes they were given."""

from __future__ import annotations

import threading
from typing import Iterator, List, Sequence

import pytest
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter, SpanExportResult

import otel_redact
from otel_redact._span import NESTED_VALUES


class OtlpBytesExporter(SpanExporter):
    """Encodes every exported batch with the OTLP exporter's own encoder and keeps the bytes."""

    def __init__(self) -> None:
        self.payloads: List[bytes] = []
        self.spans: List[ReadableSpan] = []
        self._lock = threading.Lock()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        payload = encode_spans(spans).SerializeToString()
        with self._lock:
            self.payloads.append(payload)
            self.spans.extend(spans)
        return SpanExportResult.SUCCESS

    @property
    def data(self) -> bytes:
        with self._lock:
            return b"".join(self.payloads)

    def contains(self, raw: str) -> bool:
        """Whether ``raw`` occurs anywhere in the exported bytes."""
        return raw.encode("utf-8") in self.data

    def shutdown(self) -> None:
        pass


@pytest.fixture
def provider() -> Iterator[TracerProvider]:
    """A fresh SDK provider, cleaned of any redaction after the test."""
    tracer_provider = TracerProvider(shutdown_on_exit=False)
    yield tracer_provider
    otel_redact.reset(tracer_provider)
    tracer_provider.shutdown()


@pytest.fixture
def exporter() -> OtlpBytesExporter:
    return OtlpBytesExporter()


@pytest.fixture
def tracer_provider_free() -> Iterator[TracerProvider]:
    """A tracer provider for tests about log records (configure always needs one)."""
    tracer_provider = TracerProvider(shutdown_on_exit=False)
    yield tracer_provider
    otel_redact.reset(tracer_provider)


needs_nested_values = pytest.mark.skipif(
    not NESTED_VALUES, reason="the SDK keeps nested attribute values from 1.45 on"
)


def deferred_pipeline(exporter: SpanExporter, batch: bool = False, **options: object) -> TracerProvider:
    """A provider whose spans are redacted on export: a ``RedactingSpanExporter`` with
    ``options`` around ``exporter``, behind a batch (or simple) span processor."""
    provider = TracerProvider(shutdown_on_exit=False)
    redacting = otel_redact.RedactingSpanExporter(exporter, **options)  # type: ignore[arg-type]
    provider.add_span_processor(BatchSpanProcessor(redacting) if batch else SimpleSpanProcessor(redacting))
    return provider
