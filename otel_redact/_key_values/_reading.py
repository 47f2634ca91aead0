"""What the pair finder's modules share: limits on what is read around a separator, the shapes
of a key's value as written (:data:`_VALUE`: quoted, bracketed, an auth scheme's params, bare),
where a found key's value follows (:data:`_Key` and the ``_AFTER_`` constants), patterns tried
at each occurrence of a literal under a deadline (:func:`_matches_at`), and where a line starts
and a bare value ends.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator, List, Optional, Tuple

import regex

from otel_redact._detectors import SHORT, time_left
from otel_redact._secrets import AUTH_SCHEMES, STRING_PREFIX


_MAX_KEY = 100
"""Longest key read before a separator (longer identifiers are not taken as keys)."""
_MAX_ALIGNMENT = 32
"""Spaces or tabs that may align a key's separator or value in a column."""
_CHECK_EVERY = 256
"""Separators handled between two looks at the clock."""
_MAX_INDENT = 100
"""Whitespace (a line break and indentation) between the items of a pretty-printed list."""
_MAX_ARGUMENTS = 16
"""Arguments of a call in a sensitive key's value read for its string literals (``Creds("bob", "x")``)."""
# A quoted string (closed or cut short), after its prefix if any (b'...', f"...", a shell's
# ANSI-C quotes: $'...'), as a value is written.
_PREFIXED = r"(?:%s{1,2}+(?=[\"'])|\$(?='))?" % STRING_PREFIX
_QUOTED_VALUE = (
    r"\\\"(?P<escaped>(?:[^\"\\]++|\\(?!\").?)*+)(?:\\\"|\Z)"  # \"...\" inside a JSON string
    r"|\"(?P<double>(?:[^\"\\]++|\\.?)*+)(?:\"|\Z)"
    r"|'(?P<single>(?:[^'\\]++|\\.?)*+)(?:'|\Z)"
)
# An auth-param of an Authorization header (Digest's username="bob", response="66...";
# its quotes escaped in a JSON string): after a scheme, a list of them is the credential.
_AUTH_PARAM = r"""[\w-]{1,%d}+=(?:\\?"[^"\\\r\n]{0,1000}+\\?"|[^\s,;&}"'\\]++)""" % _MAX_KEY
# The value, after spaces or tabs that may align it in a column: a quoted string, a bracketed
# structure (balanced, a tuple too: auth=("bob", "x"); or cut short, a tuple only where a
# string opens it: then it runs to the end), an auth scheme's list of auth-params (Digest
# username="bob", response="66..."), or a bare run up to a delimiter (after an auth scheme,
# if any).
_VALUE = regex.compile(
    r"[ \t]{0,%d}%s(?:%s" % (_MAX_ALIGNMENT, _PREFIXED, _QUOTED_VALUE) +
    r"|(?P<nest>[\[{(](?:[^\[\]{}()\"']++|\"(?:[^\"\\]++|\\.)*+\"|'(?:[^'\\]++|\\.)*+'|(?&nest))*+[\]})])"
    r"|(?P<open>[\[{]|\((?=\s{0,%d}+%s{0,2}+\\?+[\"']))" % (_MAX_INDENT, STRING_PREFIX) +
    rf"|(?i:{AUTH_SCHEMES})[ \t]++(?P<params>{_AUTH_PARAM}(?:[ \t]*+,[ \t]*+{_AUTH_PARAM})*+)"
    rf"|(?:(?i:{AUTH_SCHEMES})[ \t]+(?=[^\s,;&}}\"'\\]))?"
    r"(?P<bare>[^\s,;&}\"'\\]++)"
    r")",
    regex.DOTALL,
)
_COMMAND_LINE = 1000
"""Characters of a line searched for the command that gives a flag or a here-string its
meaning (before it), or for the flag that an ``echo`` pipes to (after it)."""
# What may stand before a key that starts its line, as YAML, .env and INI files write one:
# indentation, sequence dashes, and shell's "export" ("export API_KEY=...").
_LINE_LEAD = regex.compile(r"[ \t]*+(?:-[ \t]++)*+(?:export[ \t]++)?")
_BEFORE_A_STRING = " \t\r\n{([,:="
"""What may stand before a quote opening a string (not closing one)."""
_REST_OF_LINE = regex.compile(r"""(?:[ \t,;]++(?!#|[\w.-]++[ \t]*+[:=])[^\s,;&}"'\\]++)*+""")
_RECORD_SPAN = 2000
"""Characters a record written in text may take before its value field, and after it."""
_AFTER_SEPARATOR = 0
"""A key's index is a separator written between key and value: ``:``, ``=``, a flag's space,
the ``,`` after a listed name, the quote closing a listed flag, the ``>`` ending an XML
element's opening tag, the ``p`` of ``-pX``; its value read by :data:`_VALUE`, or the pattern
:data:`_VALUE_AFTER` gives the separator."""
_AFTER_VERB = 1
"""A key's index is the ``s`` of ``is`` or ``was`` stating a value (:data:`_STATED_VALUE`),
taken only where it looks like a secret (:func:`_stated_as_a_secret`)."""
_AFTER_PASSWORD = 2
"""A key's index is the last letter of a password's name with no separator after it
(:data:`_LOOSE_VALUE`), taken only where it looks like a secret (:func:`_loosely_a_secret`)."""
_AFTER_BORN = 3
"""A key's index is the ``n`` of ``was born``: a date of birth after it, maybe past a few words."""
_AFTER_PIN = 4
"""A key's index is the ``N`` of a PIN's name (:data:`_PIN_VALUE`)."""
_AFTER_CELL = 5
"""A key's index is the pipe closing a Markdown table's cell: the next cell is its value (:func:`_next_cell`)."""
_AFTER_COLUMN = 6
"""A key's index is what stands before a Markdown table's cell (its pipe, or its line's break) in
a column whose header cell, at the key's start, names a secret: the cell is its value
(:func:`_column_cell`)."""
_AFTER_CODE_NAME = 7
"""A key's index is the space after a card code's name (``CVV 123``): three to eight digits
after it (:data:`_CODE_VALUE`)."""
_AFTER_BIRTH_NAME = 8
"""A key's index is the space after a date of birth's name (``DOB 1980-02-13``): a date after it."""
_AFTER_NAMING = 9
"""A key's index is the ``s`` of ``is`` or ``was`` after the name of a person's name
(``my name is``, ``the customer name was``): their name after it (:data:`_STATED_PERSONS_NAME`)."""
_Key = Tuple[int, int, int]
"""``(index, key start, what the index points at: an ``_AFTER_`` constant)``: where a
sensitive key's value follows. Plain ints, not an enum: a member's lookup costs 50 ns on
Python 3.11, a few per key."""
_QUOTED_KINDS = ("double", "single", "escaped")
"""The groups of :data:`_QUOTED_VALUE`: a quoted value's."""
_CLOSERS = {")": "(", "]": "[", ">": "<"}
_QUOTES = "\"'"
# A backtick that may close a code span: not followed by a letter or digit ("hunter2`.", not "ab`cd").
_CLOSING_BACKTICK = regex.compile(r"`(?!\w)")
_BARE_KEY_END = regex.compile(r"(?r)[\w.-]{1,%d}\Z" % _MAX_KEY)


