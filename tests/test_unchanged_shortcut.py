"""Filters that work on the ended span itself: the shortcut never lets a value out raw,
and gives exactly what the same filter gives on a facade."""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opentelemetry.attributes import BoundedAttributes
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, SpanLimits, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.util import BoundedList
from opentelemetry.trace import Link, SpanContext, Status, StatusCode

import otel_redact
from otel_redact import pii_filter
from otel_redact._configure import installed_gate
from otel_redact._filters import FilterChain, finish, run_filters
from otel_redact._memo import _ENTRY_COST
from otel_redact._span import RedactedReadableSpan, dropped_counts, ended_parts, redacted_copy
from otel_redact._strategies import Strategy
from otel_redact._tally import Tally
from otel_redact._validators import FEWEST_PHONE_DIGITS
from tests.attribute_changes import changes

EMAIL = "jane.doe@example.com"
CLEAN: Dict[str, Any] = {"http.request.method": "POST", "url.full": "https://api.example.com/v1/orders", "server.port": 443}


def apply(span: ReadableSpan, filters: Tuple[Any, ...], on_error: str) -> Optional[ReadableSpan]:
    """What a redacting processor with ``filters`` passes on for ``span``."""
    return FilterChain.of(filters).apply(span, on_error)


def ended(
    name: str = "POST /v1/orders",
    attributes: Dict[str, Any] = CLEAN,
    description: Optional[str] = None,
    events: Sequence[Tuple[str, Dict[str, Any]]] = (),
    **options: Any,
) -> ReadableSpan:
    """The ``ReadableSpan`` the SDK hands to processors when a span with this content ends."""
    return ended_live(name, attributes, description, events, **options)._readable_span()


def ended_live(
    name: str, attributes: Dict[str, Any], description: Optional[str], events: Sequence[Tuple[str, Dict[str, Any]]], **options: Any
) -> Any:
    """The application's span with this content, ended."""
    tracer = TracerProvider().get_tracer("t")
    span = tracer.start_span(name, attributes=attributes, **options)
    for event_name, event_attributes in events:
        span.add_event(event_name, event_attributes)
    if description is not None:
        span.set_status(Status(StatusCode.ERROR, description))
    span.end()
    return span


LINKED = SpanContext(trace_id=1, span_id=2, is_remote=True)


def on_facade(span: ReadableSpan, *filters: Any) -> ReadableSpan:
    """What the filters make of ``span`` when each runs on a facade (no shortcut)."""
    facade = run_filters(span, filters, "redact")
    assert facade is not None
    out = finish(facade, "redact")
    assert out is not None
    return out


def as_data(span: ReadableSpan) -> Dict[str, Any]:
    return {
        "name": span.name,
        "attributes": dict(span.attributes),
        "status": (span.status.status_code, span.status.description),
        "identity": (span.context, span.parent, span.start_time, span.end_time, span.kind, span.resource),
        "dropped": (span.dropped_attributes, span.dropped_events, span.dropped_links),
        "events": [(e.name, dict(e.attributes or {}), e.timestamp) for e in span.events],
        "links": [(link.context, dict(link.attributes or {})) for link in span.links],
    }


def test_a_span_seen_clean_before_is_forwarded_as_it_is() -> None:
    redact = pii_filter()
    first = ended()
    assert redact._redactor.unsettled(first.attributes)  # nothing seen yet: the filter must scan
    assert apply(first, (redact,), "redact") is first  # scanned, changed nothing
    second = ended()
    assert not redact._redactor.unsettled(second.attributes)
    assert redact.redacted_readable(second) is second
    assert apply(second, (redact,), "redact") is second


@pytest.mark.parametrize("options", [{"exclude_keys": r"^user\."}, {"include_keys": r"^(url|http)\."}])
def test_keys_left_out_of_scope_do_not_stop_the_shortcut(options: Dict[str, str]) -> None:
    redact = pii_filter(**options)
    attributes = {**CLEAN, "user.email": EMAIL}
    assert apply(ended(attributes=attributes), (redact,), "redact").attributes["user.email"] == EMAIL
    second = ended(attributes=attributes)
    assert redact.redacted_readable(second) is second  # the e-mail is out of scope, the rest seen clean
    redact._redactor.changed_items = None  # type: ignore[assignment]  # the shortcut must not get this far
    assert apply(second, (redact,), "redact") is second


