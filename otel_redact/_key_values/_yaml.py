"""YAML layout: a sensitive key's value on the lines after it, read as its value is:

- a key ending its line, its value alone on the next line (``Password:\\n  hunter2``, YAML
  and log style; a next line holding more, or a key of a nested mapping, is not a value),
  or, where the key starts its line, a YAML plain scalar on the lines after it indented
  deeper (``password:\\n  correct horse battery\\nuser: bob``, after a comment too:
  ``password: # set by ops\\n  x``, where the key may follow punctuation, as deep as its
  line: ``config: password: # ops\\n  x``; not a nested mapping's key nor a sequence's item,
  ``- must be 8 characters``; a comment with no value under it is none: ``password: # later``);
- a YAML block scalar (``password: |``, ``>``, ``|-``, ``>+``, a comment after it): its
  value is every line after it indented deeper than the key, up to the first line that is
  not (blank lines inside it too); its lines break as the header's line does, so a block in
  an escaped string (``repr()``, JSON cut short: ``password: |\\n  x``) is read as well. A key
  after more than spaces and sequence dashes (``{'cfg': 'password: |``) is as deep as its line;
- a YAML block sequence after a key ending its line (``api_keys:\\n  - k1\\n  - k2``): its
  items, deeper than the key or at its column, up to the first line that is neither (its
  lines break as a block scalar's do); not a list whose first item reads as prose
  (``Passwords:\\n- must be 8 characters``).
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

import regex

from otel_redact._detectors import time_left
from otel_redact._key_values._reading import (
    _CHECK_EVERY,
    _MAX_ALIGNMENT,
    _MAX_KEY,
    _QUOTES,
    _VALUE,
    _in_prose,
    _starts_its_line,
)


# A YAML block scalar's header after a key's colon: "|" or ">" and its chomping and
# indentation indicators in either order ("|-", ">+", "|2-"); then, read in the text as
# written, a comment and the line break (group "escaped": backslash-n as repr() and JSON
# write it, when the text was an escaped string).
_BLOCK_INDICATOR = regex.compile(r"[ \t]{0,%d}+[|>](?:[1-9][+-]?|[+-][1-9]?)?+" % _MAX_ALIGNMENT)
_BLOCK_HEADER_END = regex.compile(
    r"[ \t]{0,%d}+(?:(?<=[ \t])#(?:[^\r\n\\]++|\\(?![rn]))*+)?(?:\r?\n|(?P<escaped>(?:\\r)?\\n))" % _MAX_ALIGNMENT
)
# What may stand before a key on its line for the key's column to be its indentation: spaces
# and the dashes of sequence items ("- password: |", "  - - token: >").
_KEY_INDENT = regex.compile(r"[ \t]*+(?:-[ \t]++)*+")
_COMMENT_GAP = ("", " ", "\t", "\r", "\n")
"""What follows the ``#`` of a comment standing for a key's value (``password: # set later``):
a ``#`` with a character after it (``#hunter2``) may open a secret."""
# Nothing but spaces up to the end of a line: after a key, its value is on the next line;
# after such a value, the value is alone on its line.
_LINE_END = regex.compile(r"[ \t]{0,%d}+\r?\n" % _MAX_ALIGNMENT)
_ALONE = regex.compile(r"[ \t]{0,%d}+(?:\r?\n|\Z)" % _MAX_ALIGNMENT)
# The start of a line that opens a nested mapping or a sequence, not a scalar: a key and its
# colon ("oauth:", "user: bob", '"user": x'), or a sequence item's dash.
_NESTED_NODE = regex.compile(
    r"""(?:[\w.-]{1,%d}+|"[^"\r\n]{0,%d}+"|'[^'\r\n]{0,%d}+')[ \t]*+:(?:[ \t\r\n]|\Z)|-(?:[ \t\r\n]|\Z)"""
    % (_MAX_KEY, _MAX_KEY, _MAX_KEY)
)


def _block_scalar(
    text: str, lines: str, start: int, key_start: int, deadline: Optional[float]
) -> Optional[Tuple[int, int]]:
    """The span of a YAML block scalar's lines if its header follows ``start`` (``password: |``),
    from the first line indented deeper than the key to the last, blank lines within; ``None``
    if no line is. ``lines``: ``text`` as written (with its escapes), where its lines break."""
    indicator = _BLOCK_INDICATOR.match(text, start)
    header = None if indicator is None else _BLOCK_HEADER_END.match(lines, indicator.end())
    return None if header is None else _lines_under(text, lines, header, key_start, deadline, items=False)


