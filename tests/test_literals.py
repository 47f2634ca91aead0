"""Reading Python literals in text: where one ends, what it holds, and what is kept as its text."""

from __future__ import annotations

import pytest

from otel_redact._literals import LITERAL_NESTING, LiteralError, Verbatim, read_literal


@pytest.mark.parametrize(
    "literal",
    [
        "{'a': 1, 'b': [1.5, -2, None, True], 'c': ('x',), 'd': {1, 2}, 'e': b'\\x00'}",
        "[{'role': 'user', 'content': \"it's ]} here\"}]",  # brackets and quotes in strings
        "{'é': 'ü', 'k': \"\\u2028\"}",
        "{'a': 'x' 'y'}",  # strings written side by side are one
    ],
)
def test_a_literal_reads_as_literal_eval_reads_it_and_ends_where_its_brackets_close(literal: str) -> None:
    import ast

    text = f"see {literal}, then ] and more"
    value, end = read_literal(text, 4)
    assert value == ast.literal_eval(literal) and text[end:] == ", then ] and more"


def test_what_is_no_literal_is_kept_as_its_text() -> None:
    literal = "{'at': datetime.datetime(2024, 1, 2,\n  3, 4), 'é': Decimal('1.5'), 'n': x.y, **extra, 'ok': 1}"
    value, end = read_literal(literal, 0)
    assert end == len(literal) and value == Verbatim(literal)  # "**extra" makes the whole dict no literal
    literal = "{'é': 'ü', 'at': datetime.datetime(2024, 1, 2,\n  3, 4),\f 'fee': Decimal('1.5'), 'v': [<Vü object at 0x7f3a>, <f at 0x1>]}"
    value, end = read_literal(literal, 0)
    assert end == len(literal) and value == {
        "é": "ü",
        "at": Verbatim("datetime.datetime(2024, 1, 2,\n  3, 4)"),
        "fee": Verbatim("Decimal('1.5')"),
        "v": [Verbatim("<Vü object at 0x7f3a>"), Verbatim("<f at 0x1>")],
    }
    assert repr(value) == literal.replace(",\f", ",")


@pytest.mark.parametrize(
    "text, read_to",
    [
        ("{'a': 1", 7),  # never closes
        ("{'a': <Foo of <Bar at 0x7f>>}", 29),  # no Python, nor an object's repr as Python writes one
        ("{[1]: 2}", 8),  # a list as a key
        ("{'a': 'unterminated}", 20),
    ],
)
def test_text_that_is_no_literal_raises_with_how_far_it_was_read(text: str, read_to: int) -> None:
    with pytest.raises(LiteralError) as raised:
        read_literal(text, 0)
    assert raised.value.pos == read_to


def test_a_literal_nested_deeper_than_the_parser_reads_raises_recursion_error() -> None:
    value, _ = read_literal("[" * LITERAL_NESTING + "]" * LITERAL_NESTING, 0)
    assert value == eval("[" * LITERAL_NESTING + "]" * LITERAL_NESTING)
    with pytest.raises(RecursionError):
        read_literal("[" * (LITERAL_NESTING + 1) + "]" * (LITERAL_NESTING + 1), 0)
