"""Python literals in text: the ``repr`` of a dict or a list that code puts into a prompt, a
log line or an attribute (``str(record)``, ``f"{messages}"``), read as :func:`ast.literal_eval`
reads it, where it ends found first (as ``json.JSONDecoder.raw_decode`` does for JSON). What
``literal_eval`` refuses inside it, an object's ``repr`` (``datetime.date(2024, 1, 1)``,
``Decimal('1.5')``, ``<Visit object at 0x7f3a>``), is kept as its text (:class:`Verbatim`), so
that the rest is still read."""

from __future__ import annotations

import ast
import re
from typing import Any, List, Tuple

LITERAL_NESTING = 100
"""Brackets a literal may nest to be read: Python's parser refuses 200 ("too many nested
parentheses"), and the walk redacts what lies deeper than its ``max_depth`` whole."""

_TOKEN = re.compile(r"""'(?:[^'\\\n]|\\.)*+'|"(?:[^"\\\n]|\\.)*+"|<[^<>'"\[\](){}\n]*? at 0x[0-9a-fA-F]++>|[\[\](){}]""")
"""A string as ``repr`` writes it (on one line, its quotes escaped), an object's default ``repr``
(``<Visit object at 0x7f3a>``, no Python: read as a name of its length), or a bracket: what
tells where a literal ends."""
_OPENERS = "[({"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
"""A line as the parser counts them (not ``str.splitlines``, which splits at form feeds too)."""


class LiteralError(ValueError):
    """Text that holds no Python literal where one was sought; ``pos``: how far it was read."""

    def __init__(self, pos: int) -> None:
        super().__init__(f"no Python literal (read to {pos})")
        self.pos = pos


class Verbatim:
    """A part of a literal that is no literal (a call, a name), kept as its source text: its
    ``repr`` writes it back as it was."""

    __slots__ = ("source",)

    def __init__(self, source: str) -> None:
        self.source = source

    def __repr__(self) -> str:
        return self.source

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Verbatim) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)


def read_literal(text: str, start: int) -> Tuple[Any, int]:
    """The Python literal whose opening bracket is at ``start`` in ``text``, and the index
    after its closing one. Raises :class:`LiteralError` where its brackets do not close or they
    hold no Python expression, and :class:`RecursionError` where they nest deeper than
    :data:`LITERAL_NESTING`."""
    depth = 0
    objects: List[Tuple[int, int]] = []
    for token in _TOKEN.finditer(text, start):
        bracket = text[token.start()]
        if bracket == "<":
            objects.append(token.span())
        if bracket in "'\"<":
            continue
        depth += 1 if bracket in _OPENERS else -1
        if depth > LITERAL_NESTING:
            raise RecursionError("a Python literal nested too deep to read")
        if depth == 0:
            end = token.end()
            break
    else:
        raise LiteralError(len(text))
    pieces: List[str] = []
    position = start
    for object_start, object_end in objects:  # a "_" for each of its UTF-8 bytes: the nodes' byte offsets stay
        pieces += text[position:object_start], "_" * len(text[object_start:object_end].encode())
        position = object_end
    pieces.append(text[position:end])
    try:
        return _Converter(text[start:end]).value(ast.parse("".join(pieces), mode="eval").body), end
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):  # TypeError: a set of lists
        raise LiteralError(end) from None


class _Converter:
    """The values of a parsed literal's nodes, as :func:`ast.literal_eval` gives them, or
    :class:`Verbatim` for a node it refuses (its source cut by the node's byte offsets)."""

    def __init__(self, source: str) -> None:
        self._lines: List[bytes] = [line.encode() for line in _LINE.findall(source)]

    def value(self, node: ast.expr) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Dict):
            keys = [key for key in node.keys if key is not None]  # None: a "**mapping" in it
            if len(keys) == len(node.keys):
                return {self.value(key): self.value(value) for key, value in zip(keys, node.values)}
        if isinstance(node, ast.List):
            return [self.value(item) for item in node.elts]
        if isinstance(node, ast.Tuple):
            return tuple(self.value(item) for item in node.elts)
        if isinstance(node, ast.Set):
            return {self.value(item) for item in node.elts}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            number = node.operand.value
            if isinstance(number, (int, float, complex)) and not isinstance(number, bool):
                return -number
        return Verbatim(self._source(node))

    def _source(self, node: ast.expr) -> str:
        """The text ``node`` was parsed from (``ast.get_source_segment`` without splitting the
        whole source again for each node)."""
        first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
        start, end = node.col_offset, node.end_col_offset
        if first == last:
            return self._lines[first][start:end].decode()
        middle = b"".join(self._lines[first + 1 : last])
        return (self._lines[first][start:] + middle + self._lines[last][:end]).decode()
