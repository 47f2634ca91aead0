"""The gates skip passes only where they cannot find anything: same findings as running every pass."""

from __future__ import annotations

import importlib.util
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otel_redact import _detectors
from otel_redact._anonymizer import TextRedactor
from otel_redact._detectors import SHORT, DetectorSet
from otel_redact._hyperscan import ENGINE_VARIABLE

HYPERSCAN = importlib.util.find_spec("hyperscan") is not None

SAMPLES = [
    "mail jane.doe@example.com now",
    "call +1 (415) 555-0132 today",
    "call (415) 555 01 today",  # every seven digits in a row have two separators among them
    "card 4111 1111 1111 1111 ok",
    "iban DE89 3704 0044 0532 0130 00 and gb82west12345698765432",
    "ssn 536-90-4399",
    "hosts 192.168.10.24 and fe80::1ff:fe23:4567:890a",
    "key sk-proj-Zx8Qm2Lp7Rt4Vw9Yb3Nc6Hd1Jf5Kg0Ts8Ue2Wa4Xo7Pi9",
    "aws AKIAIOSFODNN7EXAMPLE aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
    "Authorization: Bearer 4f9a1c2e7b3d4f9a1c2e7b3d",
    "postgres://app:hunter2pass@db.internal:5432/app",
    "https://example.com/cb?access_token=abcd1234efgh&x=1",
    "Server=db;User Id=sa;Password=Sup3rS3cret!;",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    # Case-insensitive gates meet Unicode case folding: the long s and the Kelvin sign fold to
    # ASCII letters, as the regex engine's case-insensitive matching has them do.
    "aws_ſecret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AUTHORIZATION: BEARER 4f9a1c2e7b3d4f9a1c2e7b3d",
    "BASIC ZGVtbzpwQDU1dzByZGRlbW86cEA1NXcwcmQ=",
    # Digits other than 0-9 are digits too.
    "call ٤١٥-٥٥٥-٠١٣٢ or 4111 1111 1111 1111 in ünïcödé text",
    "call \uff14\uff11\uff15-\uff15\uff15\uff15-\uff12\uff16\uff17\uff11 today",  # no ASCII digit at all
    # Look-alike separators are read as ASCII ones (the gates see them so too).
    "call 415\u2011555\u20112671 or pay with 4111\u00a01111\u00a01111\u00a01111",
    "GET /invite?email=jane.roe%40example.com&x=1",
    "GET /users?tel=%2B1%20415%20555%202671&card=4111+1111+1111+1111",
    # National numbers and MAC addresses: digit-led, led by capitals, after a label, hex pairs.
    "DNI 12.345.678-Z, NIE X1234567L, PESEL 44051401359",
    "NI AB 12 34 56 C, CF RSSMRA85T10A562S",
    "mac 00:1A:2B:3C:4D:5E or 00-1A-2B-3C-4D-5E",
]


def _every_pass() -> DetectorSet:
    ungated = DetectorSet()
    ungated._gated = lambda text: list(ungated._passes)  # type: ignore[method-assign]
    return ungated


ENGINES = ["regex", pytest.param("hyperscan", marks=pytest.mark.skipif(not HYPERSCAN, reason="hyperscan not installed"))]


