"""Putting a redacting processor in front of all of a provider's processors, and back.

A provider (tracer or logger) hands every span or record to one multi-processor that its
tracers and loggers share. Installing the gate moves that multi-processor's processors
behind the gate, and routes the provider's ``add_*_processor`` to the gate, so processors
registered before and after alike receive only filtered data. Tracers and loggers created
earlier keep working: they hold the same multi-processor.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Generic, Iterable, Optional, Tuple, Type, TypeVar

from otel_redact._filters import REDACT, Filter, FilterChain, check_on_error

__all__ = ["Gate", "install", "uninstall"]

P = TypeVar("P")


class Gate(Generic[P]):
    """Filters, the error policy, and the processors wrapped behind them."""

    #: name of the provider multi-processor's tuple of processors
    _processors_attribute: str
    #: name of the multi-processor's (and the gate's) method that adds a processor
    _add_method: str
    #: whether the filters' ``redacted_readable`` hooks are looked up (spans: yes; log records take none)
    _takes_hooks: bool

    def _init_gate(self, downstream: Any, filters: Iterable[Filter], on_error: str) -> None:
        self._downstream = downstream
        self._chain = FilterChain.of(filters, hooks=self._takes_hooks)
        """The filters; ``in_place`` while the gate is its provider's only processor (see
        :func:`install`): each span it gets is then handed to it alone."""
        self._on_error = check_on_error(on_error)
        self._redirect: Optional[Callable[[P], None]] = None
        self._lock = threading.Lock()
        self._receiver: Any = None
        """What each filtered span or record is handed to: the one wrapped processor itself
        (a call less per span), else the multi-processor that hands it to each."""
        self._update_receiver()

    @property
    def span_processors(self) -> Tuple[Filter, ...]:
        """The filter functions, in the order they run."""
        return self._chain.filters

    @span_processors.setter
    def span_processors(self, filters: Iterable[Filter]) -> None:
        chain = self._chain
        self._chain = FilterChain.of(filters, in_place=chain.in_place, hooks=chain.uses_hooks)

    @property
    def on_error(self) -> str:
        """``"redact"`` or ``"drop"``: what happens when a filter raises."""
        return self._on_error

    @on_error.setter
    def on_error(self, value: str) -> None:
        self._on_error = check_on_error(value)

    @property
    def processors(self) -> Tuple[P, ...]:
        """The wrapped processors, which receive only filtered data."""
        return getattr(self._downstream, self._processors_attribute)

    def _add(self, processor: P) -> None:
        with self._lock:
            if self._redirect is None:
                getattr(self._downstream, self._add_method)(processor)
                self._update_receiver()
                return
            redirect = self._redirect
        redirect(processor)

    def _hand_spans_alone(self, alone: bool) -> None:
        """Let the filters' shortcuts change spans in place only while the gate is alone."""
        self._chain = self._chain.handed_alone(alone)

    def _update_receiver(self) -> None:
        """Set :attr:`_receiver` after the wrapped processors changed."""
        processors = self.processors
        self._receiver = processors[0] if len(processors) == 1 else self._downstream

    def _detach(self, redirect: Callable[[P], None]) -> Tuple[P, ...]:
        """Stop taking processors (later ones go to ``redirect``); return the wrapped ones."""
        with self._lock:
            self._redirect = redirect
            return self.processors


def install(multi: Any, gate_class: Type[Gate]) -> Gate:
    """Move ``multi``'s processors behind a new gate of ``gate_class`` and route additions to it."""
    with multi._lock:
        make_gate: Callable[..., Gate] = gate_class
        gate = make_gate(*getattr(multi, gate_class._processors_attribute), on_error=REDACT)
        gate._hand_spans_alone(True)
        setattr(multi, gate._processors_attribute, (gate,))
        setattr(multi, gate._add_method, getattr(gate, gate._add_method))
    return gate


def uninstall(multi: Any, gate: Gate) -> None:
    """Give ``multi`` back its processors, including any added while the gate was in."""
    with multi._lock:
        gate._hand_spans_alone(False)  # kept or rewired by hand, it may sit beside others
        delattr(multi, gate._add_method)  # the class's own method is visible again
        setattr(multi, gate._processors_attribute, gate._detach(getattr(multi, gate._add_method)))
