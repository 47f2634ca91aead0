"""Anonymizers: walk any value and redact every string in it, keys and JSON text included.

:class:`TextRedactor` does the work (the span filter calls it on each attribute value);
:func:`create_anonymizer` wraps it in the LangSmith/Opik-style :class:`Anonymizer`.

What the walk does, beyond both peers:

- dict values, dict keys, lists, tuples (kept tuples), sets, and strings holding JSON
  (parsed, redacted and re-serialised, only when the raw text holds a candidate);
- attribute keys, as dict keys (``span.set_attribute(f"user/{email}", 1)``): an item whose
  key holds a finding moves to the redacted key, made unique (:meth:`TextRedactor.changed_items`);
- the whole value of a sensitive key is redacted, whatever its type (``None`` stays, and a
  variable's reference alone, ``{"password": "${DB_PASSWORD}"}``, and a count under a key
  ending in ``code`` or ``number``, ``{"auth_code": 200}``, as in text); in
  text that is not JSON (or JSON cut short) the value written after one is (``password: x``);
  so is the value of a ``(name, value)`` pair in a list, or of a tuple pair anywhere, as
  header lists write them (``[("authorization", "Token x")]``, JSON's ``[["Cookie", "sid=x"]]``,
  ``[("pin", 1234)]``, ``{"header": ("Authorization", "Token x")}``; a container too, not a
  bool); so is the value
  field of a name/value record whose name field holds a sensitive name, as Kubernetes env
  lists, HAR headers and AWS tags write them (``{"name": "DB_PASSWORD", "value": "x"}``,
  ``{"Key": "api_key", "Value": "x"}``; in text too: a Python repr, JSON cut short, YAML's
  ``- name: DB_PASSWORD\\n  value: x``), and the string after a flag naming a secret in an
  argument list (``["mysql", "--password", "x"]``; not a one-letter flag such as ``-p``);
- the string value of a key that names a phone (``phone_number``, ``user.mobile``) is read
  after the key, as a number after a phone word is in text: ``{"phone": "5551234567"}``;
- a string or container nested deeper than ``max_depth`` is redacted whole, never passed on;
- a string longer than ``max_value_length`` is redacted whole without being scanned;
- bytes are scanned as UTF-8 (redacted whole if not UTF-8); ints, floats, bools and
  ``None`` stay; other objects are scanned as ``str(obj)`` and become that redacted
  text only if something was found;
- :data:`REMOVE` (the ``remove`` strategy) removes the dict entry or list item that holds
  the match; at the top of :meth:`TextRedactor.redact_value` it means "remove the attribute";
- the input is never mutated; unchanged values come back as the same objects.
"""

from __future__ import annotations

import json
import operator
import re
from abc import ABC, abstractmethod
from collections import Counter
from functools import cached_property
from collections.abc import Mapping
from typing import Any, Callable, Collection, Dict, FrozenSet, Iterable, List, NamedTuple, Optional, Pattern, Protocol, Sequence, Set, Tuple, Union

from otel_redact._detectors import (
    BUILTIN_ENTITIES,
    Detector,
    DetectorSet,
    Finding,
    check_timeout,
    default_detectors,
    names_a_phone,
    plain_separators,
    spelled_phone_numbers,
    value_as_read,
)
from otel_redact._key_values import (
    MAX_RECORD_FIELDS,
    PASS_KEYS,
    RECORD_FIELDS,
    SENSITIVE_KEY,
    TAKES_A_VALUE,
    USER_KEY,
    KeyValueFinder,
    counts_under,
    is_reference,
    names_a_repository,
    passes_a_secret,
    tells_when,
)
from otel_redact._keys import PERSON_RESOURCES, USERS_MESSAGE, USERS_ROLE, KeyMatcher, KeyVerdicts, names_a_role
from otel_redact._literals import LiteralError, read_literal
from otel_redact._memo import ResultMemo, Signature
from otel_redact._rules import ParsedRules, Path, TextRule, parse_rules
from otel_redact._strategies import REMOVE, StrategySpec, parse_strategies, placeholder
from otel_redact._tally import Summary, Tally, add_counts
from otel_redact._validators import SMALLEST_PHONE_SIZED

__all__ = [
    "REMOVE",
    "Anonymizer",
    "Finder",
    "RecursiveAnonymizer",
    "SENSITIVE_KEY",
    "TOO_DEEP",
    "TOO_LONG",
    "TextRedactor",
    "UNSCANNABLE",
    "WHOLE_VALUE_ENTITIES",
    "create_anonymizer",
]

TOO_DEEP = "TOO_DEEP"
"""Entity type of a string or container nested deeper than ``max_depth``."""
TOO_LONG = "TOO_LONG"
"""Entity type of a string longer than ``max_value_length``."""
UNSCANNABLE = "UNSCANNABLE"
"""Entity type of a value that could not be scanned: bytes not UTF-8, a timeout, ``str()`` raising."""
WHOLE_VALUE_ENTITIES = (SENSITIVE_KEY, TOO_DEEP, TOO_LONG, UNSCANNABLE)

DEFAULT_MAX_VALUE_LENGTH = 1_000_000
"""Strings longer than this many characters are redacted whole, unscanned."""
DEFAULT_TIMEOUT = 0.25
"""Seconds each detector pass or regex rule may spend on one string before it is redacted whole."""

_JSON_ENDS = {"{": "}", "[": "]", '"': '"'}
_JSON_OPENERS = frozenset(_JSON_ENDS) | frozenset(filter(str.isspace, map(chr, range(0x10000))))
"""First characters of a string that may be JSON (a bracket, a quote, or whitespace, all of
which lies in the Basic Multilingual Plane): the walk parses such a string, putting its content
a level deeper, so its result, unlike other strings', depends on how deep it sits."""
# A quote after "{" or "," is JSON structure (quotes inside JSON strings follow a backslash).
_JSON_KEY = re.compile(r'[{,]\s*"([^"\\]*(?:\\.[^"\\]*)*)"\s*:')
# A key of JSON in a JSON string, at any depth: its quotes, each escaped by the same run of
# backslashes (group 1: three or more where it lies three strings deep, a JSON string in a JSON
# string in the text), follow "{" or "," and spaces or line breaks escaped as well (group 2).
_NESTED_JSON_KEY = re.compile(r'[{,](?:\s|\\+[nrt])*(\\+)"([^"\\]*)\1"\s*:')
_DEEP_ESCAPES = 3
"""Backslashes before a key's quotes three strings deep, where the key-value finder, which
reads keys two deep, does not reach."""
_USERS_MESSAGE = re.compile(USERS_MESSAGE)
_DEEP_QUOTE = '\\\\\\"'
"""Three backslashes and a quote: found in text only where JSON lies three strings deep."""
_EMBEDDED_READS = 2
"""Characters that failed parses of openers in one text may read, in lengths of the text: each
reads up to where it fails, and nested openers that fail only at the end would read it again
and again."""
_JSON_DECODER = json.JSONDecoder()
_LITERAL_KEY = re.compile(r"[{,]\s*'([^'\\]*(?:\\.[^'\\]*)*)'\s*:")
"""A key of a Python dict's ``repr`` (group 1): in single quotes, as ``repr`` writes a key
without one."""
# The name field of a name/value record in JSON text, at any depth (its quotes escaped inside
# JSON strings), and the name it holds (group 1): a record's value field is a plain key, so
# its name is what tells that the text must be parsed. Searched from each quote (the
# pattern's literal start), only in text holding a value field (``"value"``, ``"Value"``).
_RECORD_NAME_CHARS = r'[^"\\\s]{1,100}'
"""A record's name as keys are written (``DB_PASSWORD``, ``X-Api-Key``, ``/prod/db_password``):
a name with spaces is a title (``{"name": "Password manager plan", "value": 49}``)."""
_JSON_RECORD_NAME = re.compile(
    r'"(?:%s)\\*+"\s*+:\s*+\\*+"(%s+)\\*+"'
    % ("|".join(dict.fromkeys(name for _, names in RECORD_FIELDS for name in names)), _RECORD_NAME_CHARS)
)
_CLEAN_KEYS_LIMIT = 10_000
_KEY_END = re.compile(r"\s*:")
_REMEMBERED_KEY_LENGTH = 256
"""Longer keys are checked every time, never remembered."""
# Escapes as JSON and repr() write them (backslash-n...): the letter would glue onto a value
# that follows it, so the detectors see each escape as two spaces.
_LETTER_ESCAPES = re.compile(r"\\[bfnrt]")
_SCALAR_TYPES = frozenset({int, float, bool, type(None)})
_WALKED_PAIR_VALUES = (bool, type(None))
"""Values of a ``(name, value)`` pair that are walked even after a sensitive name: ``None`` and
a bool hold no secret (``("cookie", True)`` is a setting); any other value goes whole, a
container too, as under a sensitive key (``("authorization", ["Bearer x"])``)."""
_PHONE_KEY_CONTEXT = "phone: "
"""What the detectors read before the value of a key that names a phone (see
:meth:`TextRedactor._under_phone_key`)."""
_RECORD_NAME = re.compile(_RECORD_NAME_CHARS)
_NO_FIELD = object()
"""No key of a mapping is the value field of a record naming a secret."""
_ARGUMENT_FLAG = re.compile(r"--?([A-Za-z][\w.-]{1,99})" + TAKES_A_VALUE)
"""An item of an argument list that is a flag alone (its value the next item): a dash or two
and a name of two characters or more (``-p`` may be any option; ``--password=x`` is a
key-value pair the key-value finder reads), not ``--password-stdin`` (it takes no value)."""
_MAX_FLAG_LENGTH = 102
"""The longest string :data:`_ARGUMENT_FLAG` matches (longer ones are not remembered)."""
_NUMBER_SIZED = range(SMALLEST_PHONE_SIZED, 10**19)
"""Integers with as many digits as a phone or card number: the walk scans them, read after the
key they sit under (``{"card": 4111111111111111}``, ``{"phone": 14155552671}``); other
integers, and other scalars, stay as they are."""


