"""Deferred mode: redaction on the export thread, in batches.

:class:`RedactingSpanExporter` wraps any exporter. Put it behind a ``BatchSpanProcessor``
and the application thread pays nothing for redaction; the price is that spans wait
unredacted in process memory (the batch queue) until their batch is exported, and that
other processors on the provider see them unredacted.
"""

from __future__ import annotations

from typing import Callable, Iterable, List, Optional, Sequence, Tuple

from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

from otel_redact._filters import (
    DROP,
    REDACT,
    Filter,
    FilterChain,
    check_filters,
    check_on_error,
    finish,
    log_failure_once,
    run_filters,
)
from otel_redact._metrics import global_metrics
from otel_redact._span import Span

__all__ = ["BatchFilter", "RedactingSpanExporter"]

BatchFilter = Callable[[List[Span]], Sequence[Span]]


class RedactingSpanExporter(SpanExporter):
    """Redacts each batch, then hands it to the wrapped exporter.

    ``span_processors`` are filter functions, run on each span as in
    :class:`RedactingSpanProcessor`. ``batch_processors`` get the whole batch as a list
    of :class:`Span` facades (after the filters) and return it redacted, in the spirit of
    LangSmith's ``process_buffered_run_ops``: this is where an expensive detector (NER, a
    remote service) makes one call per batch. A batch processor must return the same
    spans, same length, same order, same ids; anything else, or any exception, drops the
    whole batch (logged once per processor, without data), never exports it raw.
    """

    def __init__(
        self,
        exporter: SpanExporter,
        *,
        span_processors: Iterable[Filter] = (),
        batch_processors: Iterable[BatchFilter] = (),
        on_error: str = REDACT,
    ) -> None:
        self._exporter = exporter
        self._chain = FilterChain.of(span_processors)
        self._batch_filters: Tuple[BatchFilter, ...] = check_filters(batch_processors)
        self._on_error = check_on_error(on_error)

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        if self._batch_filters:
            redacted = self._redacted_batch(spans)
            if redacted is None:
                return SpanExportResult.FAILURE
        else:  # each span on its own, through the filters' shortcuts where they have one
            redacted = [span for span in (self._chain.apply(span, self._on_error) for span in spans) if span is not None]
        if not redacted:
            return SpanExportResult.SUCCESS
        return self._exporter.export(redacted)

    def _redacted_batch(self, spans: Sequence[ReadableSpan]) -> Optional[List[ReadableSpan]]:
        """The spans after the filters and then the batch processors; None if the batch is dropped."""
        facades = [facade for facade in (run_filters(span, self._chain.filters, self._on_error) for span in spans) if facade]
        for batch_filter in self._batch_filters:
            try:
                returned = list(batch_filter(list(facades)))
                _check_same_spans(returned, facades)
            except Exception as error:  # noqa: BLE001 - any failure drops the batch
                log_failure_once(batch_filter, error, DROP)
                global_metrics().dropped(len(facades))
                return None
            facades = returned
        return [span for span in (finish(facade, self._on_error) for facade in facades) if span is not None]

    def shutdown(self) -> None:
        self._exporter.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self._exporter.force_flush(timeout_millis)


def _check_same_spans(returned: List[Span], given: List[Span]) -> None:
    if len(returned) != len(given):
        raise ValueError(f"batch processor returned {len(returned)} spans for {len(given)}")
    for position, (after, before) in enumerate(zip(returned, given)):
        if not isinstance(after, Span) or (after.trace_id, after.span_id) != (before.trace_id, before.span_id):
            raise ValueError(f"batch processor changed the span at position {position} (order or id)")

