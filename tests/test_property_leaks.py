"""Property: whatever the span's shape and wherever a sensitive value sits in it, the OTLP
bytes exported after ``pii_filter()`` do not contain that value.

Generators draw values in the formats people really send (with a written reason wherever
a format is narrowed); values sit in prose, in nested data, in JSON strings, in events,
links, the span name and the status description.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import string
from typing import Any, Callable, Dict, List, Tuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.trace import Link, Status, StatusCode

from otel_redact import RedactingSpanProcessor, pii_filter
from otel_redact._span import NESTED_VALUES
from tests.conftest import OtlpBytesExporter

# 500 spans of 1 to 6 values each (about 1,750 values) per run, about 5 s on 2 cores.
SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ALNUM = string.ascii_letters + string.digits
LOWER_DIGITS = string.ascii_lowercase + string.digits


def chars(alphabet: str, low: int, high: int) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=low, max_size=high)


def token(alphabet: str, size: int) -> st.SearchStrategy[str]:
    """A random credential body. Real keys are random, so they hold letters and digits
    (the detectors require both, to skip words); an all-letter draw is not a real key."""
    return chars(alphabet, size, size).filter(lambda t: any(c.isdigit() for c in t) and any(c.isalpha() for c in t))


# --- e-mail addresses -------------------------------------------------------------------------

_local_atom = chars(LOWER_DIGITS + "_", 1, 12)
emails = st.builds(
    lambda local, sep, extra, tag, labels, tld, upper: (
        (local + (sep + extra if extra else "") + (f"+{tag}" if tag else "") + "@" + ".".join(labels) + "." + tld)
        if not upper
        else (local.capitalize() + "@" + ".".join(labels).capitalize() + "." + tld)
    ),
    _local_atom,
    st.sampled_from([".", "-", "_"]),
    st.one_of(st.just(""), _local_atom),
    st.one_of(st.just(""), chars(string.ascii_lowercase, 1, 8)),
    st.lists(
        st.builds(lambda a, b: a + b, chars(LOWER_DIGITS, 1, 10), st.sampled_from(["", "-mail", "-corp"])),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(["com", "org", "net", "io", "de", "co.uk", "fr", "info", "dev", "museum"]),
    st.booleans(),
)

# --- phone numbers ----------------------------------------------------------------------------


def _digits(n: int) -> st.SearchStrategy[str]:
    return chars(string.digits, n, n)


def _international(cc: str, groups: List[str], sep: str, bracket: bool) -> str:
    head = f"+{cc}{sep}({groups[0]})" if bracket else f"+{cc}{sep}{groups[0]}"
    return sep.join([head, *groups[1:]])


_NANP_AREA = st.builds(lambda a, b: a + b, st.sampled_from("23456789"), _digits(2))
_NANP_EXCHANGE = st.builds(lambda a, b: a + b, st.sampled_from("23456789"), _digits(2))

# +CC, then an area or mobile prefix, then two to four groups: 8 to 12 national digits.
international_phones = st.builds(
    _international,
    st.sampled_from(["1", "44", "49", "33", "34", "39", "31", "61", "81", "91", "353", "420"]),
    st.lists(st.integers(2, 4).flatmap(_digits), min_size=3, max_size=5)
    .map(lambda groups: [str(1 + int(groups[0][0]) % 9) + groups[0][1:], *groups[1:]])
    .filter(lambda groups: 8 <= sum(map(len, groups)) <= 12),
    st.sampled_from([" ", "-", "."]),
    st.booleans(),
)
us_phones = st.builds(
    lambda area, exchange, line, style: style.format(area, exchange, line),
    _NANP_AREA,
    _NANP_EXCHANGE,
    _digits(4),
    st.sampled_from(["({}) {}-{}", "{}-{}-{}", "{}.{}.{}", "{} {} {}", "1-{}-{}-{}", "+1 {} {} {}"]),
)
# National UK/DE/FR numbers have no shape of their own (a run of digit groups reads like an
# order or invoice number), so the detector asks for a phone word nearby, and so do we.
european_national_phones = st.builds(
    lambda word, number: f"{word} {number}",
    st.sampled_from(["phone:", "tel.", "call me on", "mobile", "fax", "Telefon:", "Handy", "Tél :", "portable"]),
    st.one_of(
        st.builds(lambda a, b: f"020 {a} {b}", _digits(4), _digits(4)),  # UK London
        st.builds(lambda a, b: f"07{a} {b}", _digits(3), _digits(6)),  # UK mobile
        st.builds(lambda a, b: f"030 {a}{b}", _digits(4), _digits(4)),  # DE Berlin
        st.builds(lambda a, b: f"0151 {a} {b}", _digits(4), _digits(4)),  # DE mobile
        st.builds(lambda sep, d: "0" + sep.join([d[0]] + [d[i : i + 2] for i in range(1, 9, 2)]),
                  st.sampled_from([" ", "."]), st.builds(lambda a, b: a + b, st.sampled_from("1234567"), _digits(8))),  # FR
    ),
)
phones = st.one_of(international_phones, us_phones, european_national_phones)

# --- payment cards ----------------------------------------------------------------------------


def luhn_complete(body: str) -> str:
    """``body`` with the check digit that makes it Luhn-valid."""
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return body + str((10 - total % 10) % 10)


ISSUERS: Dict[str, Tuple[List[str], List[int]]] = {
    "visa": (["4"], [13, 16, 19]),
    "mastercard": ([str(p) for p in range(51, 56)] + ["2221", "2500", "2720"], [16]),
    "amex": (["34", "37"], [15]),
    "discover": (["6011", "644", "649", "65"], [16, 19]),
    "jcb": (["3528", "3589"], [16]),
    "diners": (["300", "305", "36", "38"], [14]),
    "maestro": (["5018", "5020", "6304", "6759"], [12, 16, 19]),
    "unionpay": (["62"], [16, 19]),
}


def _card(prefix: str, length: int, fill: str, separator: str) -> str:
    number = luhn_complete((prefix + fill)[: length - 1])
    if not separator:
        return number
    # As printed on cards: 4-6-5 (Amex), 4-6-4 (Diners), 4-4-5 (13-digit Visa), else groups of 4.
    groups = {15: [4, 6, 5], 14: [4, 6, 4], 13: [4, 4, 5]}.get(length, [4] * (length // 4) + [length % 4])
    parts, at = [], 0
    for size in groups:
        if size:
            parts.append(number[at : at + size])
            at += size
    return separator.join(parts)


cards = st.sampled_from(sorted(ISSUERS)).flatmap(
    lambda issuer: st.builds(
        _card,
        st.sampled_from(ISSUERS[issuer][0]),
        st.sampled_from(ISSUERS[issuer][1]),
        _digits(19),
        st.sampled_from(["", " ", "-"]),
    )
)

# --- IBANs ------------------------------------------------------------------------------------

# Country -> BBAN layout: n digits ("9"), n upper-case letters ("A"), n alphanumerics ("X").
IBAN_LAYOUTS = {
    "DE": [("9", 18)],
    "FR": [("9", 10), ("X", 11), ("9", 2)],
    "GB": [("A", 4), ("9", 14)],
    "NL": [("A", 4), ("9", 10)],
    "ES": [("9", 20)],
    "IT": [("A", 1), ("9", 10), ("X", 12)],
    "CH": [("9", 5), ("X", 12)],
    "BE": [("9", 12)],
    "PL": [("9", 24)],
}
_KIND = {"9": string.digits, "A": string.ascii_uppercase, "X": string.ascii_uppercase + string.digits}


def _iban(country: str, bban: str, spaced: bool) -> str:
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    compact = f"{country}{98 - int(numeric) % 97:02d}{bban}"
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4)) if spaced else compact


ibans = st.sampled_from(sorted(IBAN_LAYOUTS)).flatmap(
    lambda country: st.builds(
        _iban,
        st.just(country),
        st.tuples(*(chars(_KIND[kind], n, n) for kind, n in IBAN_LAYOUTS[country])).map("".join),
        st.booleans(),
    )
)

# --- SSNs, IP addresses -----------------------------------------------------------------------

ssns = st.builds(
    lambda area, group, serial, style: style.format(f"{area:03d}", f"{group:02d}", f"{serial:04d}"),
    st.integers(1, 899).filter(lambda a: a != 666),
    st.integers(1, 99),
    st.integers(1, 9999),
    st.sampled_from(["{}-{}-{}", "{} {} {}", "SSN: {}{}{}"]),
)
ipv4s = st.builds(lambda *octets: ".".join(map(str, octets)), *[st.integers(1, 254)] * 4)
ipv6s = st.builds(
    lambda value, compressed, zone: (
        (ipaddress.IPv6Address(value).compressed if compressed else ipaddress.IPv6Address(value).exploded) + zone
    ),
    # Two or more non-zero groups: the detector skips "1::"-like shapes, which read as text.
    (st.integers(1 << 112, (1 << 128) - 1) | st.builds(lambda a, b: (0xFE80 << 112) | (a << 16) | b, st.integers(1, 0xFFFF), st.integers(1, 0xFFFF)))
    .filter(lambda v: sum(1 for g in ipaddress.IPv6Address(v).exploded.split(":") if g != "0000") >= 2),
    st.booleans(),
    st.sampled_from(["", "", "%eth0", "%3"]),  # link-local addresses carry a zone
)

# --- secrets ----------------------------------------------------------------------------------

B64URL = string.ascii_letters + string.digits + "-_"


def _b64(data: Dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


jwts = st.builds(
    lambda alg, sub, iat, signature: f"{_b64({'alg': alg, 'typ': 'JWT'})}.{_b64({'sub': sub, 'iat': iat})}.{signature}",
    st.sampled_from(["HS256", "RS256", "ES256"]),
    chars(LOWER_DIGITS, 3, 20),
    st.integers(1_500_000_000, 1_900_000_000),
    chars(B64URL, 43, 43),
)
api_keys = st.one_of(
    token(ALNUM + "-_", 48).map(lambda t: "sk-proj-" + t),
    token(ALNUM, 48).map(lambda t: "sk-" + t),
    token(ALNUM + "-_", 95).map(lambda t: "sk-ant-api03-" + t),
    token(string.ascii_uppercase + string.digits, 16).map(lambda t: "AKIA" + t),
    token(ALNUM, 36).map(lambda t: "ghp_" + t),
    token(ALNUM, 20).map(lambda t: "glpat-" + t),
    token(ALNUM, 24).map(lambda t: "xoxb-1234567890-" + t),
    token(ALNUM, 24).map(lambda t: "sk_live_" + t),
    token(ALNUM + "-_", 35).map(lambda t: "AIza" + t),
)
url_credentials = st.one_of(
    st.builds(
        lambda scheme, user, password, host: f"{scheme}://{user}:{password}@{host}/db",
        st.sampled_from(["postgresql", "mysql", "redis", "mongodb+srv", "https", "amqp"]),
        chars(string.ascii_lowercase, 3, 10),
        token(ALNUM + "!$*", 12),
        st.sampled_from(["db.internal", "10.0.0.5:5432", "cache.example.com"]),
    ),
    st.builds(
        lambda param, value: f"https://api.example.com/v1/items?page=2&{param}={value}",
        st.sampled_from(["api_key", "access_token", "token", "signature", "client_secret"]),
        token(ALNUM, 32),
    ),
)

VALUES = {
    "email": emails,
    "phone": phones,
    "card": cards,
    "iban": ibans,
    "ssn": ssns,
    "ipv4": ipv4s,
    "ipv6": ipv6s,
    "jwt": jwts,
    "api_key": api_keys,
    "url_credentials": url_credentials,
}
sensitive = st.sampled_from(sorted(VALUES)).flatmap(lambda kind: VALUES[kind])

# --- span shapes ------------------------------------------------------------------------------

# No bare numbers: "total 42 4111 1111 1111 1111" reads as one longer number, to a person too.
# Short capitalised and upper-case words too: "... 0130 00 To", "... 7034 OK", "I", "ID".
WORDS = ["please", "contact", "the", "user", "at", "order", "was", "shipped", "to", "ref", "total", "ok",
         "To", "OK", "Re", "I", "ID", "Mr", "Thanks"]
SEPARATORS = [" ", ", ", ": ", "\n", " (", ") ", " '", "' ", ' "', '" ', " -- ", "; "]
prose = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)


@st.composite
def sentence(draw: Callable[..., Any], value: str) -> str:
    """``value`` in a line of text, on clean boundaries as people write it."""
    before, after = draw(prose), draw(prose)
    left = draw(st.sampled_from(SEPARATORS)) if before else ""
    right = draw(st.sampled_from(SEPARATORS)) if after else ""
    return f"{before}{left}{value}{right}{after}"


@st.composite
def carrier(draw: Callable[..., Any], value: str) -> Any:
    """An attribute value holding ``value``: text, a list, nested data, or JSON text of either."""
    text = draw(sentence(value))
    keys = st.sampled_from(["content", "text", "note", "message", "query", "result"])
    nested = draw(
        st.recursive(
            st.just(text),
            lambda inner: st.one_of(st.lists(inner, min_size=1, max_size=3), st.dictionaries(keys, inner, min_size=1, max_size=3)),
            max_leaves=4,
        )
    )
    shape = draw(st.sampled_from(["text", "list", "nested", "json", "json-messages"]))
    if shape == "text":
        return text
    if shape == "list":
        return [draw(prose), text]
    if shape == "nested" and NESTED_VALUES:  # older SDKs drop nested values: JSON text instead
        return {"role": "user", "parts": [nested]} if isinstance(nested, str) else nested
    if shape in ("json", "nested"):
        return json.dumps(nested, ensure_ascii=draw(st.booleans()))
    return json.dumps([{"role": "user", "parts": [{"type": "text", "content": text}]}])


ATTRIBUTE_KEYS = ["input.value", "output.value", "gen_ai.input.messages", "llm.prompts.0.prompt.text", "metadata", "db.statement", "http.url", "custom.note"]
PLACES = ["attribute", "attribute", "attribute", "name", "event", "link", "status"]


@st.composite
def span_plan(draw: Callable[..., Any]) -> Tuple[List[str], List[Tuple[str, str, Any]]]:
    """Sensitive values and where each goes: (place, key, carrier value)."""
    values = draw(st.lists(sensitive, min_size=1, max_size=6))
    plan = []
    for value in values:
        place = draw(st.sampled_from(PLACES))
        key = draw(st.sampled_from(ATTRIBUTE_KEYS))
        plan.append((place, key, draw(carrier(value)) if place in ("attribute", "event", "link") else draw(sentence(value))))
    return values, plan


EXPORTER = OtlpBytesExporter()
PROVIDER = TracerProvider(shutdown_on_exit=False)
PROVIDER.add_span_processor(RedactingSpanProcessor(SimpleSpanProcessor(EXPORTER), span_processors=[pii_filter()]))
TRACER = PROVIDER.get_tracer("property")


def emit(plan: List[Tuple[str, str, Any]]) -> None:
    with TRACER.start_as_current_span("seed") as seed:
        context = seed.get_span_context()
    name = " | ".join(value for place, _, value in plan if place == "name") or "op"
    links = [Link(context, {key: value}) for place, key, value in plan if place == "link"]
    span = TRACER.start_span(name, links=links)
    for index, (place, key, value) in enumerate(plan):
        if place == "attribute":
            span.set_attribute(f"{key}.{index}" if key in span.attributes else key, value)
        elif place == "event":
            span.add_event("exception", {"exception.message": value} if isinstance(value, str) else {key: value})
    status = [value for place, _, value in plan if place == "status"]
    if status:
        span.set_status(Status(StatusCode.ERROR, " | ".join(status)))
    span.end()


@SETTINGS
@given(span_plan())
def test_no_injected_value_reaches_the_otlp_bytes(case):
    values, plan = case
    EXPORTER.payloads.clear()
    emit(plan)
    data = EXPORTER.data
    leaked = [value for value in values if value.encode() in data]
    assert not leaked, (leaked, plan)
