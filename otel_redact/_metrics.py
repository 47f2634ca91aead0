"""Optional OpenTelemetry metrics: how much was redacted, which filters failed, what was dropped.

The counters carry entity types and filter names only, never a redacted value. They come
from the global MeterProvider unless one is given. Redactions, counted on every span that
has any, add up in a dict that the SDK reads when it collects (an observable counter):
the SDK's synchronous ``Counter.add`` costs about 3.7 µs per entity type, more than a
whole span. A span's counts are queued (one append) and added up in batches.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections import deque
from typing import Any, Deque, Dict, Iterable, List, Mapping, Optional, Tuple

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, MeterProvider, Observation

__all__ = ["FILTER_FAILURES", "Metrics", "REDACTIONS", "SPANS_DROPPED", "global_metrics", "metrics_for"]

REDACTIONS = "otel_redact.redactions"
FILTER_FAILURES = "otel_redact.filter_failures"
SPANS_DROPPED = "otel_redact.spans_dropped"
_ADD_UP_EVERY = 512
"""Spans' counts queued before they are added up (and whenever the SDK collects)."""


class Metrics:
    """The three counters of one MeterProvider (the global one when ``None``)."""

    def __init__(self, meter_provider: Optional[MeterProvider] = None) -> None:
        meter = metrics.get_meter("otel_redact", meter_provider=meter_provider)
        self._totals: Dict[str, int] = {}
        self._totals_lock = threading.Lock()
        self._queued: Deque[Mapping[str, int]] = deque()
        meter.create_observable_counter(
            REDACTIONS, [self._observe_redactions], unit="{redaction}", description="Values redacted, by entity type"
        )
        self._failures = meter.create_counter(
            FILTER_FAILURES, unit="{failure}", description="Filters that raised, by filter name"
        )
        self._dropped = meter.create_counter(
            SPANS_DROPPED, unit="{span}", description="Spans and log records dropped instead of exported"
        )

    def redactions(self, counts: Mapping[str, int]) -> None:
        """Count redactions per entity type (``counts``: entity type -> number, not changed afterwards)."""
        queued = self._queued
        queued.append(counts)
        if len(queued) >= _ADD_UP_EVERY:
            self._add_up()

    def _add_up(self) -> List[Tuple[str, int]]:
        """Add the queued counts to the totals (appends and pops are atomic: none is lost) and
        return the totals. Spans often share one counts object (a summary made once): each is
        added up once."""
        with self._totals_lock:
            totals, queued = self._totals, self._queued
            times: Dict[int, List[Any]] = {}  # id -> [counts, how many times]; it holds them: ids stay theirs
            while queued:
                counts = queued.popleft()
                seen = times.get(id(counts))
                if seen is None:
                    times[id(counts)] = [counts, 1]
                else:
                    seen[1] += 1
            for counts, repeats in times.values():
                for entity, count in counts.items():
                    totals[entity] = totals.get(entity, 0) + count * repeats
            return list(totals.items())

    def _observe_redactions(self, options: CallbackOptions) -> Iterable[Observation]:
        return [Observation(count, {"entity": entity}) for entity, count in self._add_up()]

    def filter_failure(self, name: str) -> None:
        """Count one failure of the filter named ``name``."""
        self._failures.add(1, {"filter": name})

    def dropped(self, count: int = 1) -> None:
        """Count spans or log records dropped."""
        self._dropped.add(count)


@functools.lru_cache(maxsize=None)
def global_metrics() -> Metrics:
    """The counters of the global MeterProvider (bound to it once one is set)."""
    return Metrics()


_by_provider: "weakref.WeakKeyDictionary[Any, Metrics]" = weakref.WeakKeyDictionary()
_by_provider_lock = threading.Lock()


def metrics_for(meter_provider: Any) -> Metrics:
    """The counters of ``meter_provider``, or of the global one when ``None``: one set per
    provider, since a second observable counter of the same name would never be read."""
    if meter_provider is None:
        return global_metrics()
    with _by_provider_lock:
        found = _by_provider.get(meter_provider)
        if found is None:
            found = _by_provider[meter_provider] = Metrics(meter_provider)
        return found
