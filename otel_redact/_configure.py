"""``configure()`` and ``reset()``: filters on a whole TracerProvider in one line.

``configure`` puts one :class:`RedactingSpanProcessor` in front of every processor of
the provider, those registered before and those registered after, so that no
processor or exporter on the provider ever sees an unfiltered span.
"""

from __future__ import annotations

import logging
import threading
import weakref
from types import TracebackType
from typing import Iterable, Optional, Tuple, Type

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

from otel_redact._filters import Filter, check_filters
from otel_redact._processor import RedactingSpanProcessor

__all__ = ["Configuration", "configure", "reset"]

_logger = logging.getLogger("otel_redact")
_lock = threading.RLock()
_gates: "weakref.WeakKeyDictionary[TracerProvider, RedactingSpanProcessor]" = weakref.WeakKeyDictionary()

_Setting = Optional[Tuple[Tuple[Filter, ...], str]]


class Configuration:
    """What ``configure`` returns: use it in ``with`` to restore the previous setting."""

    def __init__(self, provider: TracerProvider, previous: _Setting) -> None:
        self.tracer_provider = provider
        self._previous = previous

    def __enter__(self) -> "Configuration":
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        with _lock:
            if self._previous is None:
                _uninstall(self.tracer_provider)
                return
            gate = _install(self.tracer_provider)
            gate.span_processors, gate.on_error = self._previous


def configure(
    span_processors: Optional[Iterable[Filter]] = None,
    *,
    tracer_provider: Optional[TracerProvider] = None,
    on_error: Optional[str] = None,
) -> Configuration:
    """Run ``span_processors`` (filter functions) on every span of the provider.

    ``None`` leaves the filters as they are, ``[]`` clears them. The provider is the
    global one unless given; if no SDK provider is set globally, one is created and
    set. A plain call persists; ``with configure(...):`` restores the previous
    setting on exit. ``on_error`` is ``"redact"`` or ``"drop"`` (see
    :class:`RedactingSpanProcessor`). Thread-safe.
    """
    filters = None if span_processors is None else check_filters(span_processors)
    with _lock:
        provider = _resolve_provider(tracer_provider)
        gate = _gates.get(provider)
        previous: _Setting = None if gate is None else (gate.span_processors, gate.on_error)
        if filters is not None or on_error is not None:
            gate = _install(provider)
            if on_error is not None:
                gate.on_error = on_error
            if filters is not None:
                gate.span_processors = filters
        return Configuration(provider, previous)


def reset(tracer_provider: Optional[TracerProvider] = None) -> None:
    """Remove what ``configure`` installed (on one provider, or on every provider).

    The provider keeps its processors and goes on exporting, unfiltered.
    """
    with _lock:
        providers = [tracer_provider] if tracer_provider is not None else list(_gates.keys())
        for provider in providers:
            _uninstall(provider)


def installed_gate(provider: TracerProvider) -> Optional[RedactingSpanProcessor]:
    """The redacting processor configure() put on ``provider``, if any."""
    return _gates.get(provider)


def _resolve_provider(tracer_provider: Optional[TracerProvider]) -> TracerProvider:
    if tracer_provider is not None:
        if not isinstance(tracer_provider, TracerProvider):
            raise TypeError(
                "otel-redact: tracer_provider must be an opentelemetry.sdk.trace.TracerProvider, "
                f"got {type(tracer_provider).__name__}"
            )
        return tracer_provider
    provider = trace.get_tracer_provider()
    if isinstance(provider, TracerProvider):
        return provider
    if isinstance(provider, trace.ProxyTracerProvider):
        created = TracerProvider()
        trace.set_tracer_provider(created)
        provider = trace.get_tracer_provider()
        if isinstance(provider, TracerProvider):
            _logger.info("otel-redact: no SDK TracerProvider was set; created and set one")
            return provider
    raise TypeError(
        "otel-redact: the global tracer provider is not the OpenTelemetry SDK's "
        f"(got {type(provider).__name__}); pass tracer_provider="
    )


def _install(provider: TracerProvider) -> RedactingSpanProcessor:
    """Put a redacting processor in front of all of ``provider``'s processors."""
    gate = _gates.get(provider)
    if gate is not None:
        return gate
    multi = provider._active_span_processor
    with multi._lock:
        gate = RedactingSpanProcessor(*multi._span_processors)
        multi._span_processors = (gate,)
        # provider.add_span_processor() calls this: later processors go behind the gate.
        multi.add_span_processor = gate.add_span_processor  # type: ignore[method-assign]
    _gates[provider] = gate
    return gate


def _uninstall(provider: TracerProvider) -> None:
    gate = _gates.pop(provider, None)
    if gate is None:
        return
    multi = provider._active_span_processor
    with multi._lock:
        del multi.add_span_processor
        # A processor added while we detach is handed straight to the provider.
        multi._span_processors = gate._detach(multi.add_span_processor)
