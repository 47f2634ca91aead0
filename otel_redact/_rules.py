"""Anonymizer rules in every format LangSmith and Opik accept, checked once at creation.

Formats: ``{"pattern": ..., "replace": ...}`` (LangSmith), ``{"regex": ..., "replace": ...}``
(Opik), ``(regex, replace)`` tuples, compiled patterns, callables ``f(text)`` or
``f(text, path)``, LangSmith node processors (``mask_nodes(nodes)``), :class:`Detector`
objects and anonymizers (anything with ``anonymize(data, **kwargs)``), alone or in a list.
"""

from __future__ import annotations

import inspect
import re
from abc import ABC, abstractmethod
from collections import Counter
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Union

import regex

from otel_redact._detectors import Detector, pointed_regex_error
from otel_redact._strategies import REMOVE, _Remove

__all__ = ["CUSTOM", "DEFAULT_REPLACE", "ParsedRules", "Path", "TextRule", "parse_rules"]

DEFAULT_REPLACE = "[redacted]"
"""LangSmith's replacement for a rule without ``replace``."""

CUSTOM = "CUSTOM"
"""The counter key for replacements made by user rules."""

Path = Sequence[Union[str, int]]
TextResult = Union[str, _Remove]


class TextRule(ABC):
    """A rule applied to each string on its own."""

    prefilter = False
    """True when :meth:`matches` says cheaply whether :meth:`apply` would change a text."""
    uses_path = False
    """True when :meth:`apply` needs the path (else it gets an empty one)."""

    def matches(self, text: str) -> bool:
        """Whether the rule may change ``text``."""
        return True

    @abstractmethod
    def apply(self, text: str, path: Path, counter: Optional[Counter[str]]) -> TextResult:
        """The text with the rule applied, or :data:`REMOVE`."""


class _RegexRule(TextRule):
    """A regex rule run by the ``regex`` engine, so that it can time out (``TimeoutError``)."""

    prefilter = True

    def __init__(self, pattern: Any, replace: str) -> None:
        self.pattern = pattern
        self.replace = replace
        self.timeout: Optional[float] = None
        """Seconds one search or substitution may take."""

    def matches(self, text: str) -> bool:
        return self.pattern.search(text, timeout=self.timeout) is not None

    def apply(self, text: str, path: Path, counter: Optional[Counter[str]]) -> TextResult:
        new, count = self.pattern.subn(self.replace, text, timeout=self.timeout)
        if count and counter is not None:
            counter[CUSTOM] += count
        return str(new)

    def __repr__(self) -> str:
        return f"rule({self.pattern.pattern!r} -> {self.replace!r})"


class _FunctionRule(TextRule):
    def __init__(self, func: Callable[..., Any], with_path: bool) -> None:
        self.func = func
        self.uses_path = with_path

    def apply(self, text: str, path: Path, counter: Optional[Counter[str]]) -> TextResult:
        result = self.func(text, list(path)) if self.uses_path else self.func(text)
        return _checked(result, text, self, counter)

    def __repr__(self) -> str:
        return f"rule({getattr(self.func, '__qualname__', self.func)!r})"


class _NodeProcessorRule(TextRule):
    uses_path = True

    def __init__(self, processor: Any) -> None:
        self.processor = processor

    def apply(self, text: str, path: Path, counter: Optional[Counter[str]]) -> TextResult:
        result: Any = text
        for node in self.processor.mask_nodes([{"value": text, "path": list(path)}]) or ():
            result = node["value"]
        return _checked(result, text, self, counter)

    def __repr__(self) -> str:
        return f"rule({type(self.processor).__name__})"


def _checked(result: Any, text: str, rule: TextRule, counter: Optional[Counter[str]]) -> TextResult:
    if result is REMOVE:
        return REMOVE
    if not isinstance(result, str):
        raise TypeError(f"anonymizer {rule!r} returned {type(result).__name__}, not str")
    if counter is not None and result != text:
        counter[CUSTOM] += 1
    return result


class ParsedRules(NamedTuple):
    """Rules sorted by how they run."""

    text_rules: List[TextRule]
    """Applied in order to every string."""
    detectors: List[Detector]
    """Added to the detector set."""
    anonymizers: List[Any]
    """Applied in order to the whole value, after the text rules."""


def parse_rules(rules: Any, timeout: Optional[float] = None) -> ParsedRules:
    """Check and compile ``rules`` (one rule or a list); ``ValueError`` names the bad one.

    Each regex rule's search or substitution on one text may take ``timeout`` seconds.
    """
    parsed = ParsedRules([], [], [])
    items = rules if isinstance(rules, list) else [rules]
    for index, rule in enumerate(items):
        where = f"rule {index}" if isinstance(rules, list) else "rule"
        _add_rule(parsed, rule, where)
    for text_rule in parsed.text_rules:
        if isinstance(text_rule, _RegexRule):
            text_rule.timeout = timeout
    return parsed


