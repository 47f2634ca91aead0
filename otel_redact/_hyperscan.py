"""Optional Hyperscan engine: every gate of a detector set checked in one pass over the text.

Install the ``hyperscan`` package to enable it; ``OTEL_REDACT_ENGINE=regex`` turns it off.

Gates are written for Python's engines, whose Unicode tables are newer than Hyperscan's
(Hyperscan's ``\\d`` misses Adlam digits; ``(?i:i)`` in ``regex`` matches 'İ'), so they are
not handed to Hyperscan as they are. Each character class, shorthand (``\\d``, ``\\w``...),
``.`` and case-insensitive literal is replaced by the explicit code points that ``re`` or
``regex`` match with it, computed by running those engines over every code point. Assertions
(look-arounds, ``\\b``, ``^``, ``$``) are dropped and possessive or lazy quantifiers made plain,
and a class with over 100 non-ASCII ranges (``\\w``) or most non-ASCII characters (``\\D``)
takes in all of them (Hyperscan spends 14 s on the exact ``[\\w-]{1,30}``, then rejects it):
each change only widens the matches (the last one only in non-ASCII text). The result matches
a superset of what Python matches, compiled with ``HS_FLAG_UTF8 | HS_FLAG_SINGLEMATCH`` only
(not ``CASELESS``, ``UCP`` or ``DOTALL``, whose semantics are the ones replaced). A gate this
cannot translate, or that Hyperscan rejects, is reported for every text: a pass is never
skipped unless Hyperscan rules it out.
"""

from __future__ import annotations

import array
import functools
import os
import re
import sys
import threading
import weakref
from typing import Any, Dict, FrozenSet, Iterator, List, NamedTuple, Optional, Sequence, Tuple

import regex

__all__ = ["ENGINE_VARIABLE", "GateScanner", "gate_scanner"]

ENGINE_VARIABLE = "OTEL_REDACT_ENGINE"
"""Environment variable: ``regex`` keeps the pure-Python gate check even with hyperscan installed."""

_Ranges = Tuple[Tuple[int, int], ...]


class _Unsupported(ValueError):
    """A construct the translation does not handle; its gate is then always reported."""


# --- translation of a Python gate into a Hyperscan expression ---------------------------------

_ENGINES = (re, regex)
_FLAG_GROUP = re.compile(r"\(\?([aimsux]*)(?:-([imsx]+))?([:)])")
_QUANTIFIER = re.compile(r"[*+?]|\{(\d*)(?:(,)(\d*))?\}")
_ASSERTIONS = {"b", "B", "A", "Z", "z", "G", "m", "M"}
_SHORTHANDS = {"d", "D", "w", "W", "s", "S"}
_CONTROLS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_HEX_ESCAPE = re.compile(r"x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})")
_BOUNDED = re.compile(r"\[(?!\^)(?:[^\\\[\]\x80-\U0010ffff]|\\[^A-Za-z0-9])+\]")
"""A class of ASCII characters and ranges only, unnegated: it matches ASCII characters only."""


def translate(gate: str) -> str:
    """A Hyperscan expression (``HS_FLAG_UTF8``) matching wherever ``gate`` matches in Python.

    Raises ``ValueError`` for syntax this translation does not cover.
    """
    return "".join(_Translator(gate).run())