class TextRedactor:
    """Redacts values with rules, built-in detectors, key-name detection and strategies.

    With ``rules=None`` it runs the built-in detectors and key-name detection. With rules,
    it runs only the rules unless ``entities``, ``detectors`` or ``redact_keys`` ask for more.

    Options:
        max_depth: containers and strings nested deeper than this are redacted whole.
        entities: the built-in entity types to detect (default: all; with rules: none).
        exclude: built-in entity types not to detect.
        detectors: extra :class:`Detector` objects, and finders (any object with
            ``find(text) -> list[Finding]``, such as an NER model), which run after the
            regex detectors; overlapping findings are merged into one.
        strategies: the replacement per entity type, e.g. ``{"CREDIT_CARD": "mask",
            "*": "placeholder"}``; see :func:`parse_strategies`.
        redact_keys: redact the whole value of sensitive keys (default: on without rules).
        sensitive_keys: extra key names to treat as sensitive (turns key detection on).
        allowed_keys: key names never treated as sensitive.
        max_value_length: longer strings are redacted whole, not scanned.
        timeout: seconds the detectors, and each regex rule, may spend on one string
            (default :data:`DEFAULT_TIMEOUT`, ``None`` for no limit); on timeout the string
            is redacted whole (``UNSCANNABLE``).
    """

    def __init__(
        self,
        rules: Any = None,
        *,
        max_depth: int = 10,
        entities: Optional[Iterable[str]] = None,
        exclude: Iterable[str] = (),
        detectors: Iterable[Union[Detector, Finder]] = (),
        strategies: StrategySpec = None,
        redact_keys: Optional[bool] = None,
        sensitive_keys: Iterable[str] = (),
        allowed_keys: Iterable[str] = (),
        max_value_length: int = DEFAULT_MAX_VALUE_LENGTH,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
    ) -> None:
        _check_int("max_depth", max_depth, 0)
        _check_int("max_value_length", max_value_length, 1)
        check_timeout(timeout)
        parsed = parse_rules(rules, timeout) if rules is not None else ParsedRules([], [], [])
        regexes, finders = _checked_detectors(detectors)
        extra = [*regexes, *parsed.detectors]
        self._detectors = _with_finders(_detector_set(rules is None, entities, tuple(exclude), extra, timeout), finders)
        self._text_rules: List[TextRule] = parsed.text_rules
        self._key_rules = [r for r in parsed.text_rules if r.prefilter]
        self._anonymizers: List[Any] = parsed.anonymizers
        self._always_parse = any(not r.prefilter for r in parsed.text_rules)
        self._track_path = any(r.uses_path for r in parsed.text_rules)
        self._max_depth = max_depth
        self._max_len = max_value_length

        sensitive_keys = tuple(sensitive_keys)
        if redact_keys is None:
            redact_keys = rules is None or bool(sensitive_keys)
        matcher = KeyMatcher(extra=sensitive_keys, allow=tuple(allowed_keys)) if redact_keys else None
        self._key_verdicts = KeyVerdicts(matcher.is_sensitive if matcher else _never, 4096, _REMEMBERED_KEY_LENGTH)
        """Every key's verdict, remembered (bounded): also what :meth:`unsettled` and
        :meth:`changed_items` read."""
        self._person_verdicts = KeyVerdicts(matcher.is_sensitive_in_a_person if matcher else _never, 4096, _REMEMBERED_KEY_LENGTH)
        """The key verdicts in a person's record, where their names are sensitive too (``name``), remembered."""
        self._role_keys = KeyVerdicts(names_a_role if matcher else _never, 4096, _REMEMBERED_KEY_LENGTH)
        """Whether a key names people by their role (``patient``), remembered: the records under it
        are walked with :attr:`_person_verdicts`."""
        self._participant_keys = KeyVerdicts(matcher.names_a_participant if matcher else _never, 4096, _REMEMBERED_KEY_LENGTH)
        """Whether an attribute key names a chat message's participant (``...message.name``),
        remembered: a user's (:meth:`_names_a_user`) goes."""
        self._key_values: Optional[KeyValueFinder] = None
        if matcher is not None:
            self._key_values = KeyValueFinder(self._key_verdicts.__getitem__, timeout, matcher.pattern, self._holds_a_person)
        phones = self._detectors is not None and "PHONE_NUMBER" in self._detectors.entities
        self._phone_keys = KeyVerdicts(names_a_phone if phones else _never, 4096, _REMEMBERED_KEY_LENGTH)
        """Whether a (string) key names a phone (``phone_number``), remembered: its value is read
        after it (:meth:`_under_phone_key`)."""
        self._flag_verdicts = KeyVerdicts(self._is_secret_flag, 1024, _MAX_FLAG_LENGTH)
        """:meth:`_is_secret_flag`'s verdicts on the items of lists starting with a dash, remembered
        (bounded): a command line's flags repeat."""
        self._clean_keys: Set[str] = set()
        """Keys (of dicts, and of attributes) in which the detectors and regex rules find nothing."""
        self._settled_keys: Set[str] = set()
        """Attribute keys judged plain and found clean: :meth:`unsettled` leaves their items to
        their values."""
        self._clean_numbers: Set[Tuple[Optional[str], int]] = set()
        """``(key, integer)`` pairs :meth:`_number` found clean (exported as they are anyway)."""
        self._memo = ResultMemo()

        known = set(BUILTIN_ENTITIES) | set(WHOLE_VALUE_ENTITIES) | {d.entity for d in extra}
        if self._detectors is not None:
            known |= self._detectors.entities
        table = parse_strategies(strategies, known)
        self._strategy_for: Callable[[str], Any] = table.__getitem__
        """The strategy of an entity type (the table's default for any other)."""
        self._splices = all(map(_splices_into_json, [*table.by_entity.values(), table.default]))

    # public entry points ---------------------------------------------------------
    def redact_value(self, value: Any, *, key: str = "", counter: Optional[Counter[str]] = None) -> Any:
        """``value`` redacted: the same object if nothing changed, :data:`REMOVE` if it must go.

        ``key`` is the attribute key holding the value: a sensitive key redacts the whole
        value, and callable rules see it as the first element of their path. Each
        replacement is counted in ``counter`` by entity type, if given.
        """
        if self._quick is not None and (not key or not self._key_verdicts[key]):
            new = self._quick_redacted(value, key, counter)
            return self._under_phone_key(new, counter) if key and self._phone_keys[key] else new
        return self._redact(value, (key,) if key else (), counter, {"field_name": key} if key else {})

    def unsettled(self, attributes: Mapping[str, Any]) -> Collection[Tuple[str, Any]]:
        """The items of ``attributes`` that :meth:`redact_value` may change, or whose key the
        detectors may change: all but those known to stay, under a key judged plain, found
        clean and not naming a phone: a scalar (but an integer as long as a phone or card number), a string found
        clean, or a tuple of such strings. The keys, scalars and tuples are remembered (a
        bounded number of them), so that once a span's keys and values are all known, two set
        tests answer."""
        if self._quick is None:
            return attributes.items()
        clean = self._memo.clean_texts
        items: Iterable[Tuple[str, Any]] = attributes.items()
        judge = not self._settled_keys.issuperset(attributes)
        all_new = False  # whether every item left is known not to be in ``clean``
        if not judge:  # every key settled: a value known to stay costs one set test, in C when all are
            try:
                if clean.issuperset(attributes.values()):
                    return ()
                new = [item for item in items if item[1] not in clean]
            except TypeError:  # an unhashable value (a mapping, with SDK 1.45's nested values)
                pass
            else:
                for item in new:
                    if item[1].__class__ is not str:
                        items, all_new = new, True
                        break
                else:  # new strings alone, under settled keys: the loop below would keep them all
                    return new
        verdict, settled, clean_key = self._key_verdicts.get, self._settled_keys, self._clean_key
        pending, unseen, keys = [], [], []
        for item in items:
            value = item[1]
            kind = value.__class__
            if judge and item[0] not in settled:
                if self._participant_keys[item[0]]:  # never settled: its sibling role decides (see changed_items)
                    pending.append(item)
                    if self._names_a_user(item[0], attributes):  # the role too, so that a signature tells it
                        pending.append((_role_key(item[0]), USERS_ROLE))
                    continue
                # sensitive, not judged yet, a finding, or a phone's name (its value is read after it)
                if verdict(item[0]) is not False or not clean_key(item[0]) or self._phone_keys[item[0]]:
                    pending.append(item)
                    continue
                keys.append(item[0])
            if kind is str:
                if all_new or value not in clean:
                    pending.append(item)
            elif (kind in _SCALAR_TYPES and not (kind is int and value in _NUMBER_SIZED)) or (
                kind is tuple and self._all_remembered_clean(value, clean)
            ):
                if all_new or value not in clean:
                    unseen.append(value)
            else:
                pending.append(item)
        if unseen:
            self._memo.remember_settled(unseen)
        if keys:
            if len(settled) >= _CLEAN_KEYS_LIMIT:
                settled.clear()
            settled.update(keys)
        return pending

    def signature(self, items: Collection[Tuple[str, Any]]) -> Optional[Signature]:
        """``items`` (from :meth:`unsettled`) known by their keys and their strings' hashes and
        lengths, when their changes depend on those alone: only the detectors and key names
        can change a value, and every value is a string short enough to remember. Else None."""
        if self._quick is None:
            return None
        max_length = self._memo.max_length
        signature = []
        for key, value in items:
            if value.__class__ is not str or len(value) > max_length:
                return None
            signature.append((key, hash(value), len(value)))
        return tuple(signature)

    def remembered_changes(self, signature: Signature) -> Optional[Tuple[Sequence[Tuple[str, Any]], Optional[Summary]]]:
        """The changes and summary :meth:`remember_changes` kept for ``signature``, or None."""
        return self._memo.changes(signature)  # type: ignore[no-any-return]

    def remember_changes(self, signature: Signature, changes: Sequence[Tuple[str, Any]], summary: Optional[Summary]) -> None:
        """Remember the ``changes`` (from :meth:`changed_items`) of the items of ``signature``
        and their ``summary``, unless a key moved (made unique among the other attributes) or
        a scan timed out (a time-out may not repeat)."""
        keys = {key for key, _, _ in signature}
        if any(key not in keys for key, _ in changes) or (summary is not None and UNSCANNABLE in summary.counts):
            return
        size = sum(len(value) for _, value in changes if value.__class__ is str)
        self._memo.remember_changes(signature, (tuple(changes), summary), size)

    def changed_items(
        self, items: Iterable[Tuple[str, Any]], attributes: Mapping[str, Any], counter: Optional[Counter[str]] = None
    ) -> List[Tuple[str, Any]]:
        """``(key, redacted value)`` for each of ``items`` (from :meth:`unsettled` over
        ``attributes``) that :meth:`redact_value` changes. An item whose key the detectors
        change (``user.jane@example.com``) moves as the walk moves a dict's item: ``(key,
        REMOVE)``, then the redacted value under the redacted key, made unique among
        ``attributes``; it goes if either is :data:`REMOVE`."""
        redact, verdict, quick_redacted = self.redact_value, self._key_verdicts.get, self._quick_redacted
        quick = self._quick is not None
        clean_keys, phone_keys = self._clean_keys, self._phone_keys
        changed = []
        moved: Dict[str, None] = {}
        for key, value in items:
            if value is not None and self._participant_keys[key] and self._names_a_user(key, attributes):
                new = self._sensitive_value(key, value, counter)  # a user's name: "...message.name" beside role "user"
            elif quick and verdict(key) is False:
                new = quick_redacted(value, key, counter)  # a key judged plain: redact_value's quick path
                if phone_keys[key]:
                    new = self._under_phone_key(new, counter)
            else:
                new = redact(value, key=key, counter=counter)
            new_key = key if key in clean_keys or key.__class__ is not str else self._redact_key(key, counter)
            if new_key is key:  # most keys: one set test
                if new is not value:
                    changed.append((key, new))
                continue
            changed.append((key, REMOVE))
            if new_key is not REMOVE and new is not REMOVE:
                new_key = _unique_key(new_key, moved, attributes)
                moved[new_key] = None
                changed.append((new_key, new))
        return changed

    def _quick_redacted(self, value: Any, key: str, counter: Optional[Counter[str]]) -> Any:
        """``value`` under the plain ``key`` (or none) redacted where only the detectors can
        change it (``_quick``): a string from the memo, a scalar as it is (an integer as long as
        a phone or card number scanned), anything else walked without the key check and
        anonymizers (a tuple straight to its items)."""
        kind = type(value)
        if kind is str:
            return self._remembered(value, counter)
        if kind in _SCALAR_TYPES:
            return self._number(value, key, counter) if kind is int and value in _NUMBER_SIZED else value
        path = (key,) if key else ()
        if (kind is dict or kind is list) and self._names_a_role(key):
            return self._records_of_people(value, 0, path, counter)
        return self._collection(value, 0, path, counter) if kind is tuple else self._walk(value, 0, path, counter)

    def _all_remembered_clean(self, items: Tuple[Any, ...], clean: Set[Any]) -> bool:
        """Whether the walk leaves the tuple ``items`` (under a plain key) as it is because the
        memo found them clean: strings it takes from the memo one level down, all in ``clean``."""
        if len(items) == 2 and self._key_is_sensitive(items[0]):
            return False  # a sensitive pair: its value goes (see _sensitive_pair)
        from_memo = self._from_memo
        for item in items:
            if item.__class__ is not str or not from_memo(item, 1):
                return False
        return clean.issuperset(items)

    def _from_memo(self, text: str, depth: int) -> bool:
        """Whether the walk takes ``text``, ``depth`` levels down, from the memo: the memo's
        verdict, made at depth 0, holds there (see :attr:`_memo_depth`) unless the text may be
        JSON, whose content sits deeper."""
        return depth <= self._memo_depth and text[:1] not in _JSON_OPENERS

    def seen_clean(self, text: Any) -> bool:
        """Whether :meth:`redact_value` already found ``text`` (a string, under no key) clean."""
        return self._quick is not None and text.__class__ is str and text in self._memo.clean_texts

    def _remembered(self, text: str, counter: Optional[Counter[str]]) -> Any:
        """``text`` redacted, from the memo if it was seen before (only the detectors can change it)."""
        memo = self._memo
        if text in memo.clean_texts:
            return text
        known = memo.redacted(text)
        if known is not None:
            result, counts = known
            if counter is not None:
                if isinstance(counter, Tally):  # a span's tally keeps the memo's counts as they are
                    counter.add_remembered(counts)
                else:
                    add_counts(counter, counts)
            return result
        found: Counter[str] = Counter.__new__(Counter)  # empty: Counter.__init__ would only cost time
        result = self._string(text, 0, (), found)
        if counter is not None:
            add_counts(counter, found.items())
        if result is text and not found:  # findings a strategy kept as they were are still counted
            if not self._is_secret_flag(text):  # clean, but not in a tuple (see unsettled)
                memo.remember_clean(text)
        elif UNSCANNABLE not in found:  # a time-out may not repeat: scan the string again next time
            memo.remember_redacted(text, result, tuple(found.items()))
        return result

    @cached_property
    def _quick(self) -> Optional[DetectorSet]:
        """The detectors, when only they (and key names) can change a value: then a string's
        result depends on its text alone, and scalars stay."""
        if self._text_rules or self._anonymizers or type(self._detectors) is not DetectorSet:
            return None
        return self._detectors

    @cached_property
    def _memo_depth(self) -> int:
        """The deepest level at which the memo's verdicts, made at depth 0, hold: ``max_depth``
        with the quick path (only the detectors can change a string, so where it is not too
        deep, its text alone decides); -1 without it."""
        return self._max_depth if self._quick is not None else -1

    def redact_text(self, text: str, *, counter: Optional[Counter[str]] = None) -> str:
        """``text`` redacted (``""`` if a ``remove`` strategy matched)."""
        result = self._redact(text, (), counter, {})
        return "" if result is REMOVE else result

    # the walk --------------------------------------------------------------------
    def _redact(self, value: Any, path: Path, counter: Optional[Counter[str]], kwargs: Dict[str, Any]) -> Any:
        if path and value is not None and self._key_is_sensitive(path[0]):
            result = self._sensitive_value(str(path[0]), value, counter)
        elif path and (value.__class__ is dict or value.__class__ is list) and self._names_a_role(path[0]):
            result = self._records_of_people(value, 0, path, counter)
        else:
            result = self._walk(value, 0, path, counter)
            if path and self._names_phone(path[0]):
                result = self._under_phone_key(result, counter)
        for anonymizer in self._anonymizers:
            if result is REMOVE:
                break
            result = anonymizer.anonymize(result, **kwargs)
        return result

    def _walk(self, value: Any, depth: int, path: Path, counter: Optional[Counter[str]]) -> Any:
        if isinstance(value, str):
            if self._from_memo(value, depth):
                return self._remembered(value, counter)  # neither depth nor path matter
            if depth > self._max_depth:
                return self._whole(value, TOO_DEEP, counter)
            return self._string(value, depth, path, counter)
        if isinstance(value, (dict, list, tuple, set, frozenset, Mapping)):
            if depth > self._max_depth:
                return self._whole(value, TOO_DEEP, counter)
            if isinstance(value, (dict, Mapping)):
                return self._mapping(value, depth, path, counter)
            return self._collection(value, depth, path, counter)
        if value is None or isinstance(value, (bool, float)):
            return value
        if isinstance(value, int):
            return self._number(value, path[-1] if path else None, counter) if value in _NUMBER_SIZED else value
        if isinstance(value, (bytes, bytearray, memoryview)):
            return self._bytes(value, depth, path, counter)
        try:
            text = str(value)
        except Exception:
            return self._whole(value, UNSCANNABLE, counter)
        new = self._walk(text, depth, path, counter)
        return value if new is text else new

    def _number(self, number: int, key: Any, counter: Optional[Counter[str]]) -> Any:
        """``number`` as it is, or the marker of the phone or card number it is, read after
        ``key`` as JSON text puts it (``phone: 14155552671``). A clean verdict is remembered
        with its key (bounded), as a span's constant numbers repeat."""
        if self._detectors is None:
            return number
        context = key if isinstance(key, str) and len(key) <= _REMEMBERED_KEY_LENGTH else None
        if (context, number) in self._clean_numbers:
            return number
        digits = int.__repr__(number)
        try:
            findings = self._found_after("" if context is None else f"{context}: ", digits)
        except TimeoutError:
            return self._whole(digits, UNSCANNABLE, counter)
        if findings:
            return self._whole(digits, findings[0].entity, counter)
        if len(self._clean_numbers) >= _CLEAN_KEYS_LIMIT:
            self._clean_numbers.clear()
        self._clean_numbers.add((context, number))
        return number

    def _string(self, text: str, depth: int, path: Path, counter: Optional[Counter[str]]) -> Any:
        if len(text) > self._max_len:
            return self._whole(text, TOO_LONG, counter)
        try:
            scanned = _LETTER_ESCAPES.sub("  ", text) if "\\" in text else text
            if not scanned.isascii():  # for the key-value finder too ("password:\u00a0x")
                scanned = plain_separators(scanned)
            findings = self._detectors.find(scanned) if self._detectors is not None else []
            pairs, keys = self._key_values.scan(scanned, text) if self._key_values is not None else ([], False)
            shaped = text[:1] in _JSON_OPENERS and _json_shaped(text)
            parse = shaped and self._must_parse(text, findings, keys)
            if parse:
                new = self._parsed(text, depth, path, counter)
                if new is not None:
                    return new
            if pairs:  # in text that is not JSON, or JSON cut short, or inside JSON strings
                if shaped and not parse and not (self._splices and _in_string_values(text, pairs)):
                    new = self._parsed(text, depth, path, counter)  # JSON whose strings hold pairs
                    if new is not None:
                        return new
                findings = _merge_findings(findings, pairs)
            if keys and (parse or not shaped) and '"' in text and self._names_people(text, set(_JSON_KEY.findall(text))):
                documents = self._embedded_documents(text, findings, depth, path, counter, _JSON_DOCUMENTS)
                if documents:  # JSON in prose ('Here is the record: {"patient": {"name": x}}')
                    return self._replace(text, findings, path, counter, documents)
            if keys and "'" in text and self._names_people_in_literals(text):
                if shaped and not parse:  # JSON whose strings hold the literal: read in its walk
                    new = self._parsed(text, depth, path, counter)
                    if new is not None:
                        return new
                documents = self._embedded_documents(text, findings, depth, path, counter, _LITERAL_DOCUMENTS)
                if documents:  # a dict's repr ("{'patient': {'name': x}}"), alone or in prose
                    return self._replace(text, findings, path, counter, documents)
            return self._replace(text, findings, path, counter)
        except TimeoutError:
            return self._whole(text, UNSCANNABLE, counter)

    def _embedded_documents(
        self, text: str, findings: List[Finding], depth: int, path: Path, counter: Optional[Counter[str]], form: _DocumentForm
    ) -> List[Tuple[int, int, Any]]:
        """``(start, end, redacted form)`` of each document in ``form`` (JSON, a Python literal)
        in ``text`` that opens where prose leaves off (``{"``, ``[{"``, ``{'``), parses, and changes
        when walked as parsed JSON text is (:meth:`_parsed`): read there, a person's record and
        a user's name are found as in JSON text. A document that a finding of the text overlaps
        at its edge is left to the findings. Its redacted form is :data:`REMOVE` where a
        strategy removes it. Openers are tried in order until failed parses have read
        :data:`_EMBEDDED_READS` texts' worth."""
        documents: List[Tuple[int, int, Any]] = []
        searched = 0
        reads = _EMBEDDED_READS * len(text)
        while reads > 0:
            opener = form.opener.search(text, searched)
            if opener is None:
                break
            start = opener.start()
            try:
                data, end = form.read(text, start)
            except (json.JSONDecodeError, LiteralError) as error:
                reads -= error.pos - start
                searched = start + 1  # an object inside it may still parse
                continue
            except RecursionError:  # nested far deeper than max_depth: the rest goes, and a finding it cuts
                start = min([start] + [finding.start for finding in findings if finding.start < start < finding.end])
                documents.append((start, len(text), self._whole(text[start:], TOO_DEEP, counter)))
                break
            searched = end
            if any(finding.start < start < finding.end or finding.start < end < finding.end for finding in findings):
                continue
            found: Counter[str] = Counter()  # counted where the document is replaced; else its findings are
            new = self._walk(data, depth, path, found)
            if new is not data:
                if counter is not None:
                    add_counts(counter, found.items())
                documents.append((start, end, REMOVE if new is REMOVE else form.write(new, text[start:end])))
        return documents

    def _parsed(self, text: str, depth: int, path: Path, counter: Optional[Counter[str]]) -> Any:
        """JSON ``text`` parsed, redacted and serialised again; ``None`` if it does not parse."""
        try:
            data = json.loads(text)
        except ValueError:
            return None
        except RecursionError:  # nested far deeper than max_depth
            return self._whole(text, TOO_DEEP, counter)
        if not isinstance(data, (dict, list, str)):
            return None
        new = self._walk(data, depth, path, counter)
        if new is data:
            return text
        return REMOVE if new is REMOVE else json.dumps(new, ensure_ascii=False)

    def _must_parse(self, text: str, findings: List[Finding], keys: bool) -> bool:
        """Whether ``text``, shaped like JSON, must be parsed to be redacted: findings that
        all lie inside string values are replaced in the text itself, like any text's. With
        ``keys`` false, no key in it can be sensitive (its keys are then not read); a name/value
        record naming a secret (``{"name": "DB_PASSWORD", "value": "x"}``) is parsed all the same."""
        return bool(
            (findings and not (self._splices and _in_string_values(text, findings)))
            or self._always_parse
            # escapes can hide a candidate from the raw scan (one memchr rules most text out)
            or ("\\" in text and ("\\u" in text or "\\/" in text))
            or (self._text_rules and any(rule.matches(text) for rule in self._text_rules))
            or (keys and self._json_keys_matter(text))
            or (keys and _DEEP_QUOTE in text and self._deep_keys_matter(text))
            # a record's name is a string value, read where a value field may be ("value" or "Value")
            or ("alue" in text and any(map(self._key_verdicts.__getitem__, set(_JSON_RECORD_NAME.findall(text)))))
        )

    def _deep_keys_matter(self, text: str) -> bool:
        """Whether a key of JSON three strings deep in ``text`` is sensitive."""
        deep = (key for escapes, key in _NESTED_JSON_KEY.findall(text) if len(escapes) >= _DEEP_ESCAPES)
        return any(map(self._key_verdicts.__getitem__, deep))

    def _json_keys_matter(self, text: str) -> bool:
        """Whether a key of the JSON ``text`` is sensitive, or names people (:meth:`_names_people`)."""
        json_keys = set(_JSON_KEY.findall(text))
        return any(map(self._key_verdicts.__getitem__, json_keys)) or self._names_people(text, json_keys)

    def _names_people(self, text: str, json_keys: Set[str]) -> bool:
        """Whether one of ``json_keys``, the keys of the JSON ``text``, holds a person's record at
        any depth (in JSON strings too: :meth:`_holds_a_person`), whose names its walk reads, or
        is the ``name`` of a user's chat message (``{"role": "user", "name": x}``): what only a
        parsed document tells, as a key's name alone tells a sensitive key's value."""
        if '\\"' in text:  # JSON in JSON strings: its keys' quotes escaped
            json_keys = json_keys.union(key for _, key in _NESTED_JSON_KEY.findall(text))
        return self._keys_name_people(text, json_keys)

    def _names_people_in_literals(self, text: str) -> bool:
        """:meth:`_names_people` for the keys of a Python dict's ``repr`` in ``text``."""
        return self._keys_name_people(text, set(_LITERAL_KEY.findall(text)))

    def _keys_name_people(self, text: str, keys: Set[str]) -> bool:
        """Whether one of ``keys`` holds a person's record, or is the ``name`` of a user's chat
        message in ``text`` (:data:`USERS_MESSAGE`, in either notation)."""
        return any(map(self._holds_a_person, keys)) or ("name" in keys and _USERS_MESSAGE.search(text) is not None)

    def _holds_a_person(self, key: str) -> bool:
        """Whether the JSON key ``key`` may hold a person's record: it names their role
        (``"patient": {...}``), or it is a FHIR resource's type (``"resourceType": "Patient"``)."""
        return key == "resourceType" or self._role_keys[key]

    def _replace(
        self,
        text: str,
        findings: List[Finding],
        path: Path,
        counter: Optional[Counter[str]],
        documents: Sequence[Tuple[int, int, Any]] = (),
    ) -> Any:
        """``text`` with its findings replaced by markers, the spans of ``documents`` (from
        :meth:`_embedded_documents`) by their redacted forms, then the text rules applied."""
        result = self._markers(text, findings, counter) if not documents else self._around(text, findings, documents, counter)
        for rule in self._text_rules:
            if result is REMOVE:
                return REMOVE
            result = rule.apply(result, path, counter)
        return text if result == text else result

    def _around(
        self, text: str, findings: List[Finding], documents: Sequence[Tuple[int, int, Any]], counter: Optional[Counter[str]]
    ) -> Any:
        """``text`` with ``documents`` replaced by their redacted forms and the findings between
        them by markers (those inside a document were found again in its walk); :data:`REMOVE`
        where a document or a marker is."""
        parts: List[str] = []
        position = 0
        for start, end, redacted in (*documents, (len(text), len(text), "")):
            prose = [Finding(f.start - position, f.end - position, f.entity) for f in findings if position <= f.start and f.end <= start]
            marked = self._markers(text[position:start], prose, counter)
            if marked is REMOVE or redacted is REMOVE:
                return REMOVE
            parts += marked, redacted
            position = end
        return "".join(parts)

    def _markers(self, text: str, findings: List[Finding], counter: Optional[Counter[str]]) -> Any:
        """``text`` with each finding replaced by its strategy's marker, or :data:`REMOVE`.
        A strategy gets the value as the detectors read it (:func:`value_as_read`): only in
        text that is not ASCII or holds a '%' or '+' can that differ from the value as written."""
        if not findings:
            return text
        parts: List[str] = []
        end = 0
        as_written = text.isascii() and "%" not in text and "+" not in text
        for finding in findings:
            strategy = self._strategy_for(finding.entity)
            value = text[finding.start : finding.end]
            if not as_written and strategy.uses_value:
                value = value_as_read(value, finding.entity)
            marker = strategy.replace(value, finding.entity)
            if counter is not None:
                counter[finding.entity] = counter.get(finding.entity, 0) + 1  # no Counter.__missing__ call
            if marker is REMOVE:
                return REMOVE
            parts.append(text[end : finding.start])
            parts.append(marker)
            end = finding.end
        parts.append(text[end:])
        return "".join(parts)

    def _mapping(
        self, mapping: Mapping[Any, Any], depth: int, path: Path, counter: Optional[Counter[str]], person: bool = False
    ) -> Any:
        """``mapping`` walked; ``person``: it is a person's record, whose names are sensitive too
        (:meth:`_records_of_people`), as they are in a FHIR resource of a person
        (``{"resourceType": "Patient", "name": [...]}``) and in a user's chat message
        (``{"role": "user", "name": x}``)."""
        secret_field = _NO_FIELD  # a mapping without a value field pays two key lookups for records
        if ("value" in mapping or "Value" in mapping) and len(mapping) <= MAX_RECORD_FIELDS:
            secret_field = self._secret_field(mapping)
        if not person:  # a key lookup or two per mapping
            person = ("resourceType" in mapping and mapping["resourceType"] in PERSON_RESOURCES) or (
                "name" in mapping and mapping.get("role") == USERS_ROLE
            )
        out: Dict[Any, Any] = {}
        changed = False
        verdicts = self._person_verdicts if person else self._key_verdicts
        phone_keys, clean_keys, walk, roles = self._phone_keys, self._clean_keys, self._walk, self._role_keys
        remembered = self._remembered if depth + 1 <= self._memo_depth else None  # see _from_memo
        for key, value in mapping.items():
            named = isinstance(key, str)
            if ((named and verdicts[key]) or key is secret_field) and value is not None:  # a sensitive key
                new_value = self._sensitive_value(key if named else "", value, counter)
                if new_value is REMOVE and key is secret_field:
                    return REMOVE  # the record goes whole, as a pair does
            elif value.__class__ is str and key in PASS_KEYS and _names_a_password(mapping, value):
                new_value = self._sensitive_value(key, value, counter)  # {"user": "bob", "pass": "x"}
            elif value.__class__ is int and value in _NUMBER_SIZED:
                new_value = self._number(value, key, counter)
            else:
                if remembered is not None and value.__class__ is str and value[:1] not in _JSON_OPENERS:
                    new_value = remembered(value, counter)  # what the walk does with it, one call sooner
                elif named and (value.__class__ is dict or value.__class__ is list) and roles[key]:
                    new_value = self._records_of_people(value, depth + 1, (*path, key) if self._track_path else path, counter)
                else:
                    new_value = walk(value, depth + 1, (*path, key) if self._track_path else path, counter)
                if named and phone_keys[key]:
                    new_value = self._under_phone_key(new_value, counter)
            new_key = (key if key in clean_keys else self._redact_key(key, counter)) if named else key
            if new_value is REMOVE or new_key is REMOVE:
                changed = True
                continue
            if new_key is not key:
                new_key = _unique_key(new_key, out, mapping)
                changed = True
            if new_value is not value:
                changed = True
            out[new_key] = new_value
        return out if changed else mapping

    def _collection(
        self, items: Collection[Any], depth: int, path: Path, counter: Optional[Counter[str]], people: bool = False
    ) -> Any:
        """``items`` walked; ``people``: their mappings are people's records (:meth:`_records_of_people`)."""
        if items.__class__ is tuple and len(items) == 2:  # a pair, in a list or alone
            pair = self._sensitive_pair(items, depth, path, counter)
            if pair is not None:
                return pair
        out: List[Any] = []
        changed = False
        secret_at = -1  # the index of the value of a flag naming a secret (["--password", "x"])
        remembered = self._remembered if depth + 1 <= self._memo_depth else None  # see _from_memo
        nested = depth + 1 <= self._max_depth
        for index, item in enumerate(items):
            item_path = (*path, index) if self._track_path else path
            kind = item.__class__
            if kind is str:
                if index == secret_at and item[:1] != "-":  # not the next flag
                    new = self._sensitive_value("", item, counter)
                else:
                    if remembered is not None and item[:1] not in _JSON_OPENERS:
                        new = remembered(item, counter)  # what the walk does with it, one call sooner
                    else:
                        new = self._walk(item, depth + 1, item_path, counter)
                    if item[:1] == "-" and self._flag_verdicts[item] and isinstance(items, (list, tuple)):
                        secret_at = index + 1
            elif kind is list and len(item) == 2:  # a tuple is read as a pair wherever it is
                new = self._pair(item, depth + 1, item_path, counter)
            elif kind is dict and nested:
                new = self._mapping(item, depth + 1, item_path, counter, people)  # what the walk does with it
            else:
                new = self._walk(item, depth + 1, item_path, counter)
            if new is not item:
                changed = True
                if new is REMOVE:
                    continue
            out.append(new)
        if not changed:
            return items
        if isinstance(items, list):
            return out
        if isinstance(items, tuple):
            return tuple(out)
        return frozenset(out) if isinstance(items, frozenset) else set(out)

    def _records_of_people(self, value: Any, depth: int, path: Path, counter: Optional[Counter[str]]) -> Any:
        """The dict or list ``value`` under a key naming people by their role (``{"patient":
        {"name": x}}``, ``{"customers": [{"last": x}]}``) walked as their records: a key naming
        their name (``name``, ``given``, ``family``) is sensitive there, as ``patient_name`` is
        anywhere; ``{"tool": {"name": x}}`` and a record's other keys stay as they are."""
        if depth > self._max_depth:
            return self._whole(value, TOO_DEEP, counter)
        if value.__class__ is dict:
            return self._mapping(value, depth, path, counter, True)
        return self._collection(value, depth, path, counter, True)

    def _pair(self, pair: Any, depth: int, path: Path, counter: Optional[Counter[str]]) -> Any:
        """A 2-item list in a collection, walked, unless it is a sensitive pair
        (:meth:`_sensitive_pair`): ``[["cookie", "sid=x"]]``."""
        new = self._sensitive_pair(pair, depth, path, counter) if depth <= self._max_depth else None
        return self._walk(pair, depth, path, counter) if new is None else new

    def _sensitive_pair(self, pair: Any, depth: int, path: Path, counter: Optional[Counter[str]]) -> Any:
        """A 2-item tuple, or list in a collection, whose first item is a sensitive name, as
        header lists write a header (``[("authorization", "Token x")]``, ``{"header":
        ("Authorization", "Token x")}``), with its value redacted whole, as a sensitive key's is
        (the pair goes on ``remove``): a string, bytes, a number (``("password", 12345678)``),
        a container (``("authorization", ["Bearer x"])``), any value but those
        :data:`_WALKED_PAIR_VALUES` names; ``None`` for any other pair (the caller walks it)."""
        name, value = pair
        if isinstance(name, (bytes, bytearray, memoryview)):
            name = bytes(name).decode("latin-1")
        if not self._key_is_sensitive(name) or isinstance(value, _WALKED_PAIR_VALUES):
            return None
        new_value = self._sensitive_value(name, value, counter)
        new_name = self._walk(pair[0], depth + 1, (*path, 0) if self._track_path else path, counter)
        if new_value is REMOVE or new_name is REMOVE:
            return REMOVE
        return pair.__class__((new_name, new_value))

    def _bytes(
        self, value: Union[bytes, bytearray, memoryview], depth: int, path: Path, counter: Optional[Counter[str]]
    ) -> Any:
        try:
            text = bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return self._whole(value, UNSCANNABLE, counter)
        new = self._walk(text, depth, path, counter)
        if new is text:
            return value
        return new.encode("utf-8") if isinstance(new, str) else new

    # helpers ---------------------------------------------------------------------
    def _whole(self, value: Any, entity: str, counter: Optional[Counter[str]]) -> Any:
        """The marker replacing all of ``value``."""
        if counter is not None:
            counter[entity] = counter.get(entity, 0) + 1
        strategy = self._strategy_for(entity)
        if not strategy.uses_value:
            return strategy.replace("", entity)
        if isinstance(value, (bytes, bytearray, memoryview)):
            text = bytes(value).decode("utf-8", "replace")
        else:
            try:
                text = value if isinstance(value, str) else str(value)
            except Exception:
                text = ""
        return strategy.replace(text, entity)

    def _sensitive_value(self, key: str, value: Any, counter: Optional[Counter[str]]) -> Any:
        """The marker replacing the value of the sensitive ``key``, unless the value holds no
        secret, kept as in text: a bool, a setting (``{"zip": True}``, compression, as ``zip:
        true``; a pair keeps one too: :data:`_WALKED_PAIR_VALUES`), a variable's reference alone
        (``{"password": "${DB_PASSWORD}"}``, as ``password: "${DB_PASSWORD}"``), or a count under
        a key naming a code or a number (``{"auth_code": 200}``, as ``auth code: 200``:
        :func:`counts_under`); a repository's name under a full name's key (``{"full_name":
        "octocat/Hello-World"}``: :func:`names_a_repository`), or a date, a time or a duration
        under a session's (``{"session": "2024-01-01T10:00:00Z"}``: :func:`tells_when`) is read
        by the detectors, as any text."""
        if value.__class__ is bool or (value.__class__ is str and is_reference(value)) or counts_under(key, value):
            return value
        if names_a_repository(key, value) or tells_when(key, value):
            return self._remembered(value, counter)
        return self._whole(value, SENSITIVE_KEY, counter)

    def _key_is_sensitive(self, key: Any) -> bool:
        return isinstance(key, str) and self._key_verdicts[key]

    def _names_a_role(self, key: Any) -> bool:
        """Whether ``key`` names people by their role (``patient``), with key detection on."""
        return isinstance(key, str) and self._role_keys[key]

    def _names_a_user(self, participant_key: str, attributes: Mapping[str, Any]) -> bool:
        """Whether the participant named under ``participant_key`` (``llm.input_messages.0.message.name``)
        in ``attributes`` is a user: its sibling ``...message.role`` says ``user``."""
        return attributes.get(_role_key(participant_key)) == USERS_ROLE

    def _names_phone(self, key: Any) -> bool:
        """Whether ``key`` names a phone (``phone_number``), with phone numbers detected."""
        return isinstance(key, str) and self._phone_keys[key]

    def _under_phone_key(self, value: Any, counter: Optional[Counter[str]]) -> Any:
        """``value`` (redacted by the walk), under a key that names a phone, with each string in
        it scanned again as if the key stood before it: a bare number (``{"phone": "5551234567"}``,
        ``{"phones": ["5551234567"]}``, ``{"phoneNumbers": [{"value": "5551234567"}]}``) needs a
        phone word to be found, and text, unlike JSON, puts one before it. The results are not
        remembered with the texts, which may stand under other keys."""
        kind = value.__class__
        if kind is str:
            return self._phone_text(value, counter)
        if kind is int and value in _NUMBER_SIZED:
            return self._number(value, "phone", counter)
        if kind is dict:
            pairs = [(key, self._under_phone_key(item, counter)) for key, item in value.items()]
            if all(map(operator.is_, [new for _, new in pairs], value.values())):
                return value
            return {key: new for key, new in pairs if new is not REMOVE}
        if kind is list or kind is tuple:
            items = [self._under_phone_key(item, counter) for item in value]
            if all(map(operator.is_, items, value)):
                return value
            return kind(item for item in items if item is not REMOVE)
        return value

    def _phone_text(self, text: str, counter: Optional[Counter[str]]) -> Any:
        """``text`` scanned after a phone word (see :meth:`_under_phone_key`)."""
        try:
            findings = self._found_after(_PHONE_KEY_CONTEXT, text)
        except TimeoutError:
            return self._whole(text, UNSCANNABLE, counter)
        return self._markers(text, _merge_findings(findings, spelled_phone_numbers(text)), counter)

    def _found_after(self, context: str, text: str) -> List[Finding]:
        """The detectors' findings in ``text`` read after ``context`` (a key, a phone word), as
        positions in ``text``: those over it, cut to it."""
        shift = len(context)
        found = self._detectors.find(context + text)
        return [Finding(max(f.start - shift, 0), f.end - shift, f.entity) for f in found if f.end > shift]

    def _secret_field(self, mapping: Mapping[Any, Any]) -> Any:
        """The key of ``mapping``'s value field if ``mapping`` is a name/value record whose
        name field holds a sensitive key name (``{"name": "DB_PASSWORD", "value": "x"}``), as
        if the name were the key of the value; else :data:`_NO_FIELD`. A ``None`` value stays,
        as a sensitive key's does."""
        for value_field, name_fields in RECORD_FIELDS:
            if mapping.get(value_field) is not None and any(map(self._names_a_secret, map(mapping.get, name_fields))):
                return next(key for key in mapping if key == value_field)  # the mapping's own key object
        return _NO_FIELD

    def _names_a_secret(self, name: Any) -> bool:
        """Whether the name field of a record holds a sensitive key name, written as a key is."""
        return isinstance(name, str) and _RECORD_NAME.fullmatch(name) is not None and self._key_verdicts[name]

    def _is_secret_flag(self, text: str) -> bool:
        """Whether ``text`` is a command-line flag alone whose name, without its dashes, is a
        sensitive key name (``--password``, ``-api-key``): in an argument list, the item after
        it is the secret."""
        flag = _ARGUMENT_FLAG.fullmatch(text) if text[:1] == "-" else None
        return flag is not None and self._key_verdicts[flag[1]]

    def _clean_key(self, key: str) -> bool:
        """Whether :meth:`_redact_key` leaves ``key`` as it is (remembered when it does)."""
        return self._redact_key(key, None) is key

    def _redact_key(self, key: str, counter: Optional[Counter[str]]) -> Any:
        """``key`` with the detectors and regex rules applied (the same object if clean)."""
        if key in self._clean_keys:
            return key
        if len(key) > self._max_len:
            return self._whole(key, TOO_LONG, counter)
        try:
            result = self._markers(key, self._detectors.find(key) if self._detectors is not None else [], counter)
            for rule in self._key_rules:
                if result is REMOVE:
                    return REMOVE
                result = rule.apply(result, (), counter)
        except TimeoutError:
            return self._whole(key, UNSCANNABLE, counter)
        if result == key:
            if len(key) <= _REMEMBERED_KEY_LENGTH:
                if len(self._clean_keys) >= _CLEAN_KEYS_LIMIT:
                    self._clean_keys.clear()
                self._clean_keys.add(key)
            return key
        return result


