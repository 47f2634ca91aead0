"""The logs counterpart: the same filters on log records (GenAI content travels there too).

GenAI instrumentations emit prompts and completions as log records
(``gen_ai.client.inference.operation.details``, ``gen_ai.user.message`` ...) that a
SpanProcessor never sees. :class:`RedactingLogRecordProcessor` runs the span filters on a
:class:`LogRecordView`, which offers the span facade's interface over a log record.
"""

from __future__ import annotations

from typing import Any, Iterable, List, Optional, Tuple

from opentelemetry.attributes import BoundedAttributes
from opentelemetry.sdk._logs import LogRecordProcessor

try:
    from opentelemetry.sdk._logs import SynchronousMultiLogRecordProcessor
except ImportError:  # opentelemetry-sdk < 1.40 kept it private
    from opentelemetry.sdk._logs._internal import SynchronousMultiLogRecordProcessor

from otel_redact._filters import (
    DROP,
    REDACT,
    Filter,
    blank_name,
    blank_value,
    failed_attributes,
    first_failure,
    log_failure_once,
)
from otel_redact._gate import Gate
from otel_redact._metrics import global_metrics
from otel_redact._span import Span, SpanEvent, SpanLink, _Attributes

__all__ = ["LogRecordView", "RedactingLogRecordProcessor"]


class LogRecordView(Span):
    """A log record seen through the span facade: attributes, inputs/outputs, and ``body``.

    ``name`` is the record's event name; a log record has no events, links or status.
    """

    __slots__ = ("_record", "_body", "_body_changed")

    def __init__(self, record: Any) -> None:  # noqa: D107 - Span's own init is not wanted here
        self._record = record
        self._name = record.event_name or ""
        self._attributes = _Attributes(record.attributes)
        self._events: Optional[List[SpanEvent]] = []
        self._links: Optional[List[SpanLink]] = []
        self._body: Any = record.body
        self._body_changed = False

    @property
    def body(self) -> Any:
        """The record's body as stored (a string, or nested data)."""
        return self._body

    @body.setter
    def body(self, value: Any) -> None:
        self._body = value  # a body may hold any nested data, in every SDK version
        self._body_changed = True

    @property
    def trace_id(self) -> str:
        return format(self._record.trace_id or 0, "032x")

    @property
    def span_id(self) -> str:
        return format(self._record.span_id or 0, "016x")

    @property
    def parent_id(self) -> Optional[str]:
        return None

    @property
    def start_time_ns(self) -> Optional[int]:
        return self._record.timestamp

    @property
    def end_time_ns(self) -> Optional[int]:
        return self._record.timestamp

    @property
    def status_description(self) -> Optional[str]:
        return None

    @status_description.setter
    def status_description(self, description: Optional[str]) -> None:
        raise AttributeError("a log record has no status")

    def _write_back(self) -> None:
        """Store the filters' changes on the record."""
        record = self._record
        if self._attributes.changed:
            record.attributes = BoundedAttributes(attributes=dict(self._attributes.current()), immutable=False)
        if self._body_changed:
            record.body = self._body
        if self._name != (record.event_name or ""):
            record.event_name = self._name


class RedactingLogRecordProcessor(Gate[LogRecordProcessor], LogRecordProcessor):
    """Runs span filters on every log record, then hands it to the processors it wraps.

    Records are filtered in place (the SDK hands processors a read-write record), so
    the wrapped processors, and any processor after this one, see the filtered record.
    """

    _processors_attribute = "_log_record_processors"
    _add_method = "add_log_record_processor"
    _takes_hooks = False  # records are filtered on a view, never through a hook

    def __init__(
        self,
        *processors: LogRecordProcessor,
        span_processors: Iterable[Filter] = (),
        on_error: str = REDACT,
    ) -> None:
        downstream = SynchronousMultiLogRecordProcessor()
        for processor in processors:
            downstream.add_log_record_processor(processor)
        self._init_gate(downstream, span_processors, on_error)

    def add_log_record_processor(self, processor: LogRecordProcessor) -> None:
        """Wrap one more log record processor."""
        self._add(processor)

    def on_emit(self, log_record: Any) -> None:
        filters = self._chain.filters
        if filters and not _apply(log_record.log_record, filters, self._on_error):
            return
        self._receiver.on_emit(log_record)

    def shutdown(self) -> None:
        self._downstream.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self._downstream.force_flush(timeout_millis)


def _apply(record: Any, filters: Tuple[Filter, ...], on_error: str) -> bool:
    """Filter ``record`` in place; False means drop it. Never raises: if not even the
    placeholder record can be built, the record is dropped."""
    try:
        keep = _filter_record(record, filters, on_error)
    except Exception as error:  # noqa: BLE001 - emitting a record must never raise in the application
        log_failure_once(_apply, error, DROP)
        keep = False
    if not keep:
        global_metrics().dropped()
    return keep


def _filter_record(record: Any, filters: Tuple[Filter, ...], on_error: str) -> bool:
    view = LogRecordView(record)
    failure = first_failure(view, filters, on_error)
    if failure is not None:
        if on_error == DROP:
            return False
        _fail_closed(record, *failure)
        return True
    try:
        view._write_back()
    except Exception as error:  # noqa: BLE001
        log_failure_once(_apply, error, on_error)
        if on_error == DROP:
            return False
        _fail_closed(record, _apply, error)
    return True


def _fail_closed(record: Any, fn: Any, error: BaseException) -> None:
    record.attributes = BoundedAttributes(attributes=failed_attributes(record.attributes, fn, error), immutable=False)
    record.body = blank_value(record.body)
    if getattr(record, "event_name", None):
        record.event_name = blank_name(record.event_name)