SPANS = {
    "value": ("POST /v1/orders", {**CLEAN, "user.email": EMAIL}, None, (), ()),
    "name": (f"mail {EMAIL}", CLEAN, None, (), ()),
    "sensitive key": ("POST /v1/orders", {**CLEAN, "password": "POST"}, None, (), ()),
    "status": ("POST /v1/orders", CLEAN, f"no mailbox {EMAIL}", (), ()),
    "tuple": ("POST /v1/orders", {**CLEAN, "tags": ("vip", EMAIL)}, None, (), ()),
    "json": ("chat", {"input.value": f'{{"messages": [{{"content": "mail {EMAIL}"}}]}}', "input.mime_type": "application/json", "openinference.span.kind": "LLM"}, None, (), ()),
    "clean": ("POST /v1/orders", CLEAN, "timeout", (), ()),
    "events": ("POST /v1/orders", CLEAN, None, [("retry", {"to": EMAIL, "n": 1}), ("clean", {"n": 2}), ("bare", {})], ()),
    "links": ("POST /v1/orders", CLEAN, None, (), [{"from": EMAIL}, {"n": 3}]),
    "clean events": ("POST /v1/orders", CLEAN, None, [("retry", {"attempt": 1})], [{"n": 3}]),
}
OPTIONS = {
    "default": {},
    "silent": {"summary": False},
    "remove": {"strategies": {"EMAIL_ADDRESS": "remove", "SENSITIVE_KEY": "remove"}},
    "include": {"include_keys": r"^user\."},
    "exclude": {"exclude_keys": r"^user\."},
    "span types": {"span_types": ["LLM"]},
    "pseudonym": {"strategies": "pseudonym"},
    "mask": {"strategies": "mask"},
}


@pytest.mark.parametrize("options", OPTIONS.values(), ids=list(OPTIONS))
@pytest.mark.parametrize("name, attributes, description, events, links", SPANS.values(), ids=list(SPANS))
def test_the_shortcut_gives_what_the_facade_gives(
    name: str,
    attributes: Dict[str, Any],
    description: Optional[str],
    events: Sequence[Tuple[str, Dict[str, Any]]],
    links: Sequence[Dict[str, Any]],
    options: Dict[str, Any],
) -> None:
    def make() -> Any:
        return ended_live(name, attributes, description, events, links=[Link(LINKED, a) for a in links])

    live = make()
    span = live._readable_span()
    fresh = pii_filter(**options).redacted_readable(span)
    primed = pii_filter(**options)  # has seen the same span before: memo hits
    apply(make()._readable_span(), (primed,), "redact")
    remembered = primed.redacted_readable(span)
    expected = on_facade(span, pii_filter(**options))
    for shortcut in (fresh, remembered):
        assert shortcut is not None
        assert as_data(shortcut) == as_data(expected)
        assert (shortcut is span) == (expected is span)
    handed_over = live._readable_span()  # the same span's end, as the SDK hands it over
    changed = pii_filter(**options).redacted_readable(handed_over, in_place=True)
    assert changed is handed_over  # the span itself, changed where the copy differs
    assert as_data(changed) == as_data(fresh)


def test_events_links_and_status_are_redacted_by_the_shortcut() -> None:
    source = ended(
        "POST /v1/orders", CLEAN, f"no mailbox {EMAIL}", [("retry", {"to": EMAIL})], links=[Link(LINKED, {"from": EMAIL})]
    )
    out = pii_filter().redacted_readable(source)
    assert out is not source and out.context == source.context
    assert out.events[0].attributes["to"] == "<EMAIL_ADDRESS>"
    assert out.links[0].attributes["from"] == "<EMAIL_ADDRESS>"
    assert out.status.description == "no mailbox <EMAIL_ADDRESS>"
    assert out.attributes["otel_redact.redacted_count"] == 3


FAILING_ANSWERS = [lambda span: 1 / 0, lambda span: True, lambda span: ended(), lambda span: None]
"""Shortcut answers that do not count: the filter itself must run."""
FAILING_ANSWER_IDS = ["raises", "not a span", "another span", "none"]


class FailingShortcut:
    """A filter whose shortcut gives ``answer``; it notes each time it is asked or run, and
    writes the e-mail into ``user.email`` when run."""

    def __init__(self, answer: Callable[[Any], Any]) -> None:
        self.answer = answer
        self.calls: List[str] = []

    def __call__(self, span: Any) -> None:
        self.calls.append("ran")
        span.set_attribute("user.email", EMAIL)

    def redacted_readable(self, span: Any) -> Any:
        self.calls.append("asked")
        return self.answer(span)