def _names_a_password(mapping: Mapping[Any, Any], value: str) -> bool:
    """Whether the string ``value`` of a ``pass`` key in ``mapping`` is a password: beside a
    user's name (:data:`USER_KEY`), or looking like one (``x1y2z3``, not a test report's
    ``"12"``, ``"PASSED"``: :func:`passes_a_secret`)."""
    return passes_a_secret(value) or any(name.__class__ is str and USER_KEY.fullmatch(name) for name in mapping)


def _dumped_as(value: Any, document: str) -> str:
    """``value`` as JSON text laid out as ``document`` was: indented by its second line's
    indent, compact where no ``": `` spaces its keys, else as ``json.dumps`` writes."""
    newline = document.find("\n")
    if newline >= 0:
        line = document[newline + 1 :]
        return json.dumps(value, ensure_ascii=False, indent=line[: len(line) - len(line.lstrip(" \t"))] or None)
    compact = '": ' not in document
    return json.dumps(value, ensure_ascii=False, separators=(",", ":") if compact else None)


def _written_as_repr(value: Any, document: str) -> str:
    """``value`` as ``repr`` writes it: how the literal ``document`` was most likely written."""
    return repr(value)


class _DocumentForm(NamedTuple):
    """How documents of one notation are found in prose, read and written back."""

    opener: Pattern[str]
    """Where one may open: a bracket and a key's quote."""
    read: Callable[[str, int], Tuple[Any, int]]
    """The document opening at an index and the index after it (as ``raw_decode`` gives)."""
    write: Callable[[Any, str], str]
    """A redacted document written as the text it was read from was."""