class _Translator:
    """A single left-to-right walk over a gate, keeping the scoped flags of open groups."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.pos = 0
        self.flags = self._global_flags()
        self.scopes: List[FrozenSet[str]] = []

    def _global_flags(self) -> FrozenSet[str]:
        found = _FLAG_GROUP.match(self.pattern)
        if not found or found.group(3) != ")":
            return frozenset()
        if found.group(2):
            raise _Unsupported("flags turned off globally")
        self.pos = found.end()
        return self._checked(frozenset(found.group(1)))

    @staticmethod
    def _checked(flags: FrozenSet[str]) -> FrozenSet[str]:
        if "x" in flags:
            raise _Unsupported("verbose patterns")
        return flags - {"m", "u"}  # ^ and $ are dropped; str patterns are Unicode already

    def run(self) -> Iterator[str]:
        pattern = self.pattern
        emptied = False  # whether the last construct was a dropped assertion
        while self.pos < len(pattern):
            char = pattern[self.pos]
            if char in "*+?{" and _QUANTIFIER.match(pattern, self.pos):
                if emptied:
                    raise _Unsupported("a quantified assertion")
                yield self._quantifier()
                continue
            emptied = False
            if char == "(":
                piece = self._open()
                emptied = piece == ""
                yield piece
            elif char == ")":
                if not self.scopes:
                    raise _Unsupported("unbalanced parenthesis")
                self.flags = self.scopes.pop()
                self.pos += 1
                yield ")"
            elif char == "|":
                self.pos += 1
                yield "|"
            elif char in "^$":
                self.pos += 1
                emptied = True
            elif char == "[":
                end = _class_end(pattern, self.pos)
                yield self._atom(pattern[self.pos:end])
                self.pos = end
            elif char == ".":
                self.pos += 1
                yield self._atom(".")
            elif char == "\\":
                piece = self._escape()
                emptied = piece == ""
                yield piece
            else:
                self.pos += 1
                yield self._literal(char)
        if self.scopes:
            raise _Unsupported("unbalanced parenthesis")

    def _quantifier(self) -> str:
        found = _QUANTIFIER.match(self.pattern, self.pos)
        assert found is not None
        self.pos = found.end()
        if self.pos < len(self.pattern) and self.pattern[self.pos] in "?+":
            self.pos += 1  # lazy or possessive: the same or fewer matches than greedy
        text = found.group()
        if text == "{}":
            return self._literal("{") + self._literal("}")  # literal text in Python
        if text.startswith("{,"):
            return "{0," + found.group(3) + "}" if found.group(3) else "*"
        return text

    def _open(self) -> str:
        pattern, start = self.pattern, self.pos
        if not pattern.startswith("(?", start):
            return self._push(start + 1, self.flags)
        flagged = _FLAG_GROUP.match(pattern, start)
        if flagged and flagged.group(3) == ":":
            flags = (self.flags | set(flagged.group(1))) - set(flagged.group(2) or "")
            return self._push(flagged.end(), self._checked(flags))
        for opener in ("(?:", "(?>", "(?P<", "(?<"):
            if pattern.startswith(opener, start) and not pattern.startswith(("(?<=", "(?<!"), start):
                end = pattern.index(">", start) + 1 if opener.endswith("<") else start + len(opener)
                return self._push(end, self.flags)
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!", "(?#"), start):
            self.pos = _group_end(pattern, start)
            return ""
        raise _Unsupported(f"group {pattern[start:start + 4]!r}")

    def _push(self, end: int, flags: FrozenSet[str]) -> str:
        self.scopes.append(self.flags)
        self.flags = flags
        self.pos = end
        return "(?:"

    def _escape(self) -> str:
        pattern, start = self.pattern, self.pos
        if start + 1 >= len(pattern):
            raise _Unsupported("trailing backslash")
        char = pattern[start + 1]
        self.pos = start + 2
        if char in _ASSERTIONS:
            return ""
        if char in _SHORTHANDS:
            return self._atom(pattern[start:start + 2])
        if char in "pP" and pattern.startswith("{", self.pos):
            self.pos = pattern.index("}", self.pos) + 1
            return self._atom(pattern[start:self.pos])
        if char in _CONTROLS:
            return self._literal(_CONTROLS[char])
        hexed = _HEX_ESCAPE.match(pattern, start + 1)
        if hexed:
            self.pos = hexed.end()
            return self._literal(chr(int(next(g for g in hexed.groups() if g), 16)))
        if char.isalnum() or not char.isascii():
            raise _Unsupported(f"escape \\{char}")
        return self._literal(char)

    def _literal(self, char: str) -> str:
        if "i" in self.flags:
            return self._atom(re.escape(char))
        return _hs_char(ord(char))

    def _atom(self, atom: str) -> str:
        """One character's worth of pattern, as the class of code points it matches."""
        ranges = _widened(_code_points(atom, "".join(sorted(self.flags))))
        if not ranges:
            raise _Unsupported(f"{atom!r} matches no character")
        if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
            return _hs_char(ranges[0][0])
        members = (_hs_char(a) if a == b else f"{_hs_char(a)}-{_hs_char(b)}" for a, b in ranges)
        return "[" + "".join(members) + "]"


_NON_ASCII = ((0x80, 0xD7FF), (0xE000, 0x10FFFF))
_MAX_RANGES = 100
"""Hyperscan compiles a class of more non-ASCII ranges (``\\w`` has 800) slowly or not at all."""