@pytest.mark.parametrize("answer", FAILING_ANSWERS, ids=FAILING_ANSWER_IDS)
def test_a_filter_whose_shortcut_fails_runs_on_the_facade(answer: Any) -> None:
    failing = FailingShortcut(answer)
    out = apply(ended(), (failing, pii_filter()), "redact")
    assert failing.calls == ["asked", "ran"]  # the shortcut asked once, then the filter itself
    assert out.attributes["user.email"] == "<EMAIL_ADDRESS>"  # and the next filter saw its write


def test_filters_chain_through_shortcuts_and_facades() -> None:
    seen: List[Any] = []

    def plain_filter(span: Any) -> None:
        seen.append(span.get_attribute("user.email"))
        span.set_attribute("note", f"written after: {EMAIL}")

    source = ended("POST /v1/orders", {**CLEAN, "user.email": EMAIL})
    out = apply(source, (pii_filter(), plain_filter, pii_filter()), "redact")
    assert seen == ["<EMAIL_ADDRESS>"]  # the plain filter saw the first filter's work
    assert out.attributes["note"] == "written after: <EMAIL_ADDRESS>"  # and the last filter saw its
    assert (out.context, out.start_time) == (source.context, source.start_time)


def test_a_failing_filter_after_a_shortcut_fails_closed() -> None:
    def broken(span: Any) -> None:
        raise RuntimeError("bug")

    out = apply(ended("POST /v1/orders", {**CLEAN, "user.email": EMAIL}), (pii_filter(), broken), "redact")
    assert EMAIL not in repr(dict(out.attributes)) + out.name
    assert out.attributes["otel_redact.error.filter"].endswith("broken")
    assert apply(ended(), (pii_filter(), broken), "drop") is None


VALUES = st.one_of(
    st.sampled_from(["POST", "https://api.example.com/v1/orders", EMAIL, "", "{}"]),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.tuples(st.sampled_from(["POST", EMAIL, "https"])),
    st.tuples(st.integers(), st.integers()),
)
KEYS = st.sampled_from(["http.request.method", "url.full", "password", "user.email", "server.port", "api_key"])


def seen_unchanged(redactor: Any, key: str, value: Any) -> bool:
    """The rule ``unsettled`` must follow, item by item: a key judged plain, holding a
    scalar (but an integer with a phone or card number's 7 to 19 digits), a string found
    clean, or a tuple of such strings."""
    clean = redactor._memo.clean_texts
    return redactor._key_verdicts.get(key) is False and (
        type(value) in (float, bool)
        or (type(value) is int and not 10 ** (FEWEST_PHONE_DIGITS - 1) <= value < 10**19)
        or (type(value) is str and value in clean)
        or (type(value) is tuple and all(type(item) is str and item in clean for item in value))
    )


@settings(max_examples=200, deadline=None)
@given(seen=st.dictionaries(KEYS, VALUES, max_size=6), asked=st.dictionaries(KEYS, VALUES, max_size=6))
def test_unsettled_follows_the_rule_and_the_rest_never_change(seen: Dict[str, Any], asked: Dict[str, Any]) -> None:
    redact = pii_filter()
    for _ in range(2):  # the second time, a settled span's numbers and tuples are remembered too
        apply(ended("x", seen), (redact,), "redact")
    redactor = redact._redactor
    expected = [(key, value) for key, value in asked.items() if not seen_unchanged(redactor, key, value)]
    assert list(redactor.unsettled(asked)) == expected
    assert list(redactor.unsettled(asked)) == expected  # answered again from what the first call remembered
    settled = {key: value for key, value in asked.items() if (key, value) not in expected}
    assert changes(redactor, settled) == []
    walked = [(key, new) for key, value in asked.items() if (new := redactor.redact_value(value, key=key)) is not value]
    assert changes(redactor, asked) == walked


