"""The optional Hyperscan gate scanner: never misses a gate Python finds, in any thread."""

from __future__ import annotations

import os
import re
import sys
import threading
from typing import List, Sequence

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

hyperscan = pytest.importorskip("hyperscan")

from otel_redact import _detectors  # noqa: E402
from otel_redact._detectors import _BUILTIN_SPECS, default_detectors  # noqa: E402
from otel_redact._hyperscan import ENGINE_VARIABLE, GateScanner, gate_scanner, translate  # noqa: E402
from otel_redact._hyperscan import _every_char  # noqa: E402
from otel_redact._keys import KeyMatcher  # noqa: E402

# The gates as the detector set checks them (pass by pass), and as the patterns declare them.
PASS_GATES = [_detectors._gate_pattern(scan.gate) for scan in default_detectors()._passes]
SELECTIVE_GATES = [spec.selective for spec in _BUILTIN_SPECS if spec.selective]
GATES = list(dict.fromkeys(PASS_GATES + [spec.gate for spec in _BUILTIN_SPECS] + SELECTIVE_GATES))
# Constructs the translation handles beyond today's gates: each must stay a superset too.
SYNTAX_GATES = [
    r"(?<![\w.])\d{3}(?!\d)",
    r"\bfoo\b",
    r"^bar|baz$",
    r"x{,2}y",
    r"a{}",
    r"a++b",
    r"(?P<name>ab)c(?>d|e)",
    r"(?s:a.b)",
    r"a.b",
    r"[^a-z]q",
    r"(?i)abc",
    r"(?i:é|ǅ)",
    r"(?i:[k-s]x)",
    r"\x41\u00e9\t",
    r"[]x]",
    r"\W\s\S",
    r"(?-i:Q)(?i:q)",
    r"[\d.]{2}",
]

FRAGMENTS = [
    "0", "7", "42", "2024-01-05", "1.2.3.4", "+1 (555) 010-0199", " ", "-", ".", "(", ")", "\n", "\x00",
    "://", "@", ":", "::", ":fe80:", "=", "?", "&", "#", ";", "_", "/", "A", "K", "k",
    "sk-", "SK-", "sk-ant-", "-----BEGIN", "eyJ", "AKIA", "ASIA", "ghp_", "github_pat_", "glpat-", "xox",
    "hooks.slack.com", "hooks-slack_com", "sk_live_", "rk_test_", "AIza",
    "secret", "SECRET", "ſecret", "Authorization", "BEARER", "basic", "baſic", "api-key", "apİ-key",
    "apı-key", "password", "PASSWORD", "paßword", "pwd", "PWD", "?key=", "&x-y=", ";é=",
    "٣", "\U0001e950", "\u0966", "é", "ß", "İ", "ı", "\u212a", "日本", "👍🏽", "\ufeff", "ǅ", "Ǆ",
    "foo", "bar", "abc", "q",
]
ASCII_FRAGMENTS = [fragment for fragment in FRAGMENTS if fragment.isascii()]
TEXTS = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=16).map("".join)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def python_hits(gates: Sequence[str], text: str) -> int:
    """The gates that ``re`` or ``regex`` finds in ``text``, as a bitmask."""
    mask = 0
    for index, gate in enumerate(gates):
        if regex.search(gate, text) or _re_search(gate, text):
            mask |= 1 << index
    return mask


def _re_search(gate: str, text: str) -> bool:
    try:
        return re.search(gate, text) is not None
    except re.error:  # regex-only syntax
        return False


def names(gates: Sequence[str], mask: int) -> List[str]:
    return [gate for index, gate in enumerate(gates) if mask >> index & 1]


@pytest.fixture(scope="module")
def scanner() -> GateScanner:
    return GateScanner(GATES)


def test_every_gate_compiles(scanner: GateScanner) -> None:
    assert scanner.fallback == ()
    assert GateScanner(SYNTAX_GATES).fallback == ()


@SETTINGS
@given(TEXTS)
def test_superset_of_python_gates(scanner: GateScanner, text: str) -> None:
    expected, found = python_hits(GATES, text), scanner.hits(text)
    assert not names(GATES, expected & ~found), text


@SETTINGS
@given(TEXTS)
def test_superset_of_python_for_other_syntax(text: str) -> None:
    syntax = GateScanner(SYNTAX_GATES)
    expected, found = python_hits(SYNTAX_GATES, text), syntax.hits(text)
    assert not names(SYNTAX_GATES, expected & ~found), text


@SETTINGS
@given(st.text(st.characters(max_codepoint=127)) | st.lists(st.sampled_from(ASCII_FRAGMENTS)).map("".join))
def test_exact_on_ascii_text(scanner: GateScanner, text: str) -> None:
    """Today's gates are translated without widening for ASCII text: no extra gate."""
    assert scanner.hits(text) == python_hits(GATES, text), text


ATOMS = [r"\d", r"\s", r"\w", r"(?i:s)", r"(?i:k)", r"(?i:i)", r"(?i:[a-z])", r"[^\x00-\x7f]"]