_JSON_DOCUMENTS = _DocumentForm(re.compile(r'\[\s*\{\s*"|\{\s*"'), _JSON_DECODER.raw_decode, _dumped_as)
_LITERAL_DOCUMENTS = _DocumentForm(re.compile(r"\[\s*\{\s*'|\{\s*'"), read_literal, _written_as_repr)


def _json_shaped(text: str) -> bool:
    """Whether ``text``, without the spaces around it, opens and closes like JSON."""
    text = text.strip()
    return len(text) >= 2 and _JSON_ENDS.get(text[0]) == text[-1]


def _splices_into_json(strategy: Any) -> bool:
    """Whether the markers of a built-in ``strategy`` can stand inside a JSON string as they are."""
    if type(strategy).__module__ != parse_strategies.__module__:
        return False  # a user's strategy: its markers are unknown
    marker = strategy.replace("value", "ENTITY")
    return marker is not REMOVE and marker.isprintable() and '"' not in marker and "\\" not in marker


def _in_string_values(text: str, findings: List[Finding]) -> bool:
    """Whether every finding lies inside a string value of the JSON ``text`` (not a key, a
    number or structure), so that replacing it in the text leaves the same JSON as parsing,
    redacting and serialising would. Text with an escaped backslash is not judged."""
    if "\\\\" in text:
        return False
    quotes = position = 0
    for start, end, _ in findings:  # sorted by start: quotes are counted once over the text
        value = text[start:end]
        if '"' in value or "\\" in value or text[start - 1 : start] == "\\":
            return False
        quotes += text.count('"', position, start) - text.count('\\"', position, start)
        position = end
        if quotes % 2 == 0:
            return False  # outside every string
        close = _closing_quote(text, end)
        if close < 0 or _KEY_END.match(text, close + 1):
            return False  # the string is cut short, or it is a key
    return True