def test_remembered_settled_values_never_settle_a_value_that_changes() -> None:
    redactor = pii_filter()._redactor
    first = {"method": "POST", "port": 443, "reasons": ("stop",)}
    changes(redactor, first)  # finds the strings clean
    assert not redactor.unsettled(first)
    assert {443, ("stop",)} <= redactor._memo.clean_texts
    held = len(redactor._memo.clean_texts), redactor._memo._chars
    assert not redactor.unsettled({**first, "port": 8443})  # one new value: only it is charged
    assert (len(redactor._memo.clean_texts), redactor._memo._chars) == (held[0] + 1, held[1] + _ENTRY_COST)
    assert redactor.unsettled({**first, "reasons": ("stop", EMAIL)}) == [("reasons", ("stop", EMAIL))]
    assert redactor.unsettled({**first, "method": EMAIL}) == [("method", EMAIL)]
    assert redactor.unsettled({**first, "nested": {"method": "POST"}}) == [("nested", {"method": "POST"})]  # unhashable: no error


@pytest.mark.parametrize("answer", FAILING_ANSWERS, ids=FAILING_ANSWER_IDS)
def test_the_processor_runs_a_lone_filter_whose_shortcut_fails(answer: Any, provider: Any, exporter: Any) -> None:
    failing = FailingShortcut(answer)
    provider.add_span_processor(otel_redact.RedactingSpanProcessor(SimpleSpanProcessor(exporter), span_processors=[failing]))
    source = provider.get_tracer("t").start_span("POST /v1/orders", attributes=CLEAN)
    source.end()
    assert failing.calls == ["asked", "ran"]  # the shortcut asked once, then the filter itself
    [out] = exporter.spans
    assert out.context == source.context and out.attributes["user.email"] == EMAIL  # the filter's write, nothing after it


def test_many_clean_spans_then_one_with_pii_reaches_the_exporter_redacted(provider, exporter) -> None:
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    tracer = provider.get_tracer("t")
    for _ in range(50):
        tracer.start_span("POST /v1/orders", attributes=CLEAN).end()
    tracer.start_span("POST /v1/orders", attributes={**CLEAN, "url.full": f"https://api.example.com/v1/orders?email={EMAIL}"}).end()
    assert len(exporter.spans) == 51
    assert not exporter.contains(EMAIL)
    assert exporter.contains("https://api.example.com/v1/orders")


class BlankingIds(otel_redact.PiiFilter):
    def __call__(self, span: Any) -> None:
        super().__call__(span)
        span.set_attribute("internal.id", "<ID>")


class DropsIds:
    def __call__(self, span: Any) -> None:
        super().__call__(span)  # type: ignore[misc]
        span.delete_attribute("internal.id")


class DropsIdsMixedIn(DropsIds, otel_redact.PiiFilter):
    pass


@pytest.mark.parametrize("filter_class, internal_id", [(BlankingIds, "<ID>"), (DropsIdsMixedIn, None)], ids=["own", "mixin"])
def test_a_call_more_derived_than_the_shortcut_is_run_not_shortcut(filter_class: Any, internal_id: Optional[str]) -> None:
    out = apply(ended(attributes={**CLEAN, "internal.id": "secret-123", "user.email": EMAIL}), (filter_class(),), "redact")
    assert out.attributes.get("internal.id") == internal_id and out.attributes["user.email"] == "<EMAIL_ADDRESS>"
    assert FilterChain.of([filter_class()]).hooks == (None,)


def test_a_shortcut_more_derived_than_the_call_is_kept() -> None:
    class OwnHook(otel_redact.PiiFilter):
        def redacted_readable(self, span: Any, *, in_place: bool = False) -> Any:
            return super().redacted_readable(span, in_place=in_place)

    class Shortcutting:
        def __call__(self, span: Any) -> None:
            raise AssertionError("the shortcut answers")

        def redacted_readable(self, span: ReadableSpan) -> ReadableSpan:
            return span

    class Stamping(Shortcutting):  # any filter class, not only pii_filter's, is judged so
        def __call__(self, span: Any) -> None:
            span.set_attribute("stamped", True)

    assert FilterChain.of([OwnHook(), Shortcutting(), Stamping()]).hooks[2] is None
    assert all(FilterChain.of([OwnHook(), Shortcutting()]).hooks)
    assert apply(ended(), (Shortcutting(),), "redact").attributes.get("stamped") is None
    assert apply(ended(), (Stamping(),), "redact").attributes["stamped"] is True


