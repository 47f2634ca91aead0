"""Key-value pairs in text that is not JSON: the value of a sensitive key, wherever it is written.

``password=hunter2``, ``password: hunter2``, ``{'token': 'abc'}``, ``"api_key": "x"`` in
prose or in JSON cut short, ``Authorization: Basic ...``: :class:`KeyValueFinder` finds each
separator (``:``, ``=``, ``=>``), reads the key written right before it (a quoted string or a
bare identifier), asks the key matcher whether it is sensitive, and, if so, reports the value
after it (a quoted string, a bracketed structure, or a run up to a delimiter) as a
``SENSITIVE_KEY`` finding. The key itself is never part of the finding.

In prose a bare key with a colon may be a plain word ("the token: count was high"): there,
the value is only taken when it looks like a credential (digits, symbols, mixed case), or
when the key starts a line or follows punctuation (``user: bob, password: hunter2``).

Cost: text without ``:`` or ``=`` costs two ``in`` tests; other text one remembered check
of the word before each separator (a fraction of a microsecond), a key match only where
that word holds a sensitive name or ends in a quote, a value match only after a sensitive key.
"""

from __future__ import annotations

import time
from typing import Callable, List, Optional, Set, Tuple

import regex

from otel_redact._detectors import Finding, time_left
from otel_redact._secrets import AUTH_SCHEMES
from otel_redact._hyperscan import gate_scanner
from otel_redact._strategies import MARKER

__all__ = ["SENSITIVE_KEY", "KeyValueFinder"]

SENSITIVE_KEY = "SENSITIVE_KEY"
"""Entity type of a value redacted whole because its key is sensitive (``password``...)."""

_MAX_KEY = 100
"""Longest key read before a separator (longer identifiers are not taken as keys)."""
_MAX_ALIGNMENT = 32
"""Spaces or tabs that may align a key's separator or value in a column."""
_CHECK_EVERY = 256
"""Separators handled between two looks at the clock."""

# Read backwards from the separator: spaces, then a quoted key ("k", 'k', or \"k\" inside a
# JSON string) or a bare identifier (db.password, x-api-key, AWS_SECRET_ACCESS_KEY, and the
# name of a command-line flag: --password, -Dpassword); group 1.
_KEY = regex.compile(
    r"(?r)(?|"
    r"\\?\"([^\"\\\n\r]{1,%(n)d})\\?\"\]?"  # a subscript closes after the key: config["password"] = x
    r"|\\?'([^'\\\n\r]{1,%(n)d})\\?'\]?"
    r"|(?<![\w.])([A-Za-z_][\w.-]{0,%(m)d})"
    r")[ \t]{0,%(s)d}" % {"n": _MAX_KEY, "m": _MAX_KEY - 1, "s": _MAX_ALIGNMENT}
)
_KEY_WINDOW = _MAX_KEY + 4 + _MAX_ALIGNMENT
"""Characters before a separator that a key and its quotes and spaces can take."""
# The value, after spaces or tabs that may align it in a column: a quoted string (closed or cut
# short), a bracketed structure (balanced, or cut short: then it runs to the end), or a bare
# run up to a delimiter (after an auth scheme, if any).
_VALUE = regex.compile(
    r"[ \t]{0,%d}(?:[bBrRuU]{1,2}(?=[\"']))?(?:" % _MAX_ALIGNMENT +
    r"\\\"(?P<escaped>(?:[^\"\\]++|\\(?!\").?)*+)(?:\\\"|\Z)"  # \"...\" inside a JSON string
    r"|\"(?P<double>(?:[^\"\\]++|\\.?)*+)(?:\"|\Z)"
    r"|'(?P<single>(?:[^'\\]++|\\.?)*+)(?:'|\Z)"
    r"|(?P<nest>[\[{](?:[^\[\]{}\"']++|\"(?:[^\"\\]++|\\.)*+\"|'(?:[^'\\]++|\\.)*+'|(?&nest))*+[\]}])"
    r"|(?P<open>[\[{])"
    rf"|(?:(?i:{AUTH_SCHEMES})[ \t]+(?=[^\s,;&}}\"'\\]))?"
    r"(?P<bare>[^\s,;&}\"'\\]++)"
    r")",
    regex.DOTALL,
)
# A bare value that reads as a word of prose, not as a credential.
_PLAIN_WORD = regex.compile(r"(?:[A-Za-z][a-z]*|[A-Z]+)[.!?:)]*")
# Values that hold no secret: empty markers, nulls, and the markers redaction itself writes.
_NOT_SECRET = regex.compile(rf"(?i:null|none|nil|undefined|true|false)|\**|{MARKER.pattern}|\[(?i:redacted)\]")
_CLOSERS = {")": "(", "]": "[", ">": "<"}
_QUOTES = "\"'"
_BARE_KEY_END = regex.compile(r"(?r)[\w.-]{1,%d}\Z" % _MAX_KEY)