def _closing_quote(text: str, start: int) -> int:
    """The index of the first quote from ``start`` that no backslash escapes, or -1."""
    close = text.find('"', start)
    while close > 0 and text[close - 1] == "\\":
        close = text.find('"', close + 1)
    return close


def _role_key(participant_key: str) -> str:
    """The key of the role beside a chat message's participant: ``...message.name`` -> ``...message.role``."""
    return participant_key[: -len("name")] + "role"


def _never(key: str) -> bool:
    """The key check when key-name detection is off."""
    return False


def _unique_key(key: str, taken: Mapping[Any, Any], source: Mapping[Any, Any]) -> str:
    """``key``, suffixed ``#2``, ``#3``... if a redacted key collides with another key."""
    candidate, n = key, 1
    while candidate in taken or candidate in source:
        n += 1
        candidate = f"{key}#{n}"
    return candidate


def _check_int(name: str, value: Any, minimum: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")


class Finder(Protocol):
    """A detector other than a regex (an NER model, a remote service): ``find(text)`` returns
    the findings in ``text``; an optional ``entities`` attribute names the types it reports."""

    def find(self, text: str) -> List[Finding]:
        """The sensitive values in ``text``."""


def _checked_detectors(detectors: Iterable[Any]) -> Tuple[List[Detector], List[Finder]]:
    """The regex detectors and the finders among ``detectors``."""
    regexes: List[Detector] = []
    finders: List[Finder] = []
    for detector in detectors:
        if isinstance(detector, Detector):
            regexes.append(detector)
        elif not isinstance(detector, (str, bytes)) and callable(getattr(detector, "find", None)):
            finders.append(detector)
        else:
            raise ValueError(
                f"detectors must be Detector objects or have a find(text) method, got {type(detector).__name__}"
            )
    return regexes, finders


class _WithFinders:
    """A detector set (or none) followed by finders, with overlapping findings merged."""

    def __init__(self, detector_set: Optional[DetectorSet], finders: List[Finder]) -> None:
        self._set = detector_set
        self._finders = tuple(finders)
        entities = set(detector_set.entities) if detector_set is not None else set()
        for finder in finders:
            entities.update(getattr(finder, "entities", ()))
        self.entities: FrozenSet[str] = frozenset(entities)

    def find(self, text: str) -> List[Finding]:
        """Findings of the detector set and every finder, sorted and non-overlapping."""
        found = self._set.find(text) if self._set is not None else []
        for finder in self._finders:
            found = _merge_findings(found, finder.find(text))
        return found


def _with_finders(detector_set: Optional[DetectorSet], finders: List[Finder]) -> Any:
    return _WithFinders(detector_set, finders) if finders else detector_set


def _merge_findings(first: List[Finding], second: Iterable[Finding]) -> List[Finding]:
    """Both lists as one sorted list; overlapping findings become one covering both, typed
    as the longer (``first`` wins ties)."""
    tagged = [(f.start, 1, f) for f in second if f.end > f.start]
    if not tagged:
        return first
    tagged.extend((f.start, 0, f) for f in first)
    merged: List[Finding] = []
    for _, _, finding in sorted(tagged, key=lambda item: item[:2]):
        if merged and finding.start < merged[-1].end:
            last = merged[-1]
            longer = last if last.end - last.start >= finding.end - finding.start else finding
            merged[-1] = Finding(last.start, max(last.end, finding.end), longer.entity)
        else:
            merged.append(finding)
    return merged


def _detector_set(
    builtin: bool,
    entities: Optional[Iterable[str]],
    exclude: Tuple[str, ...],
    extra: List[Detector],
    timeout: Optional[float],
) -> Optional[DetectorSet]:
    """The detectors to run: all built-ins by default, none with rules unless asked for."""
    if builtin and entities is None and not exclude and not extra and timeout is None:
        return default_detectors()
    if not builtin and entities is None and not extra:
        return None
    chosen = tuple(entities) if entities is not None else (None if builtin else ())
    detector_set = DetectorSet(chosen, exclude=exclude, extra=extra, timeout=timeout)
    return detector_set if detector_set.entities else None


class Anonymizer(ABC):
    """Anything that anonymizes a value; subclass it and implement :meth:`anonymize`."""

    @abstractmethod
    def anonymize(self, data: Any, **kwargs: Any) -> Any:
        """``data`` anonymized (a new value; ``data`` itself is left as is)."""

    def __call__(self, data: Any, **kwargs: Any) -> Any:
        """Same as :meth:`anonymize`."""
        return self.anonymize(data, **kwargs)


class RecursiveAnonymizer(Anonymizer):
    """An anonymizer that calls :meth:`anonymize_text` on every string in the data, as in Opik.

    Dict values, lists and tuples are walked; ``anonymize_text`` gets ``field_name``, the
    dotted path from the root (``input.messages.0.content``, prefixed by the ``field_name``
    given to :meth:`anonymize`) and every other keyword given to :meth:`anonymize`
    (``object_type``...). Strings and containers nested deeper than ``max_depth`` become
    ``<TOO_DEEP>``.
    """

    def __init__(self, max_depth: int = 10) -> None:
        _check_int("max_depth", max_depth, 0)
        self.max_depth = max_depth

    def anonymize(self, data: Any, **kwargs: Any) -> Any:
        """``data`` with :meth:`anonymize_text` applied to each string."""
        field_name = kwargs.pop("field_name", None) or ""
        return self._recursive(data, 0, field_name, kwargs)

    @abstractmethod
    def anonymize_text(self, data: str, **kwargs: Any) -> str:
        """``data`` anonymized; ``kwargs`` hold ``field_name`` and what ``anonymize`` got."""

    def _recursive(self, data: Any, depth: int, field_name: str, kwargs: Dict[str, Any]) -> Any:
        if isinstance(data, (str, dict, list, tuple)) and depth > self.max_depth:
            return _TOO_DEEP_MARKER
        if isinstance(data, str):
            return self.anonymize_text(data, field_name=field_name, **kwargs)
        if isinstance(data, dict):
            return {k: self._recursive(v, depth + 1, _join(field_name, k), kwargs) for k, v in data.items()}
        if isinstance(data, (list, tuple)):
            items = [self._recursive(v, depth + 1, _join(field_name, i), kwargs) for i, v in enumerate(data)]
            return tuple(items) if isinstance(data, tuple) else items
        return data


_TOO_DEEP_MARKER = placeholder().replace("", TOO_DEEP)


def _join(prefix: str, part: Any) -> str:
    return f"{prefix}.{part}" if prefix else str(part)


class _RulesAnonymizer(RecursiveAnonymizer):
    """The anonymizer :func:`create_anonymizer` returns: a shell over a :class:`TextRedactor`."""

    def __init__(self, redactor: TextRedactor) -> None:
        super().__init__(redactor._max_depth)
        self.redactor = redactor

    def anonymize(self, data: Any, **kwargs: Any) -> Any:
        """``data`` redacted; ``None`` if a ``remove`` strategy removed all of it."""
        result = self.redactor._redact(data, (), None, kwargs)
        return None if result is REMOVE else result

    def anonymize_text(self, data: str, **kwargs: Any) -> str:
        """``data`` redacted (``""`` if a ``remove`` strategy matched)."""
        return self.redactor.redact_text(data)


def create_anonymizer(rules: Any = None, **options: Any) -> RecursiveAnonymizer:
    """An anonymizer callable on any value: ``anonymizer(data)`` or ``anonymizer.anonymize(data)``.

    ``rules`` takes every LangSmith and Opik format, alone or in a list:
    ``{"pattern": regex, "replace": text}`` (``replace`` defaults to ``[redacted]``),
    ``{"regex": regex, "replace": text}``, ``(regex, replace)``, a compiled pattern, a
    callable ``f(text)`` or ``f(text, path)`` (``path``: the list of keys and indexes from
    the root), a LangSmith node processor, a :class:`Detector`, or an :class:`Anonymizer`
    (run on the whole value after the text rules). Regex replacements may use group
    references (``\\1``). ``rules=None``: the built-in detectors and key-name detection.
    Bad rules raise ``ValueError`` here. Options: see :class:`TextRedactor`.
    """
    redactor = TextRedactor(rules, **options)
    return _RulesAnonymizer(redactor)