def test_a_finding_left_as_it_was_is_summarised_as_on_the_facade() -> None:
    class Keep(Strategy):
        def replace(self, value: str, entity: str) -> str:
            return value

    span = ended(attributes={**CLEAN, "note": f"mail {EMAIL}"})
    shortcut = pii_filter(strategies={"EMAIL_ADDRESS": Keep()}).redacted_readable(span)
    assert as_data(shortcut) == as_data(on_facade(span, pii_filter(strategies={"EMAIL_ADDRESS": Keep()})))
    assert shortcut.attributes["otel_redact.redacted_types"] == ("EMAIL_ADDRESS",)


def test_a_finding_left_as_it_was_is_summarised_every_time_it_is_seen() -> None:
    class Keep(Strategy):
        def replace(self, value: str, entity: str) -> str:
            return value

    keeping = pii_filter(strategies={"EMAIL_ADDRESS": Keep()})
    attributes = {**CLEAN, "note": f"mail {EMAIL}"}
    for _ in range(3):  # the second and third time, the string is answered from the memo
        shortcut = keeping.redacted_readable(ended(attributes=attributes))
        assert shortcut.attributes["otel_redact.redacted_count"] == 1
        assert as_data(on_facade(ended(attributes=attributes), keeping))["attributes"]["otel_redact.redacted_count"] == 1


def test_the_processor_follows_a_change_of_filters(provider: Any, exporter: Any) -> None:
    processor = otel_redact.RedactingSpanProcessor(SimpleSpanProcessor(exporter), span_processors=[pii_filter()])
    provider.add_span_processor(processor)
    tracer = provider.get_tracer("t")
    tracer.start_span("POST", attributes={"user.email": EMAIL}).end()
    processor.span_processors = [lambda span: span.set_attribute("user.email", "replaced")]
    tracer.start_span("POST", attributes={"user.email": EMAIL}).end()
    processor.span_processors = []
    tracer.start_span("POST", attributes={"user.email": "kept"}).end()
    assert [span.attributes["user.email"] for span in exporter.spans] == ["<EMAIL_ADDRESS>", "replaced", "kept"]


def test_the_sdk_span_is_read_as_its_properties_read() -> None:
    live = ended_live(
        "POST", {**CLEAN, "user.email": EMAIL}, "no mailbox", [("sent", {"to": EMAIL})], links=[Link(LINKED, {"from": EMAIL})]
    )
    for span in (live, live._readable_span()):  # as tracers make it, and as processors get it
        name, attributes, events, links, status = ended_parts(span)
        assert (name, dict(attributes), tuple(events), tuple(links), status) == (
            span.name, dict(span.attributes), span.events, span.links, span.status
        )
        assert dict(attributes)["user.email"] == EMAIL and events[0].attributes["to"] == EMAIL


def test_a_copy_made_from_the_sdk_fields_equals_one_made_from_the_properties() -> None:
    limits = SpanLimits(max_span_attributes=2, max_events=1, max_links=1)
    tracer = TracerProvider(span_limits=limits).get_tracer("t")
    live = tracer.start_span("POST", attributes={"a": "1", "b": "2", "c": "3"}, links=[Link(LINKED), Link(LINKED)])
    live.add_event("one")
    live.add_event("two")
    live.end()
    content = ("redacted", {"a": "x"}, (), (), Status(StatusCode.OK))
    from_fields = redacted_copy(live._readable_span(), *content)  # the dict copied
    from_properties = redacted_copy(live, *content)  # the live span: read through its properties
    assert type(from_fields) is type(from_properties) is RedactedReadableSpan
    assert vars(from_fields) == vars(from_properties)
    assert as_data(from_fields) == as_data(from_properties)
    assert (from_fields.dropped_attributes, from_fields.dropped_events, from_fields.dropped_links) == (1, 1, 1)
    assert (from_fields.name, dict(from_fields.attributes), from_fields.context) == ("redacted", {"a": "x"}, live.context)
    handed_over = live._readable_span()
    in_place = redacted_copy(handed_over, *content, in_place=True)
    assert in_place is handed_over and type(in_place) is RedactedReadableSpan
    assert as_data(in_place) == as_data(from_fields)
    assert dict(live.attributes) == {"b": "2", "c": "3"} and len(live.events) == 1  # the live span's containers kept


class SubclassedAttributes(BoundedAttributes):
    pass


class SubclassedList(BoundedList):
    pass


