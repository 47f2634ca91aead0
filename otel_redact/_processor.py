"""The redacting SpanProcessor: filters first, then the processors it wraps."""

from __future__ import annotations

import threading
from typing import Any, Callable, Iterable, Optional, Tuple, Union

from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor, SynchronousMultiSpanProcessor
from opentelemetry.sdk.trace import Span as SdkSpan
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter

from otel_redact._filters import ON_ERROR_CHOICES, REDACT, Filter, apply_filters, check_filters

__all__ = ["RedactingSpanProcessor"]


class RedactingSpanProcessor(SpanProcessor):
    """Runs filter functions on every ended span, then hands the result downstream.

    The wrapped processors (or exporters, wrapped in a ``BatchSpanProcessor``) only
    ever receive the filtered span::

        RedactingSpanProcessor(
            BatchSpanProcessor(OTLPSpanExporter()),
            span_processors=[pii_filter()],
        )

    ``on_error`` says what happens to a span whose filter raises: ``"redact"``
    (default) exports it with every content string replaced by a placeholder,
    ``"drop"`` drops it. Either way the raw span is never forwarded.

    The SDK's private ``_on_ending`` hook is not forwarded: it hands out the live,
    unredacted span.
    """

    def __init__(
        self,
        *processors: Union[SpanProcessor, SpanExporter],
        span_processors: Iterable[Filter] = (),
        on_error: str = REDACT,
    ) -> None:
        self._downstream = SynchronousMultiSpanProcessor()
        for processor in processors:
            self._downstream.add_span_processor(_as_processor(processor))
        self._filters: Tuple[Filter, ...] = check_filters(span_processors)
        self._on_error = _check_on_error(on_error)
        self._redirect: Optional[Callable[[SpanProcessor], None]] = None
        self._lock = threading.Lock()

    @property
    def span_processors(self) -> Tuple[Filter, ...]:
        """The filter functions, in the order they run."""
        return self._filters

    @span_processors.setter
    def span_processors(self, filters: Iterable[Filter]) -> None:
        self._filters = check_filters(filters)

    @property
    def on_error(self) -> str:
        return self._on_error

    @on_error.setter
    def on_error(self, value: str) -> None:
        self._on_error = _check_on_error(value)

    @property
    def processors(self) -> Tuple[SpanProcessor, ...]:
        """The wrapped processors, which receive only filtered spans."""
        return self._downstream._span_processors

    def add_span_processor(self, processor: Union[SpanProcessor, SpanExporter]) -> None:
        """Wrap one more processor (or exporter)."""
        with self._lock:
            if self._redirect is None:
                self._downstream.add_span_processor(_as_processor(processor))
                return
            redirect = self._redirect
        redirect(_as_processor(processor))

    def on_start(self, span: SdkSpan, parent_context: Optional[Context] = None) -> None:
        self._downstream.on_start(span, parent_context=parent_context)

    def on_end(self, span: ReadableSpan) -> None:
        filters = self._filters
        if filters:
            filtered = apply_filters(span, filters, self._on_error)
            if filtered is None:
                return
            span = filtered
        self._downstream.on_end(span)

    def shutdown(self) -> None:
        self._downstream.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self._downstream.force_flush(timeout_millis)

    def _detach(self, redirect: Callable[[SpanProcessor], None]) -> Tuple[SpanProcessor, ...]:
        """Stop taking processors (later ones go to ``redirect``); return the wrapped ones."""
        with self._lock:
            self._redirect = redirect
            return self.processors


def _as_processor(processor: Any) -> SpanProcessor:
    if isinstance(processor, SpanProcessor):
        return processor
    if isinstance(processor, SpanExporter):
        return BatchSpanProcessor(processor)
    raise TypeError(
        f"otel-redact: expected a SpanProcessor or SpanExporter to wrap, got {type(processor).__name__}"
    )


def _check_on_error(value: str) -> str:
    if value not in ON_ERROR_CHOICES:
        raise ValueError(f"otel-redact: on_error must be one of {ON_ERROR_CHOICES}, got {value!r}")
    return value