@pytest.mark.parametrize("atom", ATOMS)
def test_atom_covers_every_code_point_python_matches(atom: str) -> None:
    """Hyperscan runs the translated class over every code point; all Python matches are in."""
    every = _every_char()
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=[translate(atom).encode()], flags=hyperscan.HS_FLAG_UTF8)
    data = every.encode()
    ends: List[int] = []
    database.scan(data, lambda i, start, end, flags, ctx: ends.append(end))
    char_ends = set(ends)
    offsets = _char_end_offsets(every)
    for engine in (re, regex):
        for match in engine.finditer(atom, every):
            code = ord(match.group())
            assert offsets[match.start()] in char_ends, f"{atom} misses U+{code:04X} ({engine.__name__})"


def _char_end_offsets(text: str) -> List[int]:
    """For each character, the byte offset of its end in the UTF-8 encoding."""
    offsets, total = [], 0
    for char in text:
        total += 1 if char < "\x80" else 2 if char < "\u0800" else 3 if char < "\U00010000" else 4
        offsets.append(total)
    return offsets


def test_lone_surrogate_reports_every_gate(scanner: GateScanner) -> None:
    assert scanner.hits("text \ud800 text") == (1 << len(GATES)) - 1


def test_empty_text(scanner: GateScanner) -> None:
    assert scanner.hits("") == 0


def test_unsupported_and_rejected_gates_are_always_reported() -> None:
    gates = [r"(a)\1", "xyz", "a?"]  # a backreference; a gate that matches the empty string
    scanner = GateScanner(gates)
    assert scanner.fallback == (r"(a)\1", "a?")
    assert scanner.hits("q") == 0b101
    assert scanner.hits("xyz") == 0b111


def test_threads_get_correct_answers(scanner: GateScanner) -> None:
    texts = [
        "POST", "https://user:pw@example.com/x", "call +1 415 555 0132", "ſecret", "plain words " * 2000,
        ("The quarterly report; the api-key is sk-abc. " * 3000) + "eyJ",
    ]
    expected = [python_hits(GATES, text) for text in texts]
    barrier = threading.Barrier(8)
    failures: List[str] = []

    def work() -> None:
        barrier.wait()
        for _ in range(200):
            for text, mask in zip(texts, expected):
                if scanner.hits(text) != mask:
                    failures.append(text[:30])

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_forked_child_scans(scanner: GateScanner) -> None:
    assert scanner.hits("a@b") == python_hits(GATES, "a@b")  # the parent's thread has a scratch
    pid = os.fork()
    if pid == 0:
        os._exit(0 if scanner.hits("a@b") == python_hits(GATES, "a@b") else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_engine_variable_selects_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    assert isinstance(gate_scanner(["@"]), GateScanner)
    monkeypatch.setenv(ENGINE_VARIABLE, "regex")
    assert gate_scanner(["@"]) is None


def test_no_scanner_without_hyperscan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hyperscan", None)  # import raises ImportError
    assert gate_scanner(["@"]) is None


KEY_PARTS = [
    "password", "PassWd", "pwd", "secret", "ſecret", "SECRETARY", "Authorization", "author", "api-key",
    "apİ-key", "api_\u212aey", "token", "max_tokens", "token_count", "session", "cvv", "PIN", "iban", "İban",
    "credit card", "ssn", "classname", "straße", "STRASSE", "dob", "user", "role", "_", ".", "-", " ", "\\n", '\\"',
    "tin", "TIN", "ein", "setting", "first name", "lastName", "address_line", "tax", "id",
]


@SETTINGS
@given(
    st.lists(st.sampled_from(KEY_PARTS) | st.text(max_size=2), max_size=5).map("".join),
    st.text(max_size=3),
    st.sampled_from(':="\' \\]>\n\t'),
    st.text(max_size=3),
)
def test_key_screen_finds_every_sensitive_key(key: str, before: str, ending: str, after: str) -> None:
    """A text holding a key the matcher calls sensitive, ended by what may follow a key (a
    separator, a quote, a space), is always reported by the key screen."""
    matcher = KeyMatcher(extra=["straße", "dob"])
    screen = GateScanner([matcher.pattern])
    assert screen.fallback == ()
    if matcher.is_sensitive(key):
        assert screen.hits(before + key + ending + after), key


def test_key_screen_passes_words_holding_a_short_name() -> None:
    """A TIN or EIN is a key only standing apart: the screen reads the character after it
    (Hyperscan drops look-arounds), so words holding the letters (not ending in them) do not
    open the key passes."""
    screen = GateScanner([KeyMatcher().pattern])
    assert not screen.hits("testing the setting, being tinted")
    assert screen.hits('{"tin": "x"}') and screen.hits("EIN: x") and screen.hits("my tin_number=x")


def test_key_screen_finds_a_users_name_in_a_chat_message() -> None:
    """A user's chat message opens the key passes only where a ``name`` key is there too
    (before or after it, in a JSON string too): most chat JSON holds a user's message."""
    screen = GateScanner([KeyMatcher().pattern])
    assert screen.hits('[{"role": "user", "content": "hi", "name": "jane_roe"}]')
    assert screen.hits('[{"name": "jane_roe", "role": "user"}]')
    assert screen.hits('{"arguments": "{\\"role\\": \\"user\\", \\"name\\": \\"jane_roe\\"}"}')
    assert not screen.hits('[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "my name is Bot"}]')