def _add_rule(parsed: ParsedRules, rule: Any, where: str) -> None:
    if isinstance(rule, Detector):
        parsed.detectors.append(rule)
    elif isinstance(rule, dict):
        parsed.text_rules.append(_dict_rule(rule, where))
    elif isinstance(rule, tuple):
        if len(rule) != 2:
            raise ValueError(f"{where}: a tuple rule is (regex, replace), got {len(rule)} items")
        parsed.text_rules.append(_regex_rule(rule[0], rule[1], where))
    elif isinstance(rule, (str, re.Pattern)) or _is_pattern(rule):
        parsed.text_rules.append(_regex_rule(rule, DEFAULT_REPLACE, where))
    elif callable(getattr(rule, "anonymize", None)):
        parsed.anonymizers.append(rule)
    elif callable(getattr(rule, "mask_nodes", None)):
        parsed.text_rules.append(_NodeProcessorRule(rule))
    elif callable(rule):
        parsed.text_rules.append(_FunctionRule(rule, _takes_path(rule, where)))
    else:
        raise ValueError(
            f"{where}: unsupported rule of type {type(rule).__name__}; use a dict with 'pattern' or "
            "'regex' and 'replace', a (regex, replace) tuple, a compiled pattern, a callable "
            "f(text) or f(text, path), a Detector or an anonymizer"
        )


def _dict_rule(rule: Dict[Any, Any], where: str) -> TextRule:
    keys = set(rule)
    for name in ("pattern", "regex"):
        if name in keys and keys <= {name, "replace"}:
            return _regex_rule(rule[name], rule.get("replace"), where)
    raise ValueError(
        f"{where}: a dict rule has 'pattern' (LangSmith) or 'regex' (Opik) and optionally "
        f"'replace'; got keys {sorted(map(str, keys))}"
    )


def _is_pattern(obj: Any) -> bool:
    return isinstance(obj, (re.Pattern, regex.Pattern)) and isinstance(obj.pattern, str)


def _regex_rule(pattern: Any, replace: Any, where: str) -> _RegexRule:
    if replace is None:
        replace = DEFAULT_REPLACE
    if not isinstance(replace, str):
        raise ValueError(f"{where}: 'replace' must be a string, got {type(replace).__name__}")
    if isinstance(pattern, str):
        try:
            compiled: Any = re.compile(pattern)  # the stdlib engine reports the better error position
        except re.error as exc:
            raise ValueError(pointed_regex_error(f"{where}: invalid regex {pattern!r}", pattern, exc)) from None
    elif _is_pattern(pattern):
        compiled = pattern
    else:
        raise ValueError(f"{where}: the regex must be a string or a compiled str pattern, got {type(pattern).__name__}")
    if isinstance(compiled, re.Pattern):
        _check_template(compiled, replace, where)
        compiled = _to_regex(compiled, where)
    return _RegexRule(compiled, replace)


_RE_TO_REGEX_FLAGS = (
    (re.IGNORECASE, regex.IGNORECASE),
    (re.MULTILINE, regex.MULTILINE),
    (re.DOTALL, regex.DOTALL),
    (re.VERBOSE, regex.VERBOSE),
    (re.ASCII, regex.ASCII),
    (re.UNICODE, regex.UNICODE),
)


def _to_regex(pattern: "re.Pattern[str]", where: str) -> Any:
    """The same pattern compiled by the ``regex`` engine, which can time out."""
    flags = 0
    for re_flag, regex_flag in _RE_TO_REGEX_FLAGS:
        if pattern.flags & re_flag:
            flags |= regex_flag
    try:
        return regex.compile(pattern.pattern, flags)
    except regex.error as exc:
        raise ValueError(
            f"{where}: regex {pattern.pattern!r} is valid for 're' but not for the 'regex' engine "
            f"(at position {exc.pos}: {exc.msg}); rewrite it or pass a regex.compile()d pattern"  # type: ignore[attr-defined]
        ) from None


def _check_template(pattern: "re.Pattern[str]", replace: str, where: str) -> None:
    """Raise now, not on the first match, if ``replace`` refers to a group the regex lacks."""
    try:
        always = re.compile(f"(?:{pattern.pattern})|", pattern.flags)
    except re.error:  # global inline flags cannot be wrapped; checked on the first match
        return
    try:
        always.sub(replace, "", count=1)
    except re.error as exc:
        raise ValueError(f"{where}: invalid replacement {replace!r} for regex {pattern.pattern!r}: {exc.msg}") from None


def _takes_path(func: Callable[..., Any], where: str) -> bool:
    """Whether ``func`` is ``f(text, path)`` (as LangSmith decides: two positional parameters)."""
    try:
        params = list(inspect.signature(func).parameters.values())
    except (TypeError, ValueError):
        return False
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    required = [p for p in positional if p.default is p.empty]
    variadic = any(p.kind is p.VAR_POSITIONAL for p in params)
    kw_required = [p.name for p in params if p.kind is p.KEYWORD_ONLY and p.default is p.empty]
    if kw_required or len(required) > 2 or (not positional and not variadic):
        raise ValueError(
            f"{where}: a callable rule takes (text) or (text, path); {func!r} has signature {inspect.signature(func)}"
        )
    return len(positional) == 2 or len(required) == 2
