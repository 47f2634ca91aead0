"""Remembered results for strings seen again: system prompts, tool schemas, chat history.

LLM spans repeat most of their text (every call resends the system prompt and the
conversation so far; every span of a service carries the same host, route and user agent).
:class:`ResultMemo` lets a string that was redacted before cost one dict lookup.

It never holds sensitive data it was not going to export anyway: a clean string is kept
as the key itself (it is exported verbatim), as are the numbers, booleans and tuples of
clean strings of spans found settled (exported verbatim too), a string with findings only by its keyed hash
and length, next to its redacted form, and a span's changes by its keys and the hashes and
lengths of its strings. A hash collision (about 2**-64 per lookup, with a
per-process secret key) would export another string's redacted form: wrong, never raw.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, List, Optional, Set, Tuple

__all__ = ["Counts", "ResultMemo", "Signature"]

Counts = Tuple[Tuple[str, int], ...]
"""Replacements by entity type, as ``((entity, count), ...)``."""
Signature = Tuple[Tuple[str, int, int], ...]
"""Strings under their keys, known by ``(key, hash, length)`` alone."""

DEFAULT_MAX_CHARS = 8_000_000
"""Characters of strings remembered before the memo starts over."""
DEFAULT_MAX_LENGTH = 65_536
"""Longer strings are not remembered: they would fill the memo."""
_ENTRY_COST = 64
"""Characters each entry counts for besides its text, so that many tiny strings are bounded too."""
MAX_SETTLED = 4096
"""Values other than strings remembered at most, until the memo starts over: numbers that
change on every span would otherwise fill it and wipe the strings with it."""


class ResultMemo:
    """Clean verdicts and redacted forms of whole strings, bounded in characters."""

    def __init__(self, max_chars: int = DEFAULT_MAX_CHARS, max_length: int = DEFAULT_MAX_LENGTH) -> None:
        self.max_length = max_length
        self._max_chars = max_chars
        self._settled = 0
        self.clean_texts: Set[Any] = set()
        """The strings found clean, and the settled values (for fast membership tests; do not
        change it): one ``issuperset`` tells whether a span's values are all known to stay.
        Replaced, not cleared, when the memo starts over: a reference kept past one lookup
        goes stale (its answers stay true, it only misses)."""
        self._redacted: Dict[Tuple[int, int], Tuple[Any, Counts]] = {}
        self._changes: Dict[Signature, Any] = {}
        self._chars = 0
        self._lock = threading.Lock()

    def redacted(self, text: str) -> Optional[Tuple[Any, Counts]]:
        """The redacted form of ``text`` and its counts, if it was redacted before."""
        return self._redacted.get((hash(text), len(text)))

    def remember_clean(self, text: str) -> None:
        """Remember that ``text`` holds nothing to redact."""
        if len(text) <= self.max_length:
            with self._lock:
                self._make_room(len(text) + _ENTRY_COST)
                self.clean_texts.add(text)

    def remember_settled(self, values: List[Any]) -> None:
        """Remember values other than strings that redaction leaves as they are (numbers,
        booleans, ``None``, tuples of clean strings), beside the clean strings: at most
        :data:`MAX_SETTLED` of them until the memo starts over."""
        if self._settled >= MAX_SETTLED:  # full: no lock taken on every span that brings new numbers
            return
        with self._lock:
            for value in values:
                if self._settled >= MAX_SETTLED:
                    return
                if value not in self.clean_texts:  # charged once, or every span would fill the memo
                    self._make_room(_ENTRY_COST)
                    self.clean_texts.add(value)
                    self._settled += 1

    def remember_redacted(self, text: str, result: Any, counts: Counts) -> None:
        """Remember the redacted form of ``text`` (``text`` itself is not kept)."""
        if len(text) <= self.max_length:
            size = (len(result) if isinstance(result, str) else 0) + _ENTRY_COST
            with self._lock:
                self._make_room(size)
                self._redacted[(hash(text), len(text))] = (result, counts)

    def changes(self, signature: Signature) -> Any:
        """What :meth:`remember_changes` kept for the strings of ``signature``, or None."""
        return self._changes.get(signature)

    def remember_changes(self, signature: Signature, changes: Any, size: int) -> None:
        """Remember what redaction changes (``changes``: redacted forms only, ``size``
        characters of them) in the strings of ``signature``, seen together."""
        with self._lock:
            self._make_room(size + _ENTRY_COST)
            self._changes[signature] = changes

    def _make_room(self, size: int) -> None:
        """Start over when ``size`` more characters would pass the bound (lock held)."""
        if self._chars + size > self._max_chars:
            self.clean_texts = set()
            self._redacted = {}
            self._changes = {}
            self._chars = 0
            self._settled = 0
        self._chars += size

    def __len__(self) -> int:
        return len(self.clean_texts) + len(self._redacted) + len(self._changes)
