"""Replacement strategies: what a detected value becomes, chosen per entity type.

A strategy turns one matched value into its marker (``<EMAIL_ADDRESS>``, ``****1111``,
``<EMAIL_ADDRESS:3f9a1c2b>``) or into :data:`REMOVE`, which removes the value that holds
it. No marker contains the matched value, except the unmasked tail a :func:`mask` keeps.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from abc import ABC, abstractmethod
from typing import Collection, Dict, Mapping, Optional, Union

__all__ = [
    "MARKER",
    "PSEUDONYM_KEY_ENV",
    "REMOVE",
    "Strategy",
    "StrategySpec",
    "StrategyTable",
    "fixed",
    "mask",
    "parse_strategies",
    "placeholder",
    "pseudonym",
    "remove",
]

PSEUDONYM_KEY_ENV = "OTEL_REDACT_PSEUDONYM_KEY"

_PSEUDONYM_LENGTHS = (4, 64)

MARKER = re.compile(rf"<[A-Z][A-Z0-9_]*(?::[0-9a-f]{{{_PSEUDONYM_LENGTHS[0]},{_PSEUDONYM_LENGTHS[1]}}})?>")
"""The markers :func:`placeholder` and :func:`pseudonym` write (``<PERSON>``,
``<EMAIL_ADDRESS:3f9a1c2b>``): a later detector must find nothing in them."""

_process_key: Optional[bytes] = None


class _Remove:
    """Type of :data:`REMOVE`."""

    def __repr__(self) -> str:
        return "REMOVE"

    def __reduce__(self) -> str:
        return "REMOVE"  # copies and pickles stay the one module-level instance


REMOVE = _Remove()
"""Returned instead of a value when the value (or the attribute holding it) must be removed."""


class Strategy(ABC):
    """What one matched value of an entity type is replaced with."""

    uses_value = True
    """False when the marker does not depend on the value (the value need not be computed)."""

    @abstractmethod
    def replace(self, value: str, entity: str) -> Union[str, _Remove]:
        """The marker for ``value`` of type ``entity``, or :data:`REMOVE`."""


class _Placeholder(Strategy):
    """``<ENTITY>``."""

    uses_value = False

    def replace(self, value: str, entity: str) -> str:
        return f"<{entity}>"

    def __repr__(self) -> str:
        return "placeholder()"


class _Fixed(Strategy):
    """Always the same text."""

    uses_value = False

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError(f"fixed() needs a string, got {type(text).__name__}")
        self.text = text

    def replace(self, value: str, entity: str) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"fixed({self.text!r})"


class _Mask(Strategy):
    """Letters and digits masked except the last few; separators kept."""

    def __init__(self, keep_last: int, char: str) -> None:
        if not isinstance(keep_last, int) or isinstance(keep_last, bool) or keep_last < 0:
            raise ValueError(f"mask(keep_last=...) must be an int >= 0, got {keep_last!r}")
        if not isinstance(char, str) or len(char) != 1:
            raise ValueError(f"mask(char=...) must be one character, got {char!r}")
        self.keep_last = keep_last
        self.char = char

    def replace(self, value: str, entity: str) -> str:
        total = sum(1 for c in value if c.isalnum())
        keep = min(self.keep_last, total // 2)
        to_mask = total - keep
        out = []
        for c in value:
            if c.isalnum() and to_mask > 0:
                out.append(self.char)
                to_mask -= 1
            else:
                out.append(c)
        return "".join(out)

    def __repr__(self) -> str:
        return f"mask(keep_last={self.keep_last}, char={self.char!r})"


class _Pseudonym(Strategy):
    """``<ENTITY:hmac>``: a keyed HMAC-SHA256 of the value, stable for a given key."""

    def __init__(self, key: bytes, length: int) -> None:
        low, high = _PSEUDONYM_LENGTHS
        if not isinstance(length, int) or isinstance(length, bool) or not low <= length <= high:
            raise ValueError(f"pseudonym(length=...) must be an int from {low} to {high}, got {length!r}")
        self._key = key
        self.length = length

    def replace(self, value: str, entity: str) -> str:
        digest = hmac.new(self._key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
        return f"<{entity}:{digest[: self.length]}>"

    def __repr__(self) -> str:
        return f"pseudonym(length={self.length})"


class _Removal(Strategy):
    """Remove the value (the attribute, dict entry or list item) holding the match."""

    uses_value = False

    def replace(self, value: str, entity: str) -> _Remove:
        return REMOVE

    def __repr__(self) -> str:
        return "remove()"


def placeholder() -> Strategy:
    """Replace a match by its entity type in angle brackets: ``<EMAIL_ADDRESS>`` (the default)."""
    return _Placeholder()


def fixed(text: str) -> Strategy:
    """Replace a match by ``text``."""
    return _Fixed(text)


def mask(keep_last: int = 4, char: str = "*") -> Strategy:
    """Mask letters and digits with ``char``, keeping the last ``keep_last`` of them.

    Separators stay (``4111 1111 1111 1111`` -> ``**** **** **** 1111``); never more
    than half of the letters and digits are kept.
    """
    return _Mask(keep_last, char)


def pseudonym(key: Union[str, bytes, None] = None, length: int = 8) -> Strategy:
    """Replace a match by ``<ENTITY:token>``, a keyed HMAC-SHA256 of the value.

    The same value gives the same token wherever the same key is used. Without ``key``
    the key comes from ``OTEL_REDACT_PSEUDONYM_KEY``, else a random per-process key.
    ``length`` is the number of hex digits kept (4 to 64).
    """
    if key is None:
        key = os.environ.get(PSEUDONYM_KEY_ENV) or _random_process_key()
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes) or not key:
        raise ValueError("pseudonym(key=...) must be a non-empty str or bytes")
    return _Pseudonym(key, length)


def remove() -> Strategy:
    """Remove the value holding a match: the attribute, or the dict entry or list item in nested data."""
    return _Removal()


def _random_process_key() -> bytes:
    global _process_key
    if _process_key is None:
        _process_key = os.urandom(32)
    return _process_key


_BY_NAME = {"placeholder": placeholder, "mask": mask, "pseudonym": pseudonym, "remove": remove}

StrategySpec = Union[str, Strategy, Mapping[str, Union[str, Strategy]], None]


def _strategy_from(spec: Union[str, Strategy], entity: str) -> Strategy:
    if isinstance(spec, Strategy):
        return spec
    if not isinstance(spec, str):
        raise ValueError(f"strategy for {entity!r} must be a name or a Strategy, got {type(spec).__name__}")
    name = spec.strip()
    if name.startswith("fixed:"):
        return fixed(name[len("fixed:"):])
    factory = _BY_NAME.get(name)
    if factory is None:
        choices = ", ".join(sorted(_BY_NAME)) + ", fixed:<text>"
        raise ValueError(f"unknown strategy {spec!r} for {entity!r}; choose one of {choices}")
    return factory()


def _spec_mapping(spec: StrategySpec) -> Mapping[str, Union[str, Strategy]]:
    if spec is None:
        return {}
    if isinstance(spec, Strategy):
        return {"*": spec}
    if isinstance(spec, str):
        if "=" not in spec:
            return {"*": spec}
        pairs: Dict[str, str] = {}
        for item in spec.split(","):
            if not item.strip():
                continue
            entity, sep, name = item.partition("=")
            if not sep:
                raise ValueError(f"strategy spec item {item.strip()!r} is not ENTITY=strategy")
            pairs[entity.strip()] = name.strip()
        return pairs
    if isinstance(spec, Mapping):
        return spec
    raise ValueError(f"strategies must be a mapping, a Strategy or a string, got {type(spec).__name__}")


class StrategyTable:
    """The strategy of each entity type, with ``"*"`` as the fallback."""

    def __init__(self, by_entity: Mapping[str, Strategy], default: Strategy) -> None:
        self.by_entity: Mapping[str, Strategy] = dict(by_entity)
        """The strategies named for particular entity types."""
        self.default = default

    def __getitem__(self, entity: str) -> Strategy:
        return self.by_entity.get(entity, self.default)


def parse_strategies(spec: StrategySpec, known_entities: Collection[str]) -> StrategyTable:
    """A :class:`StrategyTable` from a spec, checked against ``known_entities``.

    ``spec`` is ``None`` (placeholders everywhere), one strategy or strategy name for
    every entity, a mapping ``{"CREDIT_CARD": "mask", "*": "placeholder"}`` whose values
    are names (``placeholder``, ``mask``, ``pseudonym``, ``remove``, ``fixed:<text>``) or
    :class:`Strategy` objects, or the same as text: ``"CREDIT_CARD=mask,*=placeholder"``.
    Unknown entity or strategy names raise ``ValueError``.
    """
    mapping = _spec_mapping(spec)
    unknown = sorted(str(e) for e in mapping if e != "*" and e not in known_entities)
    if unknown:
        raise ValueError(
            f"strategies name unknown entity types {unknown}; known: {sorted(known_entities)} and '*'"
        )
    table = {entity: _strategy_from(value, entity) for entity, value in mapping.items()}
    default = table.pop("*", None) or placeholder()
    return StrategyTable(table, default)