@pytest.mark.parametrize(
    "attributes_class, list_class, dropped",
    [(BoundedAttributes, BoundedList, 1), (SubclassedAttributes, SubclassedList, 1), (None, None, 0)],
    ids=["sdk", "subclassed", "plain"],
)
def test_a_copy_keeps_the_dropped_counts_the_sdk_properties_give(
    attributes_class: Optional[type], list_class: Optional[type], dropped: int
) -> None:
    items = {"a": "1", "b": "2"}
    attributes = attributes_class(maxlen=1, attributes=items, immutable=False) if attributes_class else items
    events, links = (list_class(1), list_class(1)) if list_class else ([], [])
    for item in ("one", "two"):
        events.append(item)
        links.append(item)
    source = ReadableSpan(name="x", context=SpanContext(1, 2, False), attributes=attributes, events=events, links=links)
    counts = (source.dropped_attributes, source.dropped_events, source.dropped_links)
    assert counts == (dropped,) * 3
    assert dropped_counts(source) == counts  # the SDK's rule, spelled out for its own ReadableSpan
    copy = redacted_copy(source, "x", {"a": "1"}, (), (), Status(StatusCode.UNSET))
    assert (copy.dropped_attributes, copy.dropped_events, copy.dropped_links) == counts


def test_summaries_of_remembered_strings_add_up_like_counted_ones() -> None:
    redactor = pii_filter()._redactor
    texts = [f"write to {EMAIL}", "call 415-555-0132 or 212-555-0147", f"{EMAIL} and 4111 1111 1111 1111"]
    for text in texts:
        redactor.redact_value(text)  # remembered
    for picks in ([0], [0, 1], [1, 2, 0], [2, 2]):
        tallies = []
        for _ in range(2):  # the second time, the summary of the same combination is looked up
            tally = Tally()
            for i in picks:
                redactor.redact_value("".join(texts[i]), counter=tally)  # a new, equal string: a memo hit
            tallies.append(tally.summary())
        expected: Counter = Counter()
        for i in picks:
            redactor.redact_value(texts[i] + " ", counter=expected)  # scanned afresh: counted one by one
        for summary in tallies:
            assert summary is not None
            assert dict(summary.counts) == dict(expected)
            assert (summary.total, summary.types) == (sum(expected.values()), tuple(sorted(expected)))
    mixed = Tally()
    mixed["US_SSN"] += 1  # counted directly, beside a remembered string
    redactor.redact_value("".join(texts[0]), counter=mixed)
    summary = mixed.summary()
    assert summary is not None and dict(summary.counts) == {"US_SSN": 1, "EMAIL_ADDRESS": 1}
    assert mixed.summary() == summary  # the remembered counts are added in once
    assert Tally().summary() is None