def _occurrences(text: str, literal: str, deadline: Optional[float]) -> List[int]:
    """Where ``literal`` starts in ``text``, one ``find`` each, held to ``deadline``: for
    words that prose holds a few of (``is``, ``password``), not for separators, whose loop
    would build a list of every ``:`` of a JSON text."""
    found: List[int] = []
    at = text.find(literal)
    while at >= 0:
        found.append(at)
        if deadline is not None and len(found) % _CHECK_EVERY == 0:
            time_left(deadline)
        at = text.find(literal, at + 1)
    return found


def _record_opening(text: str, field_start: int, brackets: str) -> int:
    """The index of the bracket (``{`` of a record in braces, ``(`` of a call) opening the
    record whose value field starts at ``field_start``, or -1: the nearest before it, unless
    its closing bracket closes after it."""
    opening = text.rfind(brackets[0], max(0, field_start - _RECORD_SPAN), field_start)
    return opening if opening < 0 or text.find(brackets[1], opening, field_start) < 0 else -1


def _found(index: int, otherwise: int) -> int:
    """``index`` (from ``str.find``), or ``otherwise`` where nothing was found."""
    return otherwise if index < 0 else index


def _matches(pattern: Any, text: str, deadline: Optional[float]) -> Iterable[Any]:
    """``pattern``'s matches in ``text``. A time limit (even ``timeout=None``) costs the regex
    engine a fraction of a microsecond per call: as the detectors' passes, these linear
    patterns get it on long texts only."""
    return pattern.finditer(text) if len(text) <= SHORT else pattern.finditer(text, timeout=time_left(deadline))