class KeyValueFinder:
    """Finds the values of sensitive keys written as ``key: value`` / ``key=value`` in text.

    ``is_sensitive`` decides whether a key names a secret (a :class:`KeyMatcher`'s check,
    cached by the caller); ``timeout`` bounds the seconds one :meth:`scan` may take. With
    the key matcher's ``pattern`` and the Hyperscan engine, one scan first rules out text
    holding no sensitive key name anywhere.
    """

    def __init__(
        self, is_sensitive: Callable[[str], bool], timeout: Optional[float] = None, pattern: Optional[str] = None
    ) -> None:
        self._is_sensitive = is_sensitive
        self._timeout = timeout
        self._screen = gate_scanner([pattern]) if pattern is not None else None

    def scan(self, text: str, raw: Optional[str] = None) -> Tuple[List[Finding], bool]:
        """The values of sensitive keys in ``text`` (sorted, non-overlapping), and whether
        some ``:`` follows a word that may end a sensitive or unclear key: false, no JSON key
        in ``text`` is sensitive (the word before a JSON key's colon ends in the key, unless
        the key holds a space or a backslash, or is longer than a key read here: those are
        unclear). ``raw``: the text ``text`` was made from by turning escapes into spaces
        (same length, same separators), screened too, for the JSON keys it spells."""
        if ":" not in text and "=" not in text:
            return [], False  # every pair and every JSON key has one of them
        screen = self._screen
        if screen is not None and not screen.hits(text) and (raw is None or raw is text or not screen.hits(raw)):
            return [], False
        deadline = None if self._timeout is None else time.perf_counter() + self._timeout
        keys, suspect = self._sensitive_keys(text, deadline)
        found: List[Finding] = []
        end = 0
        for at, key_start in sorted(keys):
            if at < end:
                continue  # inside the value found before
            span = _value(text, at, key_start, deadline)
            if span is not None:
                found.append(Finding(span[0], span[1], SENSITIVE_KEY))
                end = span[1]
        return found, suspect

    def _sensitive_keys(self, text: str, deadline: Optional[float]) -> Tuple[List[Tuple[int, int]], bool]:
        """``(separator index, key start)`` of the separators that follow a sensitive key,
        and whether a ``:`` follows a word that may end a sensitive or unclear key."""
        match, is_sensitive = _KEY.match, self._is_sensitive
        found: List[Tuple[int, int]] = []
        plain: Set[str] = set()  # words before a separator that hold no sensitive name ('"role"')
        suspect = False
        seen = 0
        for separator in ":=":
            at = text.find(separator)
            while at >= 0:
                seen += 1
                if deadline is not None and seen % _CHECK_EVERY == 0:
                    time_left(deadline)
                start = at - _KEY_WINDOW if at > _KEY_WINDOW else 0
                # A bare key ends the last word before the separator, and the key matcher
                # finds no sensitive name in a word that it does not find in the word's end:
                # most separators cost this one check. Quoted keys may hold spaces.
                words = text[start:at].rsplit(None, 1)
                if not words:
                    suspect = suspect or (separator == ":" and at > 0)  # only spaces: a key further back
                elif words[-1] not in plain:
                    word = words[-1]
                    if word[-1] == "]" and len(word) > 1:  # a subscript: config["password"] = x
                        word = word[:-1]
                    may_be = _quoted_may_be_sensitive if word[-1] in _QUOTES else _bare_may_be_sensitive
                    if may_be(word, is_sensitive):
                        suspect = suspect or separator == ":"
                        key = match(text, start, at)
                        if key is not None and is_sensitive(key[1]) and _pair_separator(text, at):
                            found.append((at, key.start()))
                    elif "\\" in word:  # an escape in a quoted key: unclear
                        suspect = suspect or separator == ":"
                    else:
                        plain.add(words[-1])
                at = text.find(separator, at + 1)
        return found, suspect


def _quoted_may_be_sensitive(word: str, is_sensitive: Callable[[str], bool]) -> bool:
    """Whether the quoted key ending ``word`` (in a quote) may be sensitive: a JSON key
    costs a slice and a cached verdict here; only a sensitive or unclear one is read by the
    key pattern. (A bare key cannot end in a quote.)"""
    quote = word[-1]
    opening = word.rfind(quote, 0, len(word) - 1)
    return opening < 0 or is_sensitive(word[opening + 1 : -1])


def _bare_may_be_sensitive(word: str, is_sensitive: Callable[[str], bool]) -> bool:
    """Whether the bare key ending ``word`` (its last run of identifier characters, as the
    key pattern reads it) may be sensitive; "https://host/path?page" asks about "page"."""
    run = _BARE_KEY_END.search(word)
    return run is not None and is_sensitive(run.group())


def _pair_separator(text: str, at: int) -> bool:
    """Whether the ':' or '=' at ``at`` separates a pair: not "==", ":=", "::" or "://"."""
    follower = text[at + 1 : at + 2]
    return follower != "=" and (text[at] == "=" or (follower != ":" and not text.startswith("//", at + 1)))


def _value(text: str, at: int, key_start: int, deadline: Optional[float]) -> Optional[Tuple[int, int]]:
    """The span of the value after the separator at ``at``, or ``None`` if it holds no secret."""
    start = at + 2 if text[at] == "=" and text[at + 1 : at + 2] == ">" else at + 1
    match = _VALUE.match(text, start, timeout=time_left(deadline))
    if match is None:
        return None
    kind = match.lastgroup or ""  # every alternative of _VALUE is a named group
    if kind == "open":
        begin, end = match.start(kind), len(text)
    else:
        begin, end = match.span(kind)
    if kind == "bare":
        end = _trimmed(text, begin, end)
        if text[at] == ":" and _in_prose(text, key_start) and _PLAIN_WORD.fullmatch(text, begin, end):
            return None
    if end <= begin or _NOT_SECRET.fullmatch(text, begin, end):
        return None
    return begin, end


def _trimmed(text: str, begin: int, end: int) -> int:
    """``end`` before closing brackets that close what the bare value did not open."""
    while end > begin and text[end - 1] in _CLOSERS and _CLOSERS[text[end - 1]] not in text[begin : end - 1]:
        end -= 1
    return end


def _in_prose(text: str, key_start: int) -> bool:
    """Whether the key follows a word on its line ("the token:"), not a line start or punctuation."""
    index = key_start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index >= 0 and (text[index].isalnum() or text[index] == "_")