class Recording(otel_redact.PiiFilter):
    """A pii_filter that notes how its shortcut is asked."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: List[bool] = []

    def redacted_readable(self, span: ReadableSpan, *, in_place: bool = False) -> ReadableSpan:
        self.asked.append(in_place)
        return super().redacted_readable(span, in_place=in_place)


def test_configure_redacts_the_ended_copy_in_place_and_never_the_live_span(provider: Any, exporter: Any) -> None:
    plain_hook: List[str] = []

    class PlainHook:  # a shortcut without the in_place keyword is asked as before
        def __call__(self, span: Any) -> None:
            raise AssertionError("the shortcut answers for every span")

        def redacted_readable(self, span: ReadableSpan) -> ReadableSpan:
            plain_hook.append(span.name)
            return span

    provider.add_span_processor(SimpleSpanProcessor(exporter))
    recording = Recording()
    otel_redact.configure(span_processors=[recording, PlainHook()], tracer_provider=provider)
    live = provider.get_tracer("t").start_span("POST /v1/orders", attributes={**CLEAN, "user.email": EMAIL})
    live.add_event("sent", {"to": EMAIL})
    live.end()
    assert recording.asked == [True] and plain_hook == ["POST /v1/orders"]
    assert live.attributes["user.email"] == EMAIL and live.events[0].attributes["to"] == EMAIL  # the application's span
    assert not exporter.contains(EMAIL) and exporter.contains("<EMAIL_ADDRESS>")
    gate = installed_gate(provider)
    assert gate is not None and gate._chain.hooks[0] != recording.redacted_readable  # asked in place
    otel_redact.reset(provider)  # a gate taken off its provider may be wired beside others: it copies
    assert gate._chain.hooks[0] == recording.redacted_readable


def test_a_processor_wired_by_hand_copies_the_span_it_is_given(exporter: Any) -> None:
    recording = Recording()
    processor = otel_redact.RedactingSpanProcessor(SimpleSpanProcessor(exporter), span_processors=[recording])
    source = ended(attributes={**CLEAN, "user.email": EMAIL})
    processor.on_end(source)  # another processor beside it may hold the same span
    assert recording.asked == [False]
    assert source.attributes["user.email"] == EMAIL and type(source) is ReadableSpan
    assert not exporter.contains(EMAIL)


SEEN_TOGETHER = {"input.value": f"mail {EMAIL} today", "output.value": "call 415-555-0132 tomorrow", "tokens": 12}


def test_a_span_whose_strings_were_seen_together_is_redacted_as_the_first_time() -> None:
    reader = InMemoryMetricReader()
    remembering = pii_filter(meter_provider=MeterProvider(metric_readers=[reader]))
    results = []
    for tokens in (12, 40, 12):  # new string objects every span; the other attributes may differ
        attributes = {key: "".join(value) if isinstance(value, str) else tokens for key, value in SEEN_TOGETHER.items()}
        results.append(dict(remembering.redacted_readable(ended(attributes=attributes)).attributes))
        assert results[-1] == dict(pii_filter().redacted_readable(ended(attributes=attributes)).attributes)  # no memo
    assert results[0]["input.value"] == "mail <EMAIL_ADDRESS> today"
    assert results[0]["otel_redact.redacted_count"] == 2
    assert results[1]["tokens"] == 40
    memo = remembering._redactor._memo
    assert len(memo._changes) == 1
    assert EMAIL not in repr(memo._changes)
    data = reader.get_metrics_data()
    points = [point.value for rm in data.resource_metrics for sm in rm.scope_metrics for m in sm.metrics for point in m.data.data_points]
    assert sorted(points) == [3, 3]  # each span counted: an e-mail and a phone number three times
    swapped = {"password": "".join(SEEN_TOGETHER["input.value"]), "output.value": "".join(SEEN_TOGETHER["output.value"])}
    assert dict(remembering.redacted_readable(ended(attributes=swapped)).attributes)["password"] == "<SENSITIVE_KEY>"


def test_a_span_seen_before_is_answered_without_running_the_detectors() -> None:
    remembering = pii_filter()
    for _ in range(2):  # the first span makes the name known clean; the second is remembered
        first = remembering.redacted_readable(ended(attributes=dict(SEEN_TOGETHER)))

    def fail(*args: Any) -> Any:
        raise AssertionError("redacted again")

    remembering._redaction = fail  # type: ignore[method-assign]
    strings_anew = {key: "".join(value) if isinstance(value, str) else value for key, value in SEEN_TOGETHER.items()}
    again = remembering.redacted_readable(ended(attributes=strings_anew))
    assert dict(again.attributes) == dict(first.attributes)
    with pytest.raises(AssertionError):  # new text is redacted, not answered from the memo
        remembering.redacted_readable(ended(attributes={"input.value": f"mail {EMAIL} tonight"}))


def test_a_moved_key_is_made_unique_again_on_every_span() -> None:
    remembering = pii_filter()
    remembering.redacted_readable(ended())  # the span name is known clean from now on
    moved = {"user.jane.doe@example.com": "clicked", "msg": f"mail {EMAIL}"}
    first = dict(remembering.redacted_readable(ended(attributes=moved)).attributes)
    assert first["<EMAIL_ADDRESS>"] == "clicked"
    taken = dict(moved, **{"<EMAIL_ADDRESS>": "kept"})  # the moved key's name is taken on this span
    remembering.redacted_readable(ended(attributes={"<EMAIL_ADDRESS>": "kept"}))  # by an item known to stay
    assert remembering._redactor.unsettled(taken) == list(moved.items())
    second = dict(remembering.redacted_readable(ended(attributes=taken)).attributes)
    assert second["<EMAIL_ADDRESS>"] == "kept"
    assert "clicked" in second.values()
    assert EMAIL not in repr(second)


def test_a_time_out_is_not_remembered_for_the_span() -> None:
    from otel_redact._detectors import SHORT

    remembering = pii_filter(timeout=1e-9)
    remembering.redacted_readable(ended())  # the span name is known clean from now on
    attributes = {"input.value": "call 415-555-0132 " * (SHORT // 10)}
    redacted = remembering.redacted_readable(ended(attributes=attributes))
    assert redacted.attributes["input.value"] == "<UNSCANNABLE>"
    assert len(remembering._redactor._memo._changes) == 0
