"""``configure()`` and ``reset()``: filters on a whole provider in one line.

``configure`` puts one redacting processor in front of every processor of the tracer
provider (and of the logger provider, for GenAI content sent as log records), those
registered before and those registered after, so that no processor or exporter on the
provider ever sees unfiltered data.
"""

from __future__ import annotations

import logging
import threading
import weakref
from types import TracebackType
from typing import Any, Iterable, List, Optional, Tuple, Type

from opentelemetry import trace
from opentelemetry._logs import get_logger_provider
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk.trace import TracerProvider

from otel_redact import _gate
from otel_redact._filters import Filter, check_filters, check_on_error
from otel_redact._gate import Gate
from otel_redact._logs import RedactingLogRecordProcessor
from otel_redact._processor import RedactingSpanProcessor

__all__ = ["Configuration", "configure", "reset"]

_logger = logging.getLogger("otel_redact")
_lock = threading.RLock()
_gates: "weakref.WeakKeyDictionary[Any, Gate]" = weakref.WeakKeyDictionary()

_Setting = Optional[Tuple[Tuple[Filter, ...], str]]


class Configuration:
    """What ``configure`` returns: use it in ``with`` to restore the previous setting."""

    def __init__(self, previous: List[Tuple[Any, _Setting]]) -> None:
        self._previous = previous

    @property
    def tracer_provider(self) -> TracerProvider:
        """The tracer provider this configuration applies to."""
        return self._previous[0][0]

    def __enter__(self) -> "Configuration":
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        with _lock:
            for provider, setting in self._previous:
                if setting is None:
                    _uninstall(provider)
                else:
                    gate = _install(provider)
                    gate.span_processors, gate.on_error = setting


def configure(
    span_processors: Optional[Iterable[Filter]] = None,
    *,
    tracer_provider: Optional[TracerProvider] = None,
    logger_provider: Optional[LoggerProvider] = None,
    on_error: Optional[str] = None,
) -> Configuration:
    """Run ``span_processors`` (filter functions) on every span of the provider.

    ``None`` leaves the filters as they are, ``[]`` clears them. The tracer provider is
    the global one unless given; if no SDK provider is set globally, one is created and
    set. The same filters run on log records of ``logger_provider``, or of the global
    logger provider when it is the SDK's. A plain call persists; ``with configure(...):``
    restores the previous setting on exit. ``on_error`` is ``"redact"`` (default) or
    ``"drop"``: what happens to a span whose filter raises. Thread-safe.
    """
    filters = None if span_processors is None else check_filters(span_processors)
    if on_error is not None:
        check_on_error(on_error)
    with _lock:
        providers: List[Any] = [_resolve_tracer_provider(tracer_provider)]
        log_provider = _resolve_logger_provider(logger_provider)
        if log_provider is not None:
            providers.append(log_provider)
        previous: List[Tuple[Any, _Setting]] = []
        for provider in providers:
            gate = _gates.get(provider)
            previous.append((provider, None if gate is None else (gate.span_processors, gate.on_error)))
            if filters is None and on_error is None:
                continue
            gate = _install(provider)
            if on_error is not None:
                gate.on_error = on_error
            if filters is not None:
                gate.span_processors = filters
        return Configuration(previous)


def reset(tracer_provider: Optional[Any] = None) -> None:
    """Remove what ``configure`` installed, on one provider or on every provider.

    The provider keeps its processors and goes on exporting, unfiltered.
    """
    with _lock:
        for provider in [tracer_provider] if tracer_provider is not None else list(_gates.keys()):
            _uninstall(provider)


def installed_gate(provider: Any) -> Optional[Gate]:
    """The redacting processor configure() put on ``provider``, if any."""
    return _gates.get(provider)


def _resolve_tracer_provider(tracer_provider: Optional[TracerProvider]) -> TracerProvider:
    if tracer_provider is not None:
        if not isinstance(tracer_provider, TracerProvider):
            raise TypeError(
                "otel-redact: tracer_provider must be an opentelemetry.sdk.trace.TracerProvider, "
                f"got {type(tracer_provider).__name__}"
            )
        return tracer_provider
    provider = trace.get_tracer_provider()
    if isinstance(provider, trace.ProxyTracerProvider):
        trace.set_tracer_provider(TracerProvider())
        provider = trace.get_tracer_provider()
        _logger.info("otel-redact: no SDK TracerProvider was set; created and set one")
    if isinstance(provider, TracerProvider):
        return provider
    raise TypeError(
        "otel-redact: the global tracer provider is not the OpenTelemetry SDK's "
        f"(got {type(provider).__name__}); pass tracer_provider="
    )


def _resolve_logger_provider(logger_provider: Optional[LoggerProvider]) -> Optional[LoggerProvider]:
    if logger_provider is not None:
        if not isinstance(logger_provider, LoggerProvider):
            raise TypeError(
                "otel-redact: logger_provider must be an opentelemetry.sdk._logs.LoggerProvider, "
                f"got {type(logger_provider).__name__}"
            )
        return logger_provider
    provider = get_logger_provider()
    return provider if isinstance(provider, LoggerProvider) else None


def _multi_processor(provider: Any) -> Any:
    if isinstance(provider, TracerProvider):
        return provider._active_span_processor
    return provider._multi_log_record_processor


def _install(provider: Any) -> Gate:
    gate = _gates.get(provider)
    if gate is None:
        gate_class = RedactingSpanProcessor if isinstance(provider, TracerProvider) else RedactingLogRecordProcessor
        gate = _gates[provider] = _gate.install(_multi_processor(provider), gate_class)
    return gate


def _uninstall(provider: Any) -> None:
    gate = _gates.pop(provider, None)
    if gate is not None:
        _gate.uninstall(_multi_processor(provider), gate)