def _widened(ranges: _Ranges) -> _Ranges:
    """``ranges`` with their non-ASCII part widened to every non-ASCII character if that part is
    large (``\\w``) or covers most of them anyway (``\\D``): a far smaller, faster expression."""
    low = tuple((a, b) for a, b in ranges if a < 0x80)
    rest = ranges[len(low):]
    if low and low[-1][1] >= 0x80:
        rest = ((0x80, low[-1][1]),) + rest
        low = low[:-1] + ((low[-1][0], 0x7F),)
    if len(rest) > _MAX_RANGES or sum(b - a + 1 for a, b in rest) > 0x10F800 // 2:
        return low + _NON_ASCII
    return ranges


def _class_end(pattern: str, start: int) -> int:
    """The index after the ``]`` that closes the class opened at ``start``."""
    pos = start + 1
    if pattern.startswith("^", pos):
        pos += 1
    if pattern.startswith("]", pos):
        pos += 1  # a leading ] is a member
    while pos < len(pattern):
        char = pattern[pos]
        if char == "\\":
            pos += 2
        elif char == "[":
            raise _Unsupported("nested sets or POSIX classes")
        elif char == "]":
            return pos + 1
        else:
            pos += 1
    raise _Unsupported("unterminated character class")


def _group_end(pattern: str, start: int) -> int:
    """The index after the ``)`` that closes the group opened at ``start``."""
    depth, pos = 0, start
    while pos < len(pattern):
        char = pattern[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "[":
            pos = _class_end(pattern, pos)
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        pos += 1
        if depth == 0:
            return pos
    raise _Unsupported("unbalanced parenthesis")


def _hs_char(code: int) -> str:
    char = chr(code)
    return char if char.isascii() and (char.isalnum() or char == "_") else f"\\x{{{code:x}}}"


@functools.lru_cache(maxsize=None)
def _code_points(atom: str, flags: str) -> _Ranges:
    """The code points (as ranges) that ``re`` or ``regex`` match with ``atom`` under ``flags``.

    An unnegated class of ASCII members matches ASCII characters only, plus, case-insensitively,
    the few others that fold to ASCII; everything else is run over every code point.
    """
    pattern = f"(?{flags}:{atom})+" if flags else f"(?:{atom})+"
    bounded = atom.isascii() and (
        len(atom) == 1 and atom != "." or len(atom) == 2 and atom[0] == "\\" and not atom[1].isalnum()
        or _BOUNDED.fullmatch(atom) is not None
    )
    universe = (_ASCII + (_folds_to_ascii() if "i" in flags else "")) if bounded else _every_char()
    ranges: List[Tuple[int, int]] = []
    compiled = 0
    for engine in _ENGINES:
        try:
            found = engine.compile(pattern)
        except (re.error, regex.error):
            continue
        compiled += 1
        for run in found.finditer(universe):
            ranges.extend(_split(universe, *run.span()))
    if not compiled:
        raise _Unsupported(f"{atom!r} compiles in neither re nor regex")
    return _merged(ranges)


_ASCII = "".join(map(chr, range(128)))


@functools.lru_cache(maxsize=None)
def _every_char() -> str:
    """Every code point but the surrogates (which a scanned text never holds), in order."""
    typecode = next(code for code in "IL" if array.array(code).itemsize == 4)
    codes = array.array(typecode, range(0xD800))
    codes.extend(range(0xE000, 0x110000))
    return codes.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")


@functools.lru_cache(maxsize=None)
def _folds_to_ascii() -> str:
    """The non-ASCII characters that match some ASCII character case-insensitively ('ſ', 'K')."""
    found = {char for engine in _ENGINES for char in engine.findall(r"(?i:[\x00-\x7f])", _every_char())}
    return "".join(sorted(char for char in found if not char.isascii()))


def _split(universe: str, start: int, end: int) -> List[Tuple[int, int]]:
    """``universe[start:end]`` (ascending characters) as ranges of consecutive code points."""
    first, last = ord(universe[start]), ord(universe[end - 1])
    if last - first == end - 1 - start:
        return [(first, last)]
    middle = (start + end) // 2
    return _split(universe, start, middle) + _split(universe, middle, end)


def _merged(ranges: List[Tuple[int, int]]) -> _Ranges:
    merged: List[Tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return tuple(merged)


# --- the scanner ------------------------------------------------------------------------------


class _Database(NamedTuple):
    """The compiled gates of one gate list, shared by the scanners built for it."""

    database: Any
    """A Hyperscan block-mode database, or None when no gate could be compiled."""
    masks: Tuple[int, ...]
    """For each expression id, the gates (as a bitmask) it stands for."""
    always: int
    """The gates reported for every text: untranslatable or rejected by Hyperscan."""
    fallback: Tuple[str, ...]


@functools.lru_cache(maxsize=32)
def _database(gates: Tuple[str, ...]) -> _Database:
    import hyperscan

    expressions: Dict[str, int] = {}  # translated expression -> the gates it stands for
    always = 0
    for index, gate in enumerate(gates):
        try:
            expression = translate(gate)
        except ValueError:
            always |= 1 << index
            continue
        expressions[expression] = expressions.get(expression, 0) | 1 << index
    accepted = list(expressions)
    try:
        database = _compiled(hyperscan, accepted) if accepted else None
    except hyperscan.error:  # find the expressions Hyperscan rejects ("Pattern is too large")
        accepted = [expression for expression in accepted if _compiles(hyperscan, expression)]
        if not accepted:
            raise  # Hyperscan itself fails (an unsupported CPU): no scanner rather than a useless one
        database = _compiled(hyperscan, accepted)
    for expression in expressions.keys() - set(accepted):
        always |= expressions[expression]
    fallback = tuple(gate for index, gate in enumerate(gates) if always >> index & 1)
    return _Database(database, tuple(expressions[e] for e in accepted), always, fallback)


def _compiled(hyperscan: Any, expressions: List[str]) -> Any:
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(
        expressions=[expression.encode() for expression in expressions],
        ids=list(range(len(expressions))),
        flags=hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_SINGLEMATCH,
    )
    return database


def _compiles(hyperscan: Any, expression: str) -> bool:
    try:
        _compiled(hyperscan, [expression])
    except hyperscan.error:
        return False
    return True


class GateScanner:
    """All gates compiled into one Hyperscan database, scanned in one pass.

    ``hits(text)`` is a bitmask: bit ``i`` is set when ``gates[i]`` may occur in ``text``. It
    never lacks a gate that ``re`` or ``regex`` finds; it may hold a few more (see the module
    docstring). Gates it cannot check are in :attr:`fallback` and always set. Each thread scans
    with its own scratch space (Hyperscan's is not thread-safe); a forked child makes new ones.
    """

    def __init__(self, gates: Sequence[str]) -> None:
        import hyperscan

        compiled = _database(tuple(gates))
        self._database = compiled.database
        self._masks = compiled.masks
        self._always = compiled.always
        self._every = (1 << len(gates)) - 1
        self.fallback: Tuple[str, ...] = compiled.fallback
        """The gates Hyperscan cannot check, reported for every text."""
        if self._database is not None:
            self._prototype = hyperscan.Scratch(self._database)
        self._local = threading.local()
        _SCANNERS.add(self)

    def hits(self, text: str) -> int:
        """The gates that occur in ``text``, as a bitmask over their indexes in ``gates``."""
        if self._database is None or not text:
            return self._always
        try:
            data = text.encode()
        except UnicodeEncodeError:  # lone surrogates: Hyperscan cannot read the text, so fail safe
            return self._every
        if len(data) > _MAX_LENGTH:
            return self._every
        try:
            scratch = self._local.scratch
        except AttributeError:
            scratch = self._local.scratch = self._prototype.clone()
        found: List[int] = []
        self._database.scan(data, _collect, 0, found, scratch)
        mask = self._always
        for expression in found:
            mask |= self._masks[expression]
        return mask

    def _after_fork(self) -> None:
        self._local = threading.local()


_MAX_LENGTH = 0xFFFFFFFF
"""Hyperscan takes the length of a text as an unsigned 32-bit integer."""


def _collect(expression: int, start: int, end: int, flags: int, found: List[int]) -> None:
    found.append(expression)


_SCANNERS: "weakref.WeakSet[GateScanner]" = weakref.WeakSet()


def _after_fork() -> None:
    """A forked child gets fresh scratch spaces: it must not share the parent's."""
    for scanner in list(_SCANNERS):
        scanner._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def gate_scanner(gates: Sequence[str]) -> Optional[GateScanner]:
    """A scanner if the hyperscan package is importable (and OTEL_REDACT_ENGINE is not "regex"), else None."""
    if os.environ.get(ENGINE_VARIABLE, "").strip().lower() == "regex":
        return None
    try:
        import hyperscan
    except ImportError:
        return None
    try:
        return GateScanner(gates)
    except hyperscan.error:  # e.g. a CPU that Hyperscan does not support: the regex engine works
        return None