@pytest.fixture(params=ENGINES)
def detectors(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> DetectorSet:
    monkeypatch.setenv(ENGINE_VARIABLE, request.param)
    detectors = DetectorSet()
    assert (detectors._scanned is not None) == (request.param == "hyperscan")
    return detectors


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("padding", [0, SHORT], ids=["short", "long"])
def test_gated_findings_equal_ungated(detectors: DetectorSet, text: str, padding: int) -> None:
    padded = text + " the quarterly report" * (padding // 20)
    expected = _every_pass().find(padded)
    assert expected, "each sample holds something to find"
    assert detectors.find(padded) == expected


def test_clean_text_runs_no_pass(detectors: DetectorSet) -> None:
    prose = "The quarterly report shows revenue grew while costs stayed flat. " * 100
    assert detectors._gated(prose[:SHORT]) == []
    # Past SHORT only the needed characters and the quick gates are checked: passes that
    # need a character the prose lacks do not run.
    assert all(not scan.needs for scan in detectors._gated(prose))


def test_long_text_runs_no_pass_whose_substring_gate_it_lacks(detectors: DetectorSet) -> None:
    # Every needed character of the substring-gated passes ('-', '_', ':', '/', '=', 'J.', 'A')
    # and none of their substrings ('sk-', 'eyJ', '://', 'xox', 'AIza'...).
    prose = "A quarterly-report_v2: Jan. costs/revenue = flat. " * (SHORT // 40)
    gated = detectors._gated(prose)
    # Substring gates, and those of two to four characters, compiled: the stdlib seeks them faster.
    literal = [gate for gate in (scan.gate for scan in gated) if isinstance(gate, str) or _detectors._LITERAL.fullmatch(getattr(gate, "pattern", ""))]
    assert not literal


def test_text_without_the_needed_characters_skips_those_passes(detectors: DetectorSet) -> None:
    entities = {m.detector.entity for scan in detectors._gated("see https://example.com/docs") for m in scan.members}
    assert "URL_CREDENTIALS" not in entities  # no "@" and no "=": neither user info nor a parameter
    assert "EMAIL_ADDRESS" not in entities


# --- the key screen: key-name checks skipped only where no sensitive key can be --------------

KEYED_SAMPLES = [
    '{"role": "user", "api_key": "sk-live-abc123"}',
    '{"role": "user", "api_key"\n    : "sk-live-abc123"}',  # a line break before the colon
    '{"my password \\"x\\"": "hunter2"}',  # an escaped quote inside the key
    '{"\\u0074oken": "hunter2"}',  # a key spelled with an escape
    '{"msg": "login with\\npassword=hunter2 now"}',  # a pair inside a JSON string
    'prefix {"password": "hunter2", "note": "cut sho',  # JSON cut short
    "db.password: hunter2 and TOKEN=abc123def",
    "{'ſecret': 'hunter2'}",  # the long s folds to "s"
    '{"x-api-\u212aey": "hunter2"}',  # the Kelvin sign folds to "k"
    '{"role": "user", "content": "no key names here at all"}',
    "Hi, My name is Jane Roe; card 4111 1111 1111 1111 cvv 123, dob 1980-02-13",  # names a space alone parts
]


def _redactor_without_screen() -> TextRedactor:
    redactor = TextRedactor()
    redactor._key_values._screen = None  # every text is read for keys
    return redactor


@pytest.mark.parametrize("text", KEYED_SAMPLES)
def test_key_screen_changes_no_result(detectors: DetectorSet, text: str) -> None:
    screened = TextRedactor()
    assert (screened._key_values._screen is not None) == (detectors._scanned is not None)
    expected = _redactor_without_screen().redact_text(text)
    assert screened.redact_text(text) == expected
    assert "hunter2" not in expected and "sk-live-abc123" not in expected and "abc123def" not in expected


# --- selective gates: members skipped only where they cannot match ---------------------------

PIECES = [
    "4111 1111 1111 1111", "5555-5555-5555-4444", "536-90-4399", "536 90 4399", "536904399", "SSN: ", "ss#",
    "Social Security number ", "+1 (415) 555-0132", "(415) 555 01", "415.555.0132", "(020) 7946 0958", "+44 20 7946 0958",
    "ext. 12", "x7", "phone ", "call ", "192.168.10.24", "v", "version ", "DE89 3704 0044 0532 0130 00",
    "gb82west12345698765432", "NO93 8601 1117 947", "?token=abcd1234", "&API_KEY=xyz12345", "?page=2",
    "0", "7", "12", "2024-01-05", " ", "-", ".", "(", ")", "+", "/", ":", "=", "ab", "AB", "\n", "٣", "é",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_selective_gates_skip_no_finding(text: str) -> None:
    """Hyperscan's choice of passes and members finds what running every member finds."""
    expected = _every_pass().find(text)
    with pytest.MonkeyPatch.context() as patch:
        for engine in ["regex"] + (["hyperscan"] if HYPERSCAN else []):
            patch.setenv(ENGINE_VARIABLE, engine)
            assert DetectorSet().find(text) == expected, engine


# --- the one search of all gates on short text: rewritten, never changed ---------------------


def test_case_partners_cover_every_character_the_stdlib_folds_to_an_ascii_letter() -> None:
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    folded = set(re.findall(r"(?i:[a-z])", every)) - set(string.ascii_letters)
    assert folded == set(_detectors._CASE_FOLDED_TO_ASCII)
    assert _detectors._case_partners("s") == ["S", "s", "\u017f"]


def test_every_alternative_of_the_short_text_gate_starts_with_one_literal_character() -> None:
    # Else the stdlib's search tries every gate at every position (twice the time).
    led = [alternative for scan in DetectorSet()._passes for alternative in _detectors._literal_led(scan.gate)]
    assert all(re.match(r"\\\W|[^\\\[(.^$|?*+{]", alternative) for alternative in led), led


@pytest.mark.parametrize(
    ("gate", "rewritten"),
    [
        (("api-key", "x"), ["A(?i:pi\\-key)", "a(?i:pi\\-key)", "X", "x"]),
        (re.compile("[0-2]ab"), ["0ab", "1ab", "2ab"]),
        (re.compile("[0-9]{2}"), ["[0-9]{2}"]),  # a quantified class is left as it is
        (re.compile("[^a]b"), ["[^a]b"]),
        (re.compile(r"[\w-]x"), [r"[\w-]x"]),
    ],
)
def test_literal_led_rewrites_only_what_it_can_keep_equal(gate: object, rewritten: list) -> None:
    assert _detectors._literal_led(gate) == rewritten


GATE_PIECES = ["a", "A", "pi-key", "PI-KEY", "ſecret", "SECRET", "\u212a", "_live_", "k", "0", "12", "3", "-", ":",
               "//", "@", "%40", "?x=", "&", "=", "eyJ", "sk-", "xox", "gh", "p_", "AIza", "ABIA", " ", "é", "İ"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(GATE_PIECES), max_size=10).map("".join))
def test_short_text_gate_holds_where_the_plain_alternation_holds(text: str) -> None:
    detectors = DetectorSet()
    plain = re.compile("|".join(_detectors._gate_pattern(scan.gate) for scan in detectors._passes))
    assert detectors._gate is not None
    assert bool(detectors._gate.search(text)) == bool(plain.search(text))
