"""The redacting SpanProcessor: filters first, then the processors it wraps."""

from __future__ import annotations

from typing import Any, Iterable, Optional, Union

from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor, SynchronousMultiSpanProcessor
from opentelemetry.sdk.trace import Span as SdkSpan
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter

from otel_redact._filters import REDACT, Filter
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
    _takes_hooks = True

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
        self._receiver.on_start(span, parent_context=parent_context)

    def on_end(self, span: ReadableSpan) -> None:
        filtered = self._chain.apply(span, self._on_error)
        if filtered is not None:
            self._receiver.on_end(filtered)

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
