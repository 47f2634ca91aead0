"""``pii_filter()``: the ready-made filter that redacts every string a span carries."""

from __future__ import annotations

import inspect
import sys
from collections import Counter
from types import MappingProxyType
from typing import Any, Callable, Iterable, List, Mapping, MutableMapping, Optional, Sequence, Tuple, TypeVar

import regex
from opentelemetry.metrics import MeterProvider
from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.trace import Link
from opentelemetry.trace.status import Status

from otel_redact._anonymizer import REMOVE, TextRedactor
from otel_redact._conventions import span_type_of
from otel_redact._filters import PLACEHOLDER
from otel_redact._keys import KeyVerdicts
from otel_redact._logs import LogRecordView
from otel_redact._metrics import metrics_for
from otel_redact._span import Span, ended_parts, plain_attributes, rebuilt_event, rebuilt_link, redacted_copy
from otel_redact._tally import Summary, Tally

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
        self._out_of_scope = KeyVerdicts(self._key_is_out_of_scope, max_length=sys.maxsize)
        """Every key's verdict; its ``plain`` set holds the keys in scope."""
        self._summary = summary
        self._metrics = metrics_for(meter_provider)

    def __call__(self, span: Span) -> None:
        if self._span_types is not None and span.span_type not in self._span_types:
            return
        counter = Tally()
        name = span.name
        redacted_name = self._redacted_text(name, counter)
        if redacted_name is not name:
            span.name = redacted_name

        self._apply(span._attributes, self._changes(span._attributes, counter))
        for annotated in span._annotated():  # events and links
            self._apply(annotated.attributes, self._changes(annotated.attributes, counter))

        if isinstance(span, LogRecordView) and span.body is not None:
            body = self._redacted_text(span.body, counter)
            if body is not span.body:
                span.body = body

        description = span.status_description
        if description:
            redacted = self._redacted_text(description, counter)
            if redacted is not description:
                span.status_description = redacted
        summary = counter.summary()
        if summary is not None:
            self._note(span._attributes, summary)
            self._metrics.redactions(summary.counts)

    def redacted_readable(self, span: ReadableSpan, *, in_place: bool = False) -> ReadableSpan:
        """The ended ``span`` as this filter leaves it, made without a facade: ``span`` itself
        when nothing changes, else a new span with the same identity; with ``in_place`` (the
        caller hands over the only reference to ``span``), the SDK's ``ReadableSpan`` changed."""
        name, attributes, events, links, status = ended_parts(span)
        if self._span_types is not None and span_type_of(attributes) not in self._span_types:
            return span
        redactor = self._redactor
        description = status.description
        scoped = self._in_scope(attributes)
        name_clean = redactor.seen_clean(name)
        unsettled = redactor.unsettled(scoped)
        if name_clean and not (unsettled or events or links or description):
            return span  # the common case: everything seen clean before

        counter = Tally()
        redacted_name = name if name_clean else self._redacted_text(name, counter)
        changes = redactor.changed_items(unsettled, counter)
        redacted_events = self._redacted_annotations(events, counter, rebuilt_event) if events else events
        redacted_links = self._redacted_annotations(links, counter, rebuilt_link) if links else links
        redacted_description = self._redacted_text(description, counter) if description else description
        summary = counter.summary()
        if (
            redacted_name is name
            and not changes
            and redacted_events is events
            and redacted_links is links
            and redacted_description is description
            and summary is None  # a strategy may leave a finding as it was: still summarised and counted
        ):
            return span
        redacted_attributes = dict(attributes)
        self._apply(redacted_attributes, changes)
        if summary is not None:
            self._note(redacted_attributes, summary)
        if redacted_description is not description:
            status = Status(status.status_code, redacted_description or None)
        redacted = redacted_copy(
            span, redacted_name, MappingProxyType(redacted_attributes), redacted_events, redacted_links, status,
            in_place=in_place,
        )
        if summary is not None:  # counted once the copy exists: were it to fail, the facade path counts
            self._metrics.redactions(summary.counts)
        return redacted

    def _redacted_annotations(
        self, items: Sequence[_Annotation], counter: Counter, rebuild: Callable[[_Annotation, Mapping[str, Any]], _Annotation]
    ) -> Sequence[_Annotation]:
        """Events or links (at least one: a span has none more often than not, and the call
        would cost more than the test) with their attributes redacted: ``items`` itself when
        none changed."""
        redacted: List[_Annotation] = []
        changed = False
        for item in items:
            attributes = plain_attributes(item.attributes)
            changes = self._changes(attributes, counter) if attributes else []
            if changes:
                new_attributes = dict(attributes)
                self._apply(new_attributes, changes)
                item = rebuild(item, MappingProxyType(new_attributes))
                changed = True
            redacted.append(item)
        return tuple(redacted) if changed else items

    def _redacted_text(self, text: Any, counter: Counter) -> Any:
        """``text`` (or a log body) redacted: the same object if nothing changed, the placeholder if
        it must go (a string found clean before costs one lookup in ``redact_value``)."""
        redacted = self._redactor.redact_value(text, counter=counter)
        return PLACEHOLDER if redacted is REMOVE else redacted

    def _changes(self, attributes: Mapping[str, Any], counter: Counter) -> List[Tuple[str, Any]]:
        """The attributes that redaction changes, with their new values (:data:`REMOVE` for
        those to delete); keys ``include_keys``/``exclude_keys`` rule out are left as they are."""
        return self._redactor.changes(self._in_scope(attributes), counter)

    def _in_scope(self, attributes: Mapping[str, Any]) -> Mapping[str, Any]:
        """The attributes whose keys ``include_keys``/``exclude_keys`` leave to redaction."""
        if self._include is None and self._exclude is None:
            return attributes
        verdicts = self._out_of_scope
        if verdicts.plain.issuperset(attributes):  # every key known to be in scope: no dict per span
            return attributes
        out_of_scope = verdicts.__getitem__
        return {key: value for key, value in attributes.items() if not out_of_scope(key)}

    def _key_is_out_of_scope(self, key: str) -> bool:
        include, exclude = self._include, self._exclude
        return (include is not None and include.search(key) is None) or (exclude is not None and exclude.search(key) is not None)

    @staticmethod
    def _apply(attributes: MutableMapping[str, Any], changes: List[Tuple[str, Any]]) -> None:
        for key, redacted in changes:
            if redacted is REMOVE:
                del attributes[key]
            else:
                attributes[key] = redacted

    def _note(self, attributes: MutableMapping[str, Any], summary: Summary) -> None:
        """Note the redactions on the span, unless the summary is off."""
        if self._summary:
            attributes[COUNT_ATTRIBUTE] = summary.total
            attributes[TYPES_ATTRIBUTE] = summary.types


_Annotation = TypeVar("_Annotation", Event, Link)


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
