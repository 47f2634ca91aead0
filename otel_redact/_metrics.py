"""Optional OpenTelemetry metrics: how much was redacted, which filters failed, what was dropped.

The counters carry entity types and filter names only, never a redacted value. They come
from the global MeterProvider unless one is given; while no SDK MeterProvider is set they
are the API's no-op proxies, so counting costs a function call.
"""

from __future__ import annotations

import functools
from typing import Any, Mapping, Optional

from opentelemetry import metrics
from opentelemetry.metrics import MeterProvider

__all__ = ["FILTER_FAILURES", "Metrics", "REDACTIONS", "SPANS_DROPPED", "global_metrics", "metrics_for"]

REDACTIONS = "otel_redact.redactions"
FILTER_FAILURES = "otel_redact.filter_failures"
SPANS_DROPPED = "otel_redact.spans_dropped"


class Metrics:
    """The three counters of one MeterProvider (the global one when ``None``)."""

    def __init__(self, meter_provider: Optional[MeterProvider] = None) -> None:
        meter = metrics.get_meter("otel_redact", meter_provider=meter_provider)
        self._redactions = meter.create_counter(
            REDACTIONS, unit="{redaction}", description="Values redacted, by entity type"
        )
        self._failures = meter.create_counter(
            FILTER_FAILURES, unit="{failure}", description="Filters that raised, by filter name"
        )
        self._dropped = meter.create_counter(
            SPANS_DROPPED, unit="{span}", description="Spans and log records dropped instead of exported"
        )

    def redactions(self, counts: Mapping[str, int]) -> None:
        """Count redactions per entity type (``counts``: entity type -> number)."""
        add = self._redactions.add
        for entity, count in counts.items():
            add(count, {"entity": entity})

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


def metrics_for(meter_provider: Any) -> Metrics:
    """The counters of ``meter_provider``, or of the global one when ``None``."""
    return global_metrics() if meter_provider is None else Metrics(meter_provider)