def _block_sequence(
    text: str, lines: str, start: int, key_start: int, deadline: Optional[float]
) -> Optional[Tuple[int, int]]:
    """The span of a YAML block sequence's items if the key ends its line at ``start`` and
    the next line opens one (``api_keys:\\n  - k1\\n  - k2``), from the first item's value to
    the end of the last item, up to a line no deeper than the key that is not an item; ``None``
    if none opens, or if its first item reads as prose (``- must be 8 characters``)."""
    header = _BLOCK_HEADER_END.match(lines, start)
    return None if header is None else _lines_under(text, lines, header, key_start, deadline, items=True)


def _lines_under(
    text: str, lines: str, header: Any, key_start: int, deadline: Optional[float], items: bool
) -> Optional[Tuple[int, int]]:
    """The span of the lines after ``header`` (the end of the key's line) that belong to the
    key at ``key_start``: those indented deeper than the key, blank lines within, and, for
    the ``items`` of a sequence, those at its column that open an item (``- x``)."""
    line_break = "\n" if header.group("escaped") is None else "\\n"
    line_start = lines.rfind(line_break, 0, key_start)
    before_key = text[line_start + len(line_break) if line_start >= 0 else 0 : key_start]
    if _KEY_INDENT.fullmatch(before_key) is not None:
        key_indent = len(before_key)
    else:
        key_indent = len(before_key) - len(before_key.lstrip(" \t"))
    begin = end = -1
    line = header.end()
    seen = 0
    while line < len(text):
        seen += 1
        if deadline is not None and seen % _CHECK_EVERY == 0:
            time_left(deadline)
        line_end = lines.find(line_break, line)
        if line_end < 0:
            line_end = len(text)
        content = text[line:line_end]
        indented = content.lstrip(" \t")
        visible = indented.rstrip()
        if visible:
            indent = len(content) - len(indented)
            item = items and visible[0] == "-" and visible[1:2] in ("", " ", "\t")
            if indent < key_indent or (indent == key_indent and not item):
                break
            if begin < 0:
                if items and not (item and _opens_with_a_value(visible[1:].lstrip(" \t"))):
                    return None
                begin = line_end - len(indented[1:].lstrip(" \t")) if items else line_end - len(indented)
            end = line_end - len(indented) + len(visible)
        line = line_end + len(line_break)
    return (begin, end) if begin >= 0 else None


def _plain_scalar(
    text: str, lines: str, start: int, key_start: int, deadline: Optional[float], after_a_comment: bool
) -> Optional[Tuple[int, int]]:
    """The span of a YAML plain scalar on the lines after a key that starts and ends its line
    (``password:\n  correct horse battery``), those indented deeper than the key; ``None`` if
    none is, or if the first opens a nested mapping or a sequence (``oauth:``, ``user: bob``,
    ``- must be 8 characters``), or if the key follows words (prose: "the token:"). A key
    ending its line ``after_a_comment`` may follow punctuation too (``config: password: #
    ops\n  x``: a comment is no prose's), as deep as its line."""
    if not (_starts_its_line(lines, key_start) or (after_a_comment and not _in_prose(text, key_start))):
        return None
    header = _BLOCK_HEADER_END.match(lines, start)
    span = None if header is None else _lines_under(text, lines, header, key_start, deadline, items=False)
    return None if span is None or _NESTED_NODE.match(text, span[0]) is not None else span


def _opens_with_a_value(item: str) -> bool:
    """Whether the first item of a sequence under a sensitive key holds a value, not prose:
    one word, a quoted string, or a mapping's key (``- k1``, ``- "a b"``, ``- name: x``)."""
    words = item.split(None, 1)
    return len(words) < 2 or item[0] in _QUOTES or words[0][-1] == ":"


def _next_line_value(text: str, start: int, timeout: Optional[float]) -> Optional[regex.Match]:
    """The value alone on the next line, if only spaces follow ``start`` on its own line
    (``Password:\\n  hunter2``); not a key opening a nested mapping (``oauth:``), nor the
    first word of a line of prose."""
    line_end = _LINE_END.match(text, start)
    if line_end is None:
        return None
    match = _VALUE.match(text, line_end.end(), timeout=timeout)
    if match is None or _ALONE.match(text, match.end()) is None or text[match.end() - 1] == ":":
        return None
    return match
