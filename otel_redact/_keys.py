"""Sensitive attribute and field names (Logfire-style): the whole value of such a key is secret."""

from __future__ import annotations

from typing import Callable, Dict, Iterable, Set

import regex

# Letters may not continue a short name on either side ("classname" is not "ssn").
_SENSITIVE = (
    r"passw(?:or)?d|mysql_pwd|(?<![a-z])pwd(?![a-z])|secret(?!ar)|credential|auth(?!ors?(?![iz]))"
    r"|private[._ -]?key|api[._ -]?key|access[._ -]?key|session|cookie|csrf|xsrf|jwt|bearer"
    r"|social[._ -]?security|(?<![a-z])ssn(?![a-z])|credit[._ -]?card|card[._ -]?number"
    r"|(?<![a-z])(?:cvv|cvc|iban|pin)(?![a-z])"
    # A token is secret; LLM token counters and tokenizers are not.
    r"|(?<!max[._ -]?)token(?!s|[._ -]?(?:count|ids?|type|usage|limit|logprob)|iz)"
)

# Conversation ids of the tracing conventions (OpenInference, Langfuse): not session secrets.
_ALLOWED_BY_DEFAULT = ("session.id", "langfuse.session.id", "langfuse.trace.session_id")


class KeyMatcher:
    """Decides whether a key (attribute name, header, JSON field) names a secret value."""

    def __init__(self, extra: Iterable[str] = (), allow: Iterable[str] = ()) -> None:
        words = [regex.escape(word) for word in extra]
        self.pattern = "(?i:" + "|".join([_SENSITIVE] + words) + ")"
        """Found in every sensitive key (a text without a match holds no sensitive key)."""
        self._pattern = regex.compile(self.pattern)
        self._allow = frozenset(key.lower() for key in (*_ALLOWED_BY_DEFAULT, *allow))

    def is_sensitive(self, key: str) -> bool:
        """True when ``key`` names a secret and is not on the allow-list."""
        return key.lower() not in self._allow and self._pattern.search(key) is not None


class KeyVerdicts(Dict[str, bool]):
    """Verdicts of a key check, remembered for keys of at most ``max_length`` characters
    (longer keys are checked every time), ``maxsize`` of them at most (then it starts over).

    Call it through ``verdicts.__getitem__``: a remembered key costs one dict lookup.
    """

    def __init__(self, check: Callable[[str], bool], maxsize: int = 4096, max_length: int = 256) -> None:
        super().__init__()
        self._check = check
        self.maxsize = maxsize
        self.max_length = max_length
        self.plain: Set[str] = set()
        """The remembered keys found not sensitive (for ``plain.issuperset(keys)``)."""

    def __missing__(self, key: str) -> bool:
        verdict = self._check(key)
        if len(key) <= self.max_length:
            if len(self) >= self.maxsize:
                self.clear()
                self.plain = set()
            self[key] = verdict
            if verdict is False:
                self.plain.add(key)
        return verdict