def _after_on_its_line(command: Any, text: str, at: int) -> bool:
    """Whether ``command`` (a pattern) is found before ``at`` on its line, within
    :data:`_COMMAND_LINE` characters."""
    window = max(0, at - _COMMAND_LINE)
    return command.search(text, text.rfind("\n", window, at) + 1 or window, at) is not None


def _matches_at(pattern: Any, text: str, literal: str, deadline: Optional[float]) -> Iterator[Any]:
    """``pattern``'s matches tried at each ``literal`` in ``text`` (found by ``str.find``),
    with a time limit on long texts only, as :func:`_matches` (a stdlib pattern takes none:
    there the time is checked before each match)."""
    long = len(text) > SHORT
    stdlib = isinstance(pattern, re.Pattern)
    at = text.find(literal)
    while at >= 0:
        if not long:
            match = pattern.match(text, at)
        elif stdlib:
            time_left(deadline)
            match = pattern.match(text, at)
        else:
            match = pattern.match(text, at, timeout=time_left(deadline))
        if match is not None:
            yield match
        at = text.find(literal, at + 1)


def _matches_at_words(pattern: Any, text: str, words: Iterable[str], deadline: Optional[float]) -> Iterator[Any]:
    """``pattern``'s matches tried at each of ``words`` in ``text``, one word after another
    (:func:`_matches_at`): a pattern whose matches start with one of several words."""
    for word in words:
        yield from _matches_at(pattern, text, word, deadline)


def _separators(matches: Iterable[Any]) -> List[_Key]:
    """``(separator index, key start)`` of ``matches`` that run from their key to their
    separator (the value follows the match)."""
    return [(match.end() - 1, match.start(), _AFTER_SEPARATOR) for match in matches]


def _trimmed(text: str, begin: int, end: int) -> int:
    """``end`` before a backtick closing a code span opened before the value (```--token x`
    now``; in Markdown a single backtick closes it), and before closing brackets that close
    what the bare value did not open."""
    if text.find("`", begin + 1, end) >= 0 and text.rfind("`", 0, begin) >= 0:
        closing = _CLOSING_BACKTICK.search(text, begin + 1, end)
        if closing is not None:
            end = closing.start()
    while end > begin and text[end - 1] in _CLOSERS and _CLOSERS[text[end - 1]] not in text[begin : end - 1]:
        end -= 1
    return end


def _with_its_braces(text: str, begin: int, end: int) -> int:
    """``end`` after the ``}`` that close the braces the bare value at ``begin:end`` opened
    (a shell's default, ``${POSTGRES_PASSWORD:-x}``: a bare value ends before a ``}``, which
    would be left after the marker)."""
    while text[end : end + 1] == "}" and text.count("{", begin, end) > text.count("}", begin, end):
        end += 1
    return end


def _starts_its_line(lines: str, key_start: int) -> bool:
    """Whether the key at ``key_start`` starts its line in ``lines`` (the text as written,
    where a line may break at an escaped ``\\n``), after indentation alone, or a string
    (``{'cfg': 'password: x y'}``): a line of YAML, .env or INI, whose bare value is the rest
    of the line, spaces and all."""
    if key_start > 0 and lines[key_start - 1] in _QUOTES:
        quote = key_start - 2 if lines[key_start - 2 : key_start - 1] == "\\" else key_start - 1
        return quote == 0 or lines[quote - 1] in _BEFORE_A_STRING
    line_start = _line_start(lines, key_start)
    return line_start >= 0 and _LINE_LEAD.fullmatch(lines, line_start, key_start) is not None


def _line_start(lines: str, at: int, reach: int = _MAX_INDENT) -> int:
    """The start of the line holding ``at`` in ``lines`` (the text as written, where a line may
    break at an escaped ``\\n``), or -1 where no line break is within ``reach`` before it."""
    window = max(0, at - reach)
    newline = lines.rfind("\n", window, at)
    escaped = lines.rfind("\\n", window, at)
    line_start = max(newline + 1, escaped + 2 if escaped >= 0 else 0)
    return -1 if line_start == 0 and window > 0 else line_start


def _in_prose(text: str, key_start: int) -> bool:
    """Whether the key follows a word on its line ("the token:"), not a line start or punctuation."""
    index = key_start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index >= 0 and (text[index].isalnum() or text[index] == "_")
