"""The redacting SpanProcessor: filters first, then the processors it wraps."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional, Union

from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor, SynchronousMultiSpanProcessor
from opentelemetry.sdk.trace import Span as SdkSpan
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter

from otel_redact._filters import REDACT, Filter, apply_filters, hook_result, on_facade, readable_hook
from otel_redact._gate import Gate

__all__ = ["RedactingSpanProcessor"]


class RedactingSpanProcessor(Gate[SpanProcessor], SpanProcessor):
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

    _processors_attribute = "_span_processors"
    _add_method = "add_span_processor"

    def __init__(
        self,
        *processors: Union[SpanProcessor, SpanExporter],
        span_processors: Iterable[Filter] = (),
        on_error: str = REDACT,
    ) -> None:
        downstream = SynchronousMultiSpanProcessor()
        for processor in processors:
            downstream.add_span_processor(_as_processor(processor))
        self._init_gate(downstream, span_processors, on_error)

    def add_span_processor(self, processor: Union[SpanProcessor, SpanExporter]) -> None:
        """Wrap one more processor (or exporter)."""
        self._add(_as_processor(processor))

    def on_start(self, span: SdkSpan, parent_context: Optional[Context] = None) -> None:
        self._downstream.on_start(span, parent_context=parent_context)

    def _set_filters(self, filters: Iterable[Filter]) -> None:
        self._hook: Optional[Callable[[ReadableSpan], Any]] = None  # never the last filter's hook with new filters
        super()._set_filters(filters)
        self._hook = readable_hook(self._filters)

    def on_end(self, span: ReadableSpan) -> None:
        hook = self._hook
        if hook is not None:  # the common case, most direct; the hook is not asked twice
            filtered = hook_result(hook, span)
            if filtered is None:
                filtered = on_facade(span, self._filters, self._on_error)
        elif self._filters:
            filtered = apply_filters(span, self._filters, self._on_error)
        else:
            filtered = span
        if filtered is not None:
            self._downstream.on_end(filtered)

    def shutdown(self) -> None:
        self._downstream.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self._downstream.force_flush(timeout_millis)


def _as_processor(processor: Any) -> SpanProcessor:
    if isinstance(processor, SpanProcessor):
        return processor
    if isinstance(processor, SpanExporter):
        return BatchSpanProcessor(processor)
    raise TypeError(
        f"otel-redact: expected a SpanProcessor or SpanExporter to wrap, got {type(processor).__name__}"
    )
