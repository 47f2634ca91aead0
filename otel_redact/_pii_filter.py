"""``pii_filter()``: the ready-made filter that redacts every string a span carries."""

from __future__ import annotations

import inspect
from collections import Counter
from typing import Any, Iterable, MutableMapping, Optional

import regex
from opentelemetry.attributes import BoundedAttributes
from opentelemetry.metrics import MeterProvider
from opentelemetry.sdk.trace import ReadableSpan

from otel_redact._anonymizer import REMOVE, TextRedactor
from otel_redact._filters import PLACEHOLDER
from otel_redact._logs import LogRecordView
from otel_redact._metrics import metrics_for
from otel_redact._span import Span, read_span_field

__all__ = ["PiiFilter", "pii_filter"]

COUNT_ATTRIBUTE = "otel_redact.redacted_count"
_REDACTOR_OPTIONS = frozenset(inspect.signature(TextRedactor).parameters)
TYPES_ATTRIBUTE = "otel_redact.redacted_types"


class PiiFilter:
    """A filter running detectors over a span's name, attributes, events, links and status
    (and over a log record's body and attributes)."""

    def __init__(
        self,
        *,
        span_types: Optional[Iterable[str]] = None,
        include_keys: Optional[str] = None,
        exclude_keys: Optional[str] = None,
        summary: bool = True,
        meter_provider: Optional[MeterProvider] = None,
        **redactor_options: Any,
    ) -> None:
        unknown = sorted(set(redactor_options) - _REDACTOR_OPTIONS)
        if unknown:
            raise TypeError(
                f"otel-redact: pii_filter() got unknown option(s) {unknown}; options are "
                f"{sorted(_REDACTOR_OPTIONS | {'span_types', 'include_keys', 'exclude_keys', 'summary', 'meter_provider'})}"
            )
        self._redactor = TextRedactor(**redactor_options)
        self._span_types = None if span_types is None else frozenset(span_types)
        self._include = _compile_key_pattern("include_keys", include_keys)
        self._exclude = _compile_key_pattern("exclude_keys", exclude_keys)
        self._summary = summary
        self._metrics = metrics_for(meter_provider)

    def __call__(self, span: Span) -> None:
        if self._span_types is not None and span.span_type not in self._span_types:
            return
        counter: Counter = _Tally()
        redactor = self._redactor
        redact = redactor.redact_value

        name = span.name
        if not redactor.seen_clean(name):
            redacted_name = redact(name, counter=counter)
            if redacted_name is not name:
                span.name = PLACEHOLDER if redacted_name is REMOVE else redacted_name

        self._redact_mapping(span._attributes, counter)
        for annotated in span._annotated():  # events and links
            self._redact_mapping(annotated.attributes, counter)

        if isinstance(span, LogRecordView) and span.body is not None:
            body = redact(span.body, counter=counter)
            if body is not span.body:
                span.body = PLACEHOLDER if body is REMOVE else body

        description = span.status_description
        if description:
            redacted = redact(description, counter=counter)
            if redacted is not description:
                span.status_description = PLACEHOLDER if redacted is REMOVE else redacted

        if counter:
            self._metrics.redactions(counter)
            if self._summary:
                span._attributes[COUNT_ATTRIBUTE] = sum(counter.values())
                span._attributes[TYPES_ATTRIBUTE] = tuple(sorted(counter))

    def leaves_unchanged(self, span: ReadableSpan) -> bool:
        """Whether this filter would change nothing on the ended ``span``, known without a
        facade: its name and every attribute value were found clean before (under keys known
        not to be sensitive), and it has no events, links or status description."""
        redactor = self._redactor
        if self._span_types is not None or not redactor.seen_clean(span.name) or span.status.description:
            return False
        if read_span_field(span, "_events", "events") or read_span_field(span, "_links", "links"):
            return False
        attributes = read_span_field(span, "_attributes", "attributes")
        if type(attributes) is BoundedAttributes:
            attributes = attributes._dict
        return next(redactor.unsettled(attributes.items()), None) is None

    def _redact_mapping(self, attributes: MutableMapping[str, Any], counter: Counter) -> None:
        redactor = self._redactor
        redact = redactor.redact_value
        include, exclude = self._include, self._exclude
        for key, value in list(redactor.unsettled(attributes.items())):  # the loop changes attributes
            if (include is not None and not include.search(key)) or (exclude is not None and exclude.search(key)):
                continue
            redacted = redact(value, key=key, counter=counter)
            if redacted is REMOVE:
                del attributes[key]
            elif redacted is not value:
                attributes[key] = redacted


class _Tally(Counter):
    """A Counter made without ``Counter.__init__``'s cost (one per span)."""

    __init__ = dict.__init__  # type: ignore[assignment]


def pii_filter(**options: Any) -> PiiFilter:
    """A filter for ``configure(span_processors=[pii_filter()])``.

    With no options: every built-in detector and key-name detection over every string
    of the span (name, attributes and nested values, JSON inside strings, events,
    links, status description), each finding replaced by a typed placeholder such as
    ``<EMAIL_ADDRESS>``, and a summary (``otel_redact.redacted_count``,
    ``otel_redact.redacted_types``) on spans where something was redacted.

    Options: ``span_types`` (only spans of these ``SpanType``s), ``include_keys`` /
    ``exclude_keys`` (regexes over attribute keys), ``summary`` (False for silent),
    ``meter_provider`` (where the ``otel_redact.redactions`` counter goes; default: the
    global MeterProvider, a no-op until one is set),
    and every option of :func:`create_anonymizer` (``rules``, ``entities``,
    ``exclude``, ``detectors``, ``strategies``, ``redact_keys``, ``sensitive_keys``,
    ``allowed_keys``, ``max_value_length``, ``max_depth``, ``timeout``).
    """
    return PiiFilter(**options)


def _compile_key_pattern(option: str, pattern: Optional[str]) -> Optional["regex.Pattern[str]"]:
    if pattern is None:
        return None
    try:
        return regex.compile(pattern)
    except regex.error as error:
        raise ValueError(f"otel-redact: {option} {pattern!r} is not a valid regex: {error}") from None
